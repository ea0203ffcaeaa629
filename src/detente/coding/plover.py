"""The PLOVER ontology as detente uses it: 16 types, their quad class and base intensity.

Intensity runs from -10 (most hostile) to +10 (most cooperative). The base values follow the
spirit of the Goldstein scale for the CAMEO codes each PLOVER type absorbs (PLOVER's own
crosswalk, ``cameo2plover``); a trigger can shift it (a phone call is milder than a summit).
"""

from __future__ import annotations

from dataclasses import dataclass

VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad_class: int
    intensity: float
    symmetric: bool  # "A and B held talks" gives one A->B event


TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("AGREE", VERBAL_COOPERATION, 4.0, True),
    EventType("CONSULT", VERBAL_COOPERATION, 2.0, True),
    EventType("SUPPORT", VERBAL_COOPERATION, 3.0, False),
    EventType("CONCEDE", VERBAL_COOPERATION, 5.0, False),
    EventType("COOPERATE", MATERIAL_COOPERATION, 6.0, True),
    EventType("AID", MATERIAL_COOPERATION, 7.0, False),
    EventType("RETREAT", MATERIAL_COOPERATION, 5.0, False),
    EventType("REQUEST", VERBAL_CONFLICT, -1.0, False),
    EventType("ACCUSE", VERBAL_CONFLICT, -3.0, False),
    EventType("REJECT", VERBAL_CONFLICT, -4.0, False),
    EventType("THREATEN", VERBAL_CONFLICT, -6.0, False),
    EventType("PROTEST", MATERIAL_CONFLICT, -5.0, False),
    EventType("SANCTION", MATERIAL_CONFLICT, -6.0, False),
    EventType("MOBILIZE", MATERIAL_CONFLICT, -7.0, False),
    EventType("COERCE", MATERIAL_CONFLICT, -7.0, False),
    EventType("ASSAULT", MATERIAL_CONFLICT, -9.0, True),
)}
