"""Shifts: when relations between two actors warm or cool beyond the series' own noise.

Method (binary segmentation with a permutation CUSUM test)
    The series is the dyad's net cooperation–conflict index per period (``dyads.py``), taken over
    the periods that have events (a period without events has no index, not a neutral one).
    For a segment x₁…xₙ the statistic of a split after k is the standardised mean difference
    ``T_k = |mean(x_k+1…n) − mean(x_1…k)| · sqrt(k(n−k)/n)`` (the CUSUM / two-sample z form), with
    both sides at least ``min_size`` periods long; ``T = max_k T_k``. Its null distribution is the
    same statistic over ``permutations`` random reorderings of the segment: if the index only
    fluctuates around one level the order of the periods carries no information, so the p-value
    ``(1 + #{T_perm ≥ T}) / (permutations + 1)`` is exact whatever the distribution of the noise.
    A split with p ≤ ``alpha`` is a shift, and both sides are tested again (up to ``max_shifts``).

False-positive rate
    In a series with no shift the first test reports one with probability ``alpha`` (default 0.05)
    and no shift is ever reported without the first test rejecting, so at most ``alpha`` of pure
    noise series show any shift (``tests/analysis/test_shifts.py`` checks this on 200 series).
    Once a real shift is found, each sub-segment is tested at ``alpha`` again, so a series with
    real shifts gets a spurious extra split about ``alpha`` of the time per extra segment tested.
    The permutation null assumes exchangeable periods: strongly autocorrelated noise (a slow
    drift) will be reported as shifts, which is usually what a reader wants to see anyway.

Units
    ``unit="event"`` (the default) runs the same test on the sequence of real-world events in date
    order, each scored by its intensity / 10, splitting only between periods. A busy week
    then weighs more than a quiet one, which gives the test its power on sparse news (a dyad with
    twenty events over ten months); ``unit="period"`` tests the per-period index instead. Either
    way the permutation null keeps the false-positive rate at ``alpha``.

Driving events
    The real-world events in the first ``min_size`` periods after the shift whose intensity points
    the way of the shift (positive for warming, negative for cooling), strongest first.

Example::

    >>> report = detect_shifts(store, DyadQuery("USA", "PAK", freq="week"))
    >>> [(s.start, s.direction, round(s.size, 2)) for s in report.shifts]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from detente.analysis.dyads import (
    DyadQuery,
    DyadSeries,
    dyad_series,
    event_sequence,
    next_period,
    period_start,
    real_events,
)
from detente.errors import InputError
from detente.store import Store


@dataclass(frozen=True, slots=True)
class ShiftOptions:
    """Settings of the shift test (see the module docstring)."""

    alpha: float = 0.05
    permutations: int = 999
    min_size: int = 3  # periods on each side: fewer makes single outlying periods look like shifts
    max_shifts: int = 5
    seed: int = 0  # fixed so that the same store always gives the same shifts
    drivers: int = 5
    unit: Literal["event", "period"] = "event"

    def __post_init__(self) -> None:
        if not 0 < self.alpha < 1:
            raise InputError(f"alpha must be between 0 and 1, not {self.alpha}.")
        if self.unit not in ("event", "period"):
            raise InputError(f"unit must be 'event' or 'period', not {self.unit!r}.")
        if self.permutations < 19 or self.min_size < 1 or self.max_shifts < 1:
            raise InputError("permutations must be at least 19, min_size and max_shifts at least 1.")


@dataclass(frozen=True, slots=True)
class Change:
    """A change point found in a plain sequence: the first position of the new level."""

    at: int
    before: float
    after: float
    p_value: float


@dataclass(slots=True)
class Shift:
    """A warming or cooling of the dyad, with the events that drive it."""

    start: dt.date  # first period at the new level
    last_before: dt.date  # last period at the old level
    direction: Literal["warming", "cooling"]
    before: float  # mean index of the periods before (back to the previous shift)
    after: float
    p_value: float
    drivers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> float:
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "size": self.size}


@dataclass(slots=True)
class ShiftReport:
    series: DyadSeries
    options: ShiftOptions
    shifts: list[Shift]
    periods_tested: int

    def to_dict(self) -> dict[str, Any]:
        q = self.series.query
        return {"a": q.a, "b": q.b, "freq": q.freq, "coder": self.series.coder, "alpha": self.options.alpha,
                "method": f"binary segmentation, permutation CUSUM test over {self.options.unit}s", "periods_tested": self.periods_tested,
                "undated_left_out": self.series.undated, "historical_left_out": self.series.historical,
                "shifts": [s.to_dict() for s in self.shifts]}


def split_statistic(x: np.ndarray, min_size: int) -> np.ndarray:
    """T_k for every allowed split of each row of ``x`` (shape: rows × splits)."""
    n = x.shape[-1]
    k = np.arange(min_size, n - min_size + 1)
    sums = np.cumsum(x, axis=-1)
    left = sums[..., k - 1]
    total = sums[..., -1:]
    diff = (total - left) / (n - k) - left / k
    stats: np.ndarray = np.abs(diff) * np.sqrt(k * (n - k) / n)
    return stats


def change_test(x: np.ndarray, options: ShiftOptions, rng: np.random.Generator,
                allowed: np.ndarray | None = None) -> tuple[int, float] | None:
    """(position of the best split, permutation p-value), or None when the segment is too short or flat.

    ``allowed[k]`` says whether a split before position k may be reported (events of one day stay
    together); the null distribution uses the same positions.
    """
    n = len(x)
    if n < 2 * options.min_size or np.ptp(x) == 0:
        return None
    mask = np.ones(n - 2 * options.min_size + 1, dtype=bool)
    if allowed is not None:
        mask = allowed[options.min_size : n - options.min_size + 1]
        if not mask.any():
            return None
    observed = np.where(mask, split_statistic(x, options.min_size), -np.inf)
    best = int(np.argmax(observed))
    shuffled = rng.permuted(np.broadcast_to(x, (options.permutations, n)), axis=1)
    null = np.where(mask, split_statistic(shuffled, options.min_size), -np.inf).max(axis=1)
    p = (1 + int(np.sum(null >= observed[best] - 1e-12))) / (options.permutations + 1)
    return best + options.min_size, p


def find_changes(values: np.ndarray | list[float], options: ShiftOptions = ShiftOptions(),
                 allowed: np.ndarray | None = None) -> list[Change]:
    """Change points of a sequence by binary segmentation (see the module docstring)."""
    x = np.asarray(values, dtype=float)
    rng = np.random.default_rng(options.seed)
    cuts: list[tuple[int, float]] = []
    todo = [(0, len(x))]
    while todo and len(cuts) < options.max_shifts:
        lo, hi = todo.pop(0)
        found = change_test(x[lo:hi], options, rng, None if allowed is None else allowed[lo:hi])
        if found is None or found[1] > options.alpha:
            continue
        cuts.append((lo + found[0], found[1]))
        todo += [(lo, lo + found[0]), (lo + found[0], hi)]
    cuts.sort()
    bounds = [0, *(c for c, _ in cuts), len(x)]
    return [Change(at, float(x[bounds[i]:at].mean()), float(x[at:bounds[i + 2]].mean()), p)
            for i, (at, p) in enumerate(cuts)]


def detect_shifts(store: Store, q: DyadQuery, options: ShiftOptions = ShiftOptions()) -> ShiftReport:
    """Warming and cooling of the dyad ``q``, each with its driving events."""
    series = dyad_series(store, q)
    allowed = None
    if options.unit == "event":
        points = [(day, max(-1.0, min(1.0, value / 10))) for day, value in event_sequence(store, q)]
        starts = [period_start(day, q.freq) for day, _ in points]
        allowed = np.array([i == 0 or starts[i] != starts[i - 1] for i in range(len(points))])
    else:
        points = [(p.start, p.index) for p in series.periods if p.index is not None]
    changes = find_changes([v for _, v in points], options, allowed) if points else []
    shifts = []
    for change in changes:
        direction: Literal["warming", "cooling"] = "warming" if change.after > change.before else "cooling"
        start = points[change.at][0]
        window = points[min(change.at + options.min_size, len(points)) - 1][0]
        # Shifts are reported by period, so they line up with the series' bars.
        shift = Shift(period_start(start, q.freq), period_start(points[change.at - 1][0], q.freq), direction,
                      change.before, change.after, change.p_value)
        shift.drivers = _drivers(store, q, start, next_period(period_start(window, q.freq), q.freq), direction,
                                 options.drivers)
        shifts.append(shift)
    return ShiftReport(series, options, shifts, len({period_start(day, q.freq) for day, _ in points}))


def _drivers(store: Store, q: DyadQuery, start: dt.date, end: dt.date, direction: str,
             limit: int) -> list[dict[str, Any]]:
    """Real-world events in [start, end) that push the index the way of the shift, strongest first."""
    window = DyadQuery(q.a, q.b, q.freq, q.both, max(start, q.since or start),
                       min(end - dt.timedelta(days=1), q.until or end), q.coder, q.modalities)
    sign = 1 if direction == "warming" else -1
    events = real_events(store, window, order="salience", limit=1000).items
    pushing = [e for e in events if (e["intensity"] or 0) * sign > 0]
    return pushing[:limit]
