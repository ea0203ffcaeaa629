from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from analysis_rows import article, event

from detente.analysis.dyads import DyadQuery
from detente.analysis.shifts import ShiftOptions, detect_shifts, find_changes, split_statistic
from detente.errors import InputError

FAST = ShiftOptions(permutations=199)


def test_split_statistic_peaks_at_the_planted_change():
    x = np.array([0.0] * 10 + [1.0] * 10)
    stats = split_statistic(x, 2)
    assert int(np.argmax(stats)) + 2 == 10


def test_planted_shift_is_found():
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(-0.4, 0.25, 20), rng.normal(0.4, 0.25, 20)])
    changes = find_changes(x, FAST)
    assert len(changes) == 1
    assert abs(changes[0].at - 20) <= 1
    assert changes[0].after > changes[0].before
    assert changes[0].p_value <= 0.05


def test_two_planted_shifts_are_found():
    """Both planted changes are always found; each later sub-segment is tested at alpha again, so
    an extra split inside a level appears now and then (about alpha per extra segment tested)."""
    exact = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        x = np.concatenate([rng.normal(0.5, 0.2, 15), rng.normal(-0.5, 0.2, 15), rng.normal(0.3, 0.2, 15)])
        ats = [c.at for c in find_changes(x, ShiftOptions(permutations=199, seed=seed))]
        assert any(abs(a - 15) <= 1 for a in ats) and any(abs(a - 30) <= 1 for a in ats)
        exact += len(ats) == 2
    assert exact >= 14


@pytest.mark.parametrize("noise", ["normal", "bounded"])
def test_noise_false_positive_rate_is_at_most_twice_alpha(noise):
    """200 shift-free series: at most 2 × alpha of them may show a shift (nominal rate: alpha)."""
    rng = np.random.default_rng(7)
    flagged = 0
    for i in range(200):
        x = rng.normal(0, 1, 30) if noise == "normal" else np.clip(rng.normal(0.2, 0.6, 30), -1, 1)
        flagged += bool(find_changes(x, ShiftOptions(permutations=199, seed=i)))
    assert flagged <= 2 * 0.05 * 200


def test_flat_and_short_series_have_no_shift():
    assert find_changes([0.5] * 30, FAST) == []
    assert find_changes([0.0, 1.0, 0.0], FAST) == []
    assert find_changes([], FAST) == []


def test_bad_options():
    with pytest.raises(InputError):
        ShiftOptions(alpha=1.5)
    with pytest.raises(InputError):
        ShiftOptions(permutations=5)


def test_detect_shifts_on_a_store_names_the_driving_events(make_store):
    """Ten weeks of US–Pakistan conflict, then ten of cooperation, with noise in the intensities."""
    rng = np.random.default_rng(3)
    start = dt.date(2025, 1, 6)  # a Monday
    arts, evs = [], []
    for week in range(20):
        for k in range(3):
            day = start + dt.timedelta(days=7 * week + k)
            aid = f"w{week}d{k}"
            arts.append(article(aid, day.isoformat()))
            base = -4.0 if week < 10 else 4.0
            quad, kind = (3, "ACCUSE") if base < 0 else (1, "CONSULT")
            value = float(np.clip(base + rng.normal(0, 3), -10, 10))
            evs.append(event(aid, day.isoformat(), "USAGOV", "PAKGOV", kind, quad, value, evidence=f"Week {week}."))
    store = make_store(arts, evs)
    report = detect_shifts(store, DyadQuery("USA", "PAK", freq="week"), FAST)
    assert report.periods_tested == 20
    assert len(report.shifts) == 1
    shift = report.shifts[0]
    assert shift.direction == "warming"
    assert shift.start == start + dt.timedelta(weeks=10)
    assert shift.size > 0.5
    assert shift.drivers and all(d["intensity"] > 0 for d in shift.drivers)
    assert all(shift.start <= d["date"] < shift.start + dt.timedelta(weeks=3) for d in shift.drivers)
    assert report.to_dict()["shifts"][0]["direction"] == "warming"
