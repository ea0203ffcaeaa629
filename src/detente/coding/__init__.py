"""Event coding: PLOVER events with modality, and claims with disputes.

Coders are registered under versioned names; a changed behaviour gets a new version, and every
stored event records the coder that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from detente.config import Settings
from detente.errors import ConfigError

CODERS: dict[str, Callable[[Settings], Any]] = {}


def register_coder(name: str) -> Callable[[Callable[[Settings], Any]], Callable[[Settings], Any]]:
    def wrap(factory: Callable[[Settings], Any]) -> Callable[[Settings], Any]:
        CODERS[name] = factory
        return factory

    return wrap


@register_coder("plover.rules.v1")
def _rules_v1(settings: Settings) -> Any:
    from detente.coding.coder import RulesCoder

    return RulesCoder(settings)


def get_coder(settings: Settings) -> Any:
    """The coder named by ``settings.coding.coder``."""
    factory = CODERS.get(settings.coding.coder)
    if factory is None:
        raise ConfigError(f"Unknown coder {settings.coding.coder!r}; registered: {', '.join(sorted(CODERS))}.")
    return factory(settings)
