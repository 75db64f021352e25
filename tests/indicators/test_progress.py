"""Progress status: each band and each special rule of indicators/progress.py.

Ratios are worked by hand beside each case: obs is the observed compound annual
growth (CAGR) from the baseline to the latest year, req the CAGR required from
the latest value to the goal over the years left, R = obs / req rounded to four
decimals. Roots are written to six decimals.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.progress import (
    ACCELERATION_NEEDED,
    ACHIEVED,
    DETERIORATION,
    LIMITED,
    NO_DATA,
    ON_TRACK,
    STATUS_LABELS,
    Assessment,
    TargetSpec,
    assess,
    assess_worst,
    status_for_ratio,
    target_met,
)

D = Decimal


def series(*points: tuple[int, str | int | None]) -> list[tuple[int, Decimal | None]]:
    return [(year, None if value is None else D(str(value))) for year, value in points]


def target(year: int, comparator: str, value: str | int,
           value_high: str | int | None = None) -> TargetSpec:
    return TargetSpec(year, comparator, D(str(value)),
                      None if value_high is None else D(str(value_high)))


BELOW_9_5 = target(2025, "<", "9.5")  # chỉ tiêu 3a: tử vong sơ sinh dưới 9,5‰
REDUCE_2_TO_3 = target(2030, "annual_change", -3, -2)  # chỉ tiêu 13: giảm 2–3% mỗi năm

# (series, target, direction, status, ratio)
CASES = [
    # --- no data -------------------------------------------------------------------
    pytest.param([], BELOW_9_5, "decrease", NO_DATA, None, id="no-data-empty"),
    pytest.param(series((2021, None), (2022, None)), BELOW_9_5, "decrease", NO_DATA, None,
                 id="no-data-only-blank-years"),
    # --- achieved: the comparator holds at the latest value --------------------------
    pytest.param(series((2021, 12), (2023, "9.2")), BELOW_9_5, "decrease", ACHIEVED, None,
                 id="achieved-below"),  # 9.2 < 9.5
    pytest.param(series((2021, 10), (2023, "9.5")), target(2025, "<=", "9.5"), "decrease",
                 ACHIEVED, None, id="achieved-at-most-on-the-bound"),  # 9.5 <= 9.5
    pytest.param(series((2021, 80), (2024, 91)), target(2025, ">=", 90), "increase",
                 ACHIEVED, None, id="achieved-at-least"),  # 91 >= 90
    pytest.param(series((2021, 88), (2023, 91)), target(2025, ">", 90), "increase",
                 ACHIEVED, None, id="achieved-above"),  # 91 > 90
    pytest.param(series((2021, 12), (2023, 11), (2024, 9)), BELOW_9_5, "decrease", ACHIEVED,
                 None, id="achieved-uses-the-latest-year"),  # 9 (2024) < 9.5
    # --- the four bands, general rule (CAGR) -------------------------------------
    # chỉ tiêu 3a. obs = (11/12)^(1/2) − 1 = 0.957427 − 1 = −0.042573
    #              req = (9.5/11)^(1/2) − 1 = 0.929320 − 1 = −0.070680 → R = 0.6023
    pytest.param(series((2021, 12), (2023, 11)), BELOW_9_5, "decrease", ACCELERATION_NEEDED,
                 D("0.6023"), id="acceleration-mortality-falling-too-slowly"),
    # obs = (121/100)^(1/2) − 1 = 0.1; req = 133.1/121 − 1 = 0.1 → R = 1
    pytest.param(series((2021, 100), (2023, 121)), target(2024, ">=", "133.1"), "increase",
                 ON_TRACK, D("1.0000"), id="on-track-same-pace"),
    # obs = (85/80)^(1/2) − 1 = 0.030776; req = 90/85 − 1 = 0.058824 → R = 0.5232
    pytest.param(series((2021, 80), (2023, 85)), target(2024, ">=", 90), "increase",
                 ACCELERATION_NEEDED, D("0.5232"), id="acceleration-coverage-rising-slowly"),
    # obs = 50/50 − 1 = 0 → R = 0
    pytest.param(series((2021, 50), (2023, 50)), target(2025, ">=", 60), "increase",
                 LIMITED, D("0.0000"), id="limited-flat"),
    # obs = 11/10 − 1 = 0.1; req = (9.5/11)^(1/3) − 1 = −0.047693 → R = −2.0967
    pytest.param(series((2021, 10), (2022, 11)), BELOW_9_5, "decrease", DETERIORATION,
                 D("-2.0967"), id="deterioration-mortality-rising"),
    # --- boundaries: one-year spans keep the arithmetic exact --------------------
    # obs = 109.5/100 − 1 = 0.095; req = 120.45/109.5 − 1 = 0.1 → R = 0.95
    pytest.param(series((2023, 100), (2024, "109.5")), target(2025, ">=", "120.45"),
                 "increase", ON_TRACK, D("0.9500"), id="boundary-exactly-0.95-on-track"),
    # obs = 0.09499; req = 120.4489/109.499 − 1 = 0.1 → R = 0.9499
    pytest.param(series((2023, 100), (2024, "109.499")), target(2025, ">=", "120.4489"),
                 "increase", ACCELERATION_NEEDED, D("0.9499"), id="boundary-just-below-0.95"),
    # obs = 0.094996; req = 120.44956/109.4996 − 1 = 0.1 → R = 0.94996 → rounds to 0.9500
    pytest.param(series((2023, 100), (2024, "109.4996")), target(2025, ">=", "120.44956"),
                 "increase", ON_TRACK, D("0.9500"), id="boundary-rounded-to-0.95"),
    # obs = 0.05; req = 115.5/105 − 1 = 0.1 → R = 0.5
    pytest.param(series((2023, 100), (2024, 105)), target(2025, ">=", "115.5"),
                 "increase", ACCELERATION_NEEDED, D("0.5000"), id="boundary-exactly-0.5"),
    # obs = 0.04999; req = 115.4989/104.999 − 1 = 0.1 → R = 0.4999
    pytest.param(series((2023, 100), (2024, "104.999")), target(2025, ">=", "115.4989"),
                 "increase", LIMITED, D("0.4999"), id="boundary-just-below-0.5"),
    # obs = −0.01; req = 108.9/99 − 1 = 0.1 → R = −0.1
    pytest.param(series((2023, 100), (2024, 99)), target(2025, ">=", "108.9"),
                 "increase", LIMITED, D("-0.1000"), id="boundary-exactly-minus-0.1"),
    # obs = −0.01001; req = 108.8989/98.999 − 1 = 0.1 → R = −0.1001
    pytest.param(series((2023, 100), (2024, "98.999")), target(2025, ">=", "108.8989"),
                 "increase", DETERIORATION, D("-0.1001"), id="boundary-just-below-minus-0.1"),
    # --- zero and negative values: linear annual change --------------------------
    # obs = (4 − 0)/2 = 2 a year; req = (10 − 4)/2 = 3 a year → R = 0.6667
    pytest.param(series((2021, 0), (2023, 4)), target(2025, ">=", 10), "increase",
                 ACCELERATION_NEEDED, D("0.6667"), id="zero-baseline-linear"),
    # obs = (0 − 2)/2 = −1; req = (5 − 0)/2 = 2.5 → R = −0.4
    pytest.param(series((2021, 2), (2023, 0)), target(2025, ">=", 5), "increase",
                 DETERIORATION, D("-0.4000"), id="zero-latest-linear"),
    # obs = (6 − 10)/2 = −2; req = (0 − 6)/2 = −3 → R = 0.6667 (a CAGR to 0 needs −100 %)
    pytest.param(series((2021, 10), (2023, 6)), target(2025, "<=", 0), "decrease",
                 ACCELERATION_NEEDED, D("0.6667"), id="zero-target-linear"),
    # obs = (−1 − −2)/2 = 0.5; req = (1 − −1)/2 = 1 → R = 0.5
    pytest.param(series((2021, -2), (2023, -1)), target(2025, ">=", 1), "increase",
                 ACCELERATION_NEEDED, D("0.5000"), id="negative-values-linear"),
    # --- a single data point ---------------------------------------------------
    pytest.param(series((2023, 9)), BELOW_9_5, "decrease", ACHIEVED, None,
                 id="single-point-holds"),  # 9 < 9.5
    pytest.param(series((2023, 11)), BELOW_9_5, "decrease", LIMITED, None,
                 id="single-point-misses"),  # no trend to judge
    pytest.param(series((2021, None), (2023, 11), (2024, None)), BELOW_9_5, "decrease",
                 LIMITED, None, id="single-point-among-blanks"),
    # --- latest value exactly on a strict bound: no required change --------------
    pytest.param(series((2021, 10), (2023, "9.5")), BELOW_9_5, "decrease", ON_TRACK, None,
                 id="strict-bound-moving-right-way"),  # 10 → 9.5, needs to go below
    pytest.param(series((2021, 90), (2023, 90)), target(2025, ">", 90), "increase", LIMITED,
                 None, id="strict-bound-flat"),
    pytest.param(series((2021, 9), (2023, "9.5")), BELOW_9_5, "decrease", DETERIORATION,
                 None, id="strict-bound-moving-wrong-way"),  # 9 → 9.5, rising
    # --- target year reached or passed -------------------------------------------
    pytest.param(series((2021, 12), (2025, 10)), BELOW_9_5, "decrease", LIMITED, None,
                 id="deadline-reached-moved-right-way"),  # 12 → 10, still ≥ 9.5
    pytest.param(series((2021, "9.8"), (2026, "10.5")), BELOW_9_5, "decrease", DETERIORATION,
                 None, id="deadline-passed-moved-wrong-way"),  # 9.8 → 10.5
    pytest.param(series((2021, 10), (2026, 10)), BELOW_9_5, "decrease", LIMITED, None,
                 id="deadline-passed-flat"),
    pytest.param(series((2021, 12), (2026, 9)), BELOW_9_5, "decrease", ACHIEVED, None,
                 id="deadline-passed-achieved"),
    pytest.param(series((2026, 10)), BELOW_9_5, "decrease", LIMITED, None,
                 id="deadline-passed-single-point"),
    # --- band targets ("0,4–0,7%"): distance to the nearest edge -----------------
    pytest.param(series((2021, 1), (2023, "0.6")), target(2025, "band", "0.4", "0.7"),
                 "band", ACHIEVED, None, id="band-inside"),
    pytest.param(series((2021, 1), (2023, "0.4")), target(2025, "band", "0.4", "0.7"),
                 "band", ACHIEVED, None, id="band-on-the-low-edge"),
    pytest.param(series((2021, "0.3"), (2023, "0.7")), target(2025, "band", "0.4", "0.7"),
                 "band", ACHIEVED, None, id="band-on-the-high-edge"),
    # above: edge 0.7. obs = (0.9/1.2)^(1/2) − 1 = 0.866025 − 1 = −0.133975
    #                  req = (0.7/0.9)^(1/2) − 1 = 0.881917 − 1 = −0.118083 → R = 1.1346
    pytest.param(series((2021, "1.2"), (2023, "0.9")), target(2025, "band", "0.4", "0.7"),
                 "band", ON_TRACK, D("1.1346"), id="band-above-coming-down"),
    # below: edge 0.4. obs = 0.3/0.35 − 1 = −0.142857
    #                  req = (0.4/0.3)^(1/3) − 1 = 1.100642 − 1 = 0.100642 → R = −1.4195
    pytest.param(series((2021, "0.35"), (2022, "0.3")), target(2025, "band", "0.4", "0.7"),
                 "band", DETERIORATION, D("-1.4195"), id="band-below-moving-away"),
    # jumped over: edge 0.7. obs = (0.9/0.3)^(1/2) − 1 = 0.732051
    #                        req = (0.7/0.9)^(1/2) − 1 = −0.118083 → R = −6.1995
    pytest.param(series((2021, "0.3"), (2023, "0.9")), target(2025, "band", "0.4", "0.7"),
                 "band", DETERIORATION, D("-6.1995"), id="band-jumped-over"),
    # --- maintain targets (comparator "=") ---------------------------------------
    pytest.param(series((2021, 100), (2023, 100)), target(2025, "=", 100), "increase",
                 ACHIEVED, None, id="maintain-100-percent"),  # chỉ tiêu 7: duy trì 100%
    pytest.param(series((2021, 100), (2023, 101)), target(2025, "=", 100), "increase",
                 ACHIEVED, None, id="maintain-increase-above-is-fine"),  # 101 ≥ 100
    pytest.param(series((2021, 3), (2023, 2)), target(2025, "=", 2), "decrease",
                 ACHIEVED, None, id="maintain-decrease-at-or-below"),  # 2 ≤ 2
    pytest.param(series((2021, 5), (2023, 5)), target(2025, "=", 5), "maintain",
                 ACHIEVED, None, id="maintain-exact"),
    # obs = (99.5/98)^(1/2) − 1 = 0.007624; req = (100/99.5)^(1/2) − 1 = 0.002509 → R = 3.0382
    pytest.param(series((2021, 98), (2023, "99.5")), target(2025, "=", 100), "increase",
                 ON_TRACK, D("3.0382"), id="maintain-100-percent-slipped-recovering"),
    # obs = (5.2/5.5)^(1/2) − 1 = −0.027655; req = (5/5.2)^(1/2) − 1 = −0.019419 → R = 1.4241
    pytest.param(series((2021, "5.5"), (2023, "5.2")), target(2025, "=", 5), "maintain",
                 ON_TRACK, D("1.4241"), id="maintain-exact-above-coming-back"),
    # --- a target for 2030 only -------------------------------------------------
    # chỉ tiêu 6, "là 2%" in 2030: obs = (2.6/3)^(1/3) − 1 = 0.953420 − 1 = −0.046580
    #                               req = (2/2.6)^(1/6) − 1 = 0.957215 − 1 = −0.042785
    #                               R = 1.0887: on track for 2030 …
    pytest.param(series((2021, 3), (2024, "2.6")), target(2030, "<=", 2), "decrease",
                 ON_TRACK, D("1.0887"), id="2030-only-target"),
    # … but the same pace against 2025 (req = 2/2.6 − 1 = −0.230769) gives R = 0.2018:
    # no 2025 milestone is interpolated from a 2030-only target.
    pytest.param(series((2021, 3), (2024, "2.6")), target(2025, "<=", 2), "decrease",
                 LIMITED, D("0.2018"), id="2030-only-contrast-with-2025"),
    # --- annual change ("giảm 2–3% mỗi năm": value −3, value_high −2) ------------
    # 1000 → 975 in one year: −2.5 % ≤ −2 → met
    pytest.param(series((2021, 1000), (2022, 975)), REDUCE_2_TO_3, "decrease", ACHIEVED,
                 None, id="annual-change-inside-range"),
    # 1000 → 950: −5 % ≤ −2, cutting faster than asked also meets it
    pytest.param(series((2021, 1000), (2022, 950)), REDUCE_2_TO_3, "decrease", ACHIEVED,
                 None, id="annual-change-faster-than-range"),
    # rate = 100 × ((980/1000)^(1/2) − 1) = 100 × (0.989949 − 1) = −1.005051
    # R = −1.005051 / −2 = 0.5025
    pytest.param(series((2021, 1000), (2023, 980)), REDUCE_2_TO_3, "decrease",
                 ACCELERATION_NEEDED, D("0.5025"), id="annual-change-too-slow"),
    # rate = −1.9 → R = −1.9/−2 = 0.95
    pytest.param(series((2021, 1000), (2022, 981)), REDUCE_2_TO_3, "decrease", ON_TRACK,
                 D("0.9500"), id="annual-change-boundary-0.95"),
    # rate = +1 → R = 1/−2 = −0.5
    pytest.param(series((2021, 1000), (2022, 1010)), REDUCE_2_TO_3, "decrease",
                 DETERIORATION, D("-0.5000"), id="annual-change-rising"),
    # rate = 0 → R = 0
    pytest.param(series((2021, 40), (2023, 40)), REDUCE_2_TO_3, "decrease", LIMITED,
                 D("0.0000"), id="annual-change-flat"),
    # "giảm 5% mỗi năm" (Đồng Tháp): rate = 96/100 − 1 = −4 % → R = −4/−5 = 0.8
    pytest.param(series((2021, 100), (2022, 96)), target(2030, "annual_change", -5),
                 "decrease", ACCELERATION_NEEDED, D("0.8000"), id="annual-change-single-rate"),
    # "tăng 2–3%": rate = +1 % → R = 1/2 = 0.5
    pytest.param(series((2021, 100), (2022, 101)), target(2030, "annual_change", 2, 3),
                 "increase", ACCELERATION_NEEDED, D("0.5000"), id="annual-change-increase"),
    # rate = +4 % ≥ 2 → met
    pytest.param(series((2021, 100), (2022, 104)), target(2030, "annual_change", 2, 3),
                 "increase", ACHIEVED, None, id="annual-change-increase-faster"),
    # "không tăng quá 1%": the edge (+1) is on the wrong side of zero; rate +2 > 1
    pytest.param(series((2021, 100), (2022, 102)), target(2030, "annual_change", 1),
                 "decrease", DETERIORATION, None, id="annual-change-tolerance-exceeded"),
    pytest.param(series((2021, 100), (2022, "100.5")), target(2030, "annual_change", 1),
                 "decrease", ACHIEVED, None, id="annual-change-within-tolerance"),
    # direction maintain, range below zero reads as decrease: rate −1 → R = −1/−2 = 0.5
    pytest.param(series((2021, 100), (2022, 99)), REDUCE_2_TO_3, "maintain",
                 ACCELERATION_NEEDED, D("0.5000"), id="annual-change-maintain-a-decrease"),
    # range −1…+1 contains zero: a stability band
    pytest.param(series((2021, 100), (2022, "100.5")), target(2030, "annual_change", -1, 1),
                 "maintain", ACHIEVED, None, id="annual-change-stability-inside"),
    pytest.param(series((2021, 100), (2022, 102)), target(2030, "annual_change", -1, 1),
                 "band", LIMITED, None, id="annual-change-stability-outside"),
    # nothing left to reduce
    pytest.param(series((2021, 3), (2023, 0)), REDUCE_2_TO_3, "decrease", ACHIEVED, None,
                 id="annual-change-down-to-zero"),
    pytest.param(series((2021, 0), (2023, 0)), REDUCE_2_TO_3, "decrease", ACHIEVED, None,
                 id="annual-change-zero-all-along"),
    # no percent change from 0: judged by movement
    pytest.param(series((2021, 0), (2023, 4)), REDUCE_2_TO_3, "decrease", DETERIORATION,
                 None, id="annual-change-zero-baseline-rising"),
    pytest.param(series((2021, 0), (2023, 4)), target(2030, "annual_change", 2), "increase",
                 ON_TRACK, None, id="annual-change-zero-baseline-increase-target"),
    pytest.param(series((2021, 0), (2023, 0)), target(2030, "annual_change", 2), "increase",
                 LIMITED, None, id="annual-change-zero-baseline-flat"),
    pytest.param(series((2021, 0), (2023, 0)), target(2030, "annual_change", -1, 1),
                 "maintain", ACHIEVED, None, id="annual-change-zero-baseline-stable"),
    pytest.param(series((2021, 0), (2023, 3)), target(2030, "annual_change", -1, 1),
                 "maintain", LIMITED, None, id="annual-change-zero-baseline-unstable"),
    pytest.param(series((2023, 40)), REDUCE_2_TO_3, "decrease", LIMITED, None,
                 id="annual-change-single-point"),
    # rate = −2.5 % after the target year: a rate a year does not run out
    pytest.param(series((2031, 1000), (2032, 975)), REDUCE_2_TO_3, "decrease", ACHIEVED,
                 None, id="annual-change-ignores-the-target-year"),
    pytest.param([], REDUCE_2_TO_3, "decrease", NO_DATA, None, id="annual-change-no-data"),
]


@pytest.mark.parametrize(("points", "spec", "direction", "status", "ratio"), CASES)
def test_it_assesses(points: list[tuple[int, Decimal | None]], spec: TargetSpec,
                     direction: str, status: str, ratio: Decimal | None) -> None:
    result = assess(points, spec, direction=direction)
    assert (result.status, result.ratio) == (status, ratio)
    assert result.reason.endswith(".")
    assert result.label == STATUS_LABELS[status]
    assert (target_met(points, spec, direction=direction) is True) == (status == ACHIEVED)


def test_it_reads_the_series_in_any_order() -> None:
    points = series((2023, 11), (2021, 12), (2022, "11.6"))
    assert assess(points, BELOW_9_5, direction="decrease") == assess(
        sorted(points), BELOW_9_5, direction="decrease")
    # baseline 2021 (12) and latest 2023 (11), whatever the order: R = 0.6023 as above
    assert assess(points, BELOW_9_5, direction="decrease").ratio == D("0.6023")


def test_it_ignores_the_years_between_baseline_and_latest() -> None:
    # §6 compares the ends only; a bad middle year does not change R.
    with_spike = series((2021, 12), (2022, 20), (2023, 11))
    assert assess(with_spike, BELOW_9_5, direction="decrease").ratio == D("0.6023")


def test_it_refuses_a_year_reported_twice() -> None:
    with pytest.raises(ValueError):
        assess(series((2023, 11), (2023, 12)), BELOW_9_5, direction="decrease")


def test_it_refuses_an_unknown_direction() -> None:
    with pytest.raises(ValueError):
        assess(series((2023, 11)), BELOW_9_5, direction="up")


def test_it_treats_rural_and_urban_thresholds_separately_and_shows_the_worst() -> None:
    # chỉ tiêu 4c: thừa cân, béo phì dưới 5% ở nông thôn, dưới 10% ở thành thị.
    # rural: obs = (5.5/6)^(1/2) − 1 = −0.042573; req = (5/5.5)^(1/2) − 1 = −0.046537
    #        R = 0.9148 → acceleration needed
    # urban: obs = (10.5/12)^(1/2) − 1 = −0.064586; req = (10/10.5)^(1/2) − 1 = −0.024100
    #        R = 2.6799 → on track
    rural = assess(series((2021, 6), (2023, "5.5")), target(2025, "<", 5), direction="decrease")
    urban = assess(series((2021, 12), (2023, "10.5")), target(2025, "<", 10),
                   direction="decrease")
    assert (rural.status, rural.ratio) == (ACCELERATION_NEEDED, D("0.9148"))
    assert (urban.status, urban.ratio) == (ON_TRACK, D("2.6799"))
    assert assess_worst([urban, rural]) is rural


def _verdict(status: str) -> Assessment:
    return Assessment(status, None, STATUS_LABELS[status] + ".")


@pytest.mark.parametrize(
    ("statuses", "worst"),
    [
        pytest.param([ACHIEVED, ON_TRACK], ON_TRACK, id="on-track-below-achieved"),
        pytest.param([ON_TRACK, ACCELERATION_NEEDED], ACCELERATION_NEEDED,
                     id="acceleration-below-on-track"),
        pytest.param([ACCELERATION_NEEDED, LIMITED], LIMITED, id="limited-below-acceleration"),
        pytest.param([LIMITED, DETERIORATION], DETERIORATION, id="deterioration-is-worst"),
        pytest.param([ACHIEVED, NO_DATA], NO_DATA, id="missing-area-spoils-achieved"),
        pytest.param([ON_TRACK, NO_DATA], NO_DATA, id="missing-area-spoils-on-track"),
        pytest.param([NO_DATA, ACCELERATION_NEEDED], ACCELERATION_NEEDED,
                     id="known-shortfall-outranks-missing-area"),
        pytest.param([NO_DATA, DETERIORATION], DETERIORATION,
                     id="known-deterioration-outranks-missing-area"),
        pytest.param([ACHIEVED], ACHIEVED, id="one"),
        pytest.param([], NO_DATA, id="none"),
    ],
)
def test_it_combines_to_the_worst_status(statuses: list[str], worst: str) -> None:
    assert assess_worst(_verdict(status) for status in statuses).status == worst


def test_it_keeps_the_first_of_equally_bad_assessments() -> None:
    first = Assessment(LIMITED, D("0.1"), "Nông thôn.")
    second = Assessment(LIMITED, D("0.2"), "Thành thị.")
    assert assess_worst([first, second]) is first


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        pytest.param("3", ON_TRACK, id="well-above"),
        pytest.param("0.95", ON_TRACK, id="0.95"),
        pytest.param("0.9499", ACCELERATION_NEEDED, id="just-below-0.95"),
        pytest.param("0.5", ACCELERATION_NEEDED, id="0.5"),
        pytest.param("0.4999", LIMITED, id="just-below-0.5"),
        pytest.param("0", LIMITED, id="zero"),
        pytest.param("-0.1", LIMITED, id="minus-0.1"),
        pytest.param("-0.1001", DETERIORATION, id="just-below-minus-0.1"),
    ],
)
def test_it_bands_a_ratio_like_the_unsd_progress_chart(ratio: str, status: str) -> None:
    assert status_for_ratio(D(ratio)) == status


def test_it_labels_every_status_in_vietnamese() -> None:
    assert STATUS_LABELS == {
        "achieved": "Đã đạt",
        "on_track": "Đúng tiến độ",
        "acceleration_needed": "Cần đẩy nhanh",
        "limited": "Tiến bộ hạn chế",
        "deterioration": "Đi xuống",
        "no_data": "Chưa có số liệu",
    }


def test_it_explains_a_ratio_in_vietnamese_numbers() -> None:
    result = assess(series((2021, 12), (2023, 11)), BELOW_9_5, direction="decrease")
    assert result.reason == ("Năm 2023: 11, chưa đạt mục tiêu dưới 9,5 năm 2025; từ năm 2021, "
                             "tốc độ thay đổi bằng 0,60 lần tốc độ cần có.")


def test_it_says_when_the_series_moves_the_wrong_way() -> None:
    result = assess(series((2021, 10), (2022, 11)), BELOW_9_5, direction="decrease")
    assert "đi ngược hướng mục tiêu (tỷ số tiến độ -2,10)" in result.reason


def test_it_explains_a_single_point() -> None:
    result = assess(series((2023, 11)), BELOW_9_5, direction="decrease")
    assert "mới có số liệu một năm" in result.reason


def test_it_words_an_annual_change_target_as_the_plan_does() -> None:
    result = assess(series((2021, 1000), (2022, 975)), REDUCE_2_TO_3, direction="decrease")
    assert result.reason == ("Bình quân 2021–2022: giảm 2,5% mỗi năm, "
                             "mục tiêu giảm 2–3% mỗi năm: đã đạt.")


def test_it_explains_missing_data() -> None:
    assert assess([], BELOW_9_5, direction="decrease").reason == "Chưa có số liệu để đánh giá."


@pytest.mark.parametrize(
    ("comparator", "value", "value_high"),
    [
        pytest.param("≤", 1, None, id="unknown-comparator"),
        pytest.param("<", None, None, id="no-value"),
        pytest.param("band", 1, None, id="band-without-high"),
        pytest.param("band", 2, 1, id="band-upside-down"),
        pytest.param("annual_change", -2, -3, id="rate-range-upside-down"),
        pytest.param("<", 1, 2, id="high-on-a-plain-comparator"),
    ],
)
def test_it_refuses_a_malformed_target(comparator: str, value: int | None,
                                       value_high: int | None) -> None:
    with pytest.raises(ValueError):
        TargetSpec(2025, comparator, None if value is None else D(value),
                   None if value_high is None else D(value_high))


def test_it_refuses_an_unknown_status() -> None:
    with pytest.raises(ValueError):
        Assessment("great", None, "")


positive = st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)
level_comparators = st.sampled_from(["<", "<=", ">", ">=", "band"])


@given(st.lists(st.tuples(st.integers(2015, 2035), positive), min_size=1, max_size=6,
                unique_by=lambda point: point[0]),
       level_comparators, positive, positive, st.integers(2020, 2035))
def test_achieved_exactly_when_the_target_holds_at_the_latest_year(
        points: list[tuple[int, Decimal]], comparator: str, value: Decimal,
        other: Decimal, year: int) -> None:
    low, high = sorted([value, other])
    spec = TargetSpec(year, comparator, low, high if comparator == "band" else None)
    latest = max(points)[1]
    holds = {"<": latest < low, "<=": latest <= low, ">": latest > low, ">=": latest >= low,
             "band": low <= latest <= high}[comparator]
    direction = {"<": "decrease", "<=": "decrease", "band": "band"}.get(comparator, "increase")
    result = assess(points, spec, direction=direction)
    assert (result.status == ACHIEVED) == holds
    if result.ratio is not None:
        assert result.status == status_for_ratio(result.ratio)
    assert result.status in STATUS_LABELS


any_value = st.decimals(min_value=-1000, max_value=1000, places=2)


@given(st.lists(st.tuples(st.integers(2015, 2035), st.one_of(any_value, st.just(D(0)))),
                max_size=6, unique_by=lambda point: point[0]),
       st.sampled_from(["<", "<=", ">", ">=", "=", "band", "annual_change"]),
       any_value, any_value, st.integers(2020, 2035),
       st.sampled_from(["increase", "decrease", "maintain", "band"]))
def test_it_gives_a_status_for_any_series_and_target(
        points: list[tuple[int, Decimal]], comparator: str, value: Decimal, other: Decimal,
        year: int, direction: str) -> None:
    low, high = sorted([value, other])
    ranged = comparator in ("band", "annual_change")
    result = assess(points, TargetSpec(year, comparator, low, high if ranged else None),
                    direction=direction)
    assert result.status in STATUS_LABELS
    assert (result.status == NO_DATA) == (not points)
    assert result.reason
    # One rule of "met": the review verdict's (target_met) and the status's agree.
    met = target_met(points, TargetSpec(year, comparator, low, high if ranged else None),
                     direction=direction)
    assert (met is True) == (result.status == ACHIEVED)
    assert (met is None) <= (result.status != ACHIEVED)
