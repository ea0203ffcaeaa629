"""Relations analysis over the store: dyad series, shifts, actor network, stories and outlets.

Every function takes a ``Store`` (read-only is enough) and one query object, and returns plain
dataclasses with ``to_dict()``; the CLI, the REST API, the dashboard and the briefs only call these.
"""

from detente.analysis.clusters import Story, StoryQuery, find_stories, get_story
from detente.analysis.dyads import (
                                    DyadQuery,
                                    DyadSeries,
                                    EventFilter,
                                    Page,
                                    Period,
                                    dyad_series,
                                    known_actors,
                                    list_events,
                                    real_events,
)
from detente.analysis.network import Network, NetworkQuery, actor_network, top_dyads
from detente.analysis.outlets import (
                                    ClaimFilter,
                                    OutletComparison,
                                    compare_outlets,
                                    disputes,
                                    list_claims,
)
from detente.analysis.shifts import (
                                    Shift,
                                    ShiftOptions,
                                    ShiftReport,
                                    detect_shifts,
                                    find_changes,
)

__all__ = [
    "ClaimFilter", "DyadQuery", "DyadSeries", "EventFilter", "Network", "NetworkQuery", "OutletComparison",
    "Page", "Period", "Shift", "ShiftOptions", "ShiftReport", "Story", "StoryQuery", "actor_network",
    "compare_outlets", "detect_shifts", "disputes", "dyad_series", "find_changes", "find_stories", "get_story",
    "known_actors", "list_claims", "list_events", "real_events", "top_dyads",
]
