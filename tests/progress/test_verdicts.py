"""The review's verdict on each target of 2025 / 2030 (progress.verdicts): hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.progress import TargetSpec
from progress.verdicts import LABELS, MET, NOT_MET, UNKNOWN, review_verdict

D = Decimal


def t(year, comparator, value, high=None):
    return TargetSpec(year, comparator, D(str(value)), None if high is None else D(str(high)))


def figures(**by_year):
    return {int(y[1:]): None if v is None else D(str(v)) for y, v in by_year.items()}


AT_LEAST_95 = t(2025, ">=", 95)  # "đạt 95%": higher is better
BELOW_9_5 = t(2025, "<", "9.5")  # "dưới 9,5‰": lower is better
AT_MOST_9_5 = t(2025, "<=", "9.5")  # "không quá 9,5‰"
AT_MOST_120 = t(2025, "<=", 120)  # a count: "không quá 120 vụ"
DOWN_5_A_YEAR = t(2025, "annual_change", -5)  # a count: "giảm 5% mỗi năm"
UP_5_A_YEAR = t(2030, "annual_change", 5)
BAND = t(2025, "band", "0.4", "0.7")
KEEP_100 = t(2025, "=", 100)  # "duy trì 100%"

# (figures, targets, year, direction, result, value shown)
CASES = [
    # --- higher is better ---------------------------------------------------------
    pytest.param(figures(y2025="96.2"), [AT_LEAST_95], 2025, "increase", MET, "96.2",
                 id="higher-better-met"),
    pytest.param(figures(y2025="94.99"), [AT_LEAST_95], 2025, "increase", NOT_MET, "94.99",
                 id="higher-better-short-by-a-hundredth"),
    pytest.param(figures(y2025="95"), [AT_LEAST_95], 2025, "increase", MET, "95",
                 id="higher-better-exactly-at-the-target"),
    # 94,995 shows as 95 (two decimals, half up): the page reads 95, so it is met.
    pytest.param(figures(y2025="94.995"), [AT_LEAST_95], 2025, "increase", MET, "95.00",
                 id="higher-better-rounded-up-to-the-target"),
    # 94,9949 shows as 94,99.
    pytest.param(figures(y2025="94.9949"), [AT_LEAST_95], 2025, "increase", NOT_MET, "94.99",
                 id="higher-better-rounded-down-below"),
    # --- lower is better ----------------------------------------------------------
    pytest.param(figures(y2025="9.2"), [BELOW_9_5], 2025, "decrease", MET, "9.2",
                 id="lower-better-met"),
    pytest.param(figures(y2025="9.5"), [BELOW_9_5], 2025, "decrease", NOT_MET, "9.5",
                 id="lower-better-exactly-at-a-strict-bound"),
    pytest.param(figures(y2025="9.5"), [AT_MOST_9_5], 2025, "decrease", MET, "9.5",
                 id="lower-better-exactly-at-an-inclusive-bound"),
    # 9,4951 shows as 9,5: not "dưới 9,5" as read, though its fourth decimal is below.
    pytest.param(figures(y2025="9.4951"), [BELOW_9_5], 2025, "decrease", NOT_MET, "9.50",
                 id="lower-better-rounded-onto-a-strict-bound"),
    # 9,5049 shows as 9,5: "không quá 9,5" as read.
    pytest.param(figures(y2025="9.5049"), [AT_MOST_9_5], 2025, "decrease", MET, "9.50",
                 id="lower-better-rounded-onto-an-inclusive-bound"),
    pytest.param(figures(y2025="9.6", y2026="9.0"), [BELOW_9_5], 2025, "decrease", NOT_MET,
                 "9.6", id="a-later-year-does-not-stand-in"),
    # --- a count --------------------------------------------------------------------
    pytest.param(figures(y2025=118), [AT_MOST_120], 2025, "decrease", MET, "118",
                 id="count-under-its-ceiling"),
    pytest.param(figures(y2025=121), [AT_MOST_120], 2025, "decrease", NOT_MET, "121",
                 id="count-over-its-ceiling"),
    # (160/200)^(1/4) − 1 = 0,945742 − 1 = −5,43 % a year ≤ −5 %
    pytest.param(figures(y2021=200, y2025=160), [DOWN_5_A_YEAR], 2025, "decrease", MET, "160",
                 id="count-falling-5-percent-a-year"),
    # (170/200)^(1/4) − 1 = 0,960185 − 1 = −3,98 % a year > −5 %
    pytest.param(figures(y2021=200, y2023=150, y2025=170), [DOWN_5_A_YEAR], 2025, "decrease",
                 NOT_MET, "170", id="count-falling-too-slowly-from-its-first-year"),
    pytest.param(figures(y2021=12, y2025=0), [DOWN_5_A_YEAR], 2025, "decrease", MET, "0",
                 id="count-down-to-zero"),
    pytest.param(figures(y2025=160), [DOWN_5_A_YEAR], 2025, "decrease", UNKNOWN, "160",
                 id="change-a-year-with-one-figure-only"),
    pytest.param(figures(y2021=0, y2030=3), [UP_5_A_YEAR], 2030, "increase", UNKNOWN, "3",
                 id="change-a-year-from-zero"),
    # (128/100)^(1/9) − 1 = 2,78 % a year < 5 %, for the final review
    pytest.param(figures(y2021=100, y2030=128), [UP_5_A_YEAR], 2030, "increase", NOT_MET,
                 "128", id="final-review-change-a-year-short"),
    # --- bands and "duy trì" ------------------------------------------------------------
    pytest.param(figures(y2025="0.7"), [BAND], 2025, "band", MET, "0.7",
                 id="band-on-its-upper-edge"),
    pytest.param(figures(y2025="0.71"), [BAND], 2025, "band", NOT_MET, "0.71",
                 id="band-above"),
    pytest.param(figures(y2025=100), [KEEP_100], 2025, "increase", MET, "100",
                 id="maintain-100-percent"),
    pytest.param(figures(y2025="99.5"), [KEEP_100], 2025, "increase", NOT_MET, "99.5",
                 id="maintain-slipped"),
    # --- urban and rural thresholds: both must hold ----------------------------------
    pytest.param(figures(y2025=93), [t(2025, ">=", 90), t(2025, ">=", 95)], 2025, "increase",
                 NOT_MET, "93", id="one-area-threshold-missed"),
    pytest.param(figures(y2025=96), [t(2025, ">=", 90), t(2025, ">=", 95)], 2025, "increase",
                 MET, "96", id="both-area-thresholds-met"),
    # --- what cannot be judged ----------------------------------------------------------
    pytest.param(figures(y2024=96), [AT_LEAST_95], 2025, "increase", UNKNOWN, None,
                 id="no-figure-of-the-year"),
    pytest.param(figures(y2025=None), [AT_LEAST_95], 2025, "increase", UNKNOWN, None,
                 id="an-empty-figure-of-the-year"),
    # The year's figure is still given: the paper shows what was reached.
    pytest.param(figures(y2025=96), [t(2030, ">=", 98)], 2025, "increase", UNKNOWN, "96",
                 id="no-target-for-the-year"),
    pytest.param(figures(y2025="95.999"), [], 2025, "increase", UNKNOWN, "96.00",
                 id="no-target-at-all"),
]


@pytest.mark.parametrize(("found", "targets", "year", "direction", "result", "value"), CASES)
def test_it_judges(found, targets, year, direction, result, value):
    verdict = review_verdict(found, targets, year=year, direction=direction)
    assert verdict.result == result
    assert verdict.value == (None if value is None else D(value))
    assert verdict.label == LABELS[result]
    assert verdict.reason.endswith(".")


def test_a_figure_from_the_review_cycle_is_judged_like_an_annual_one_and_said_so():
    annual = review_verdict(figures(y2025="9.2"), [BELOW_9_5], year=2025,
                            direction="decrease")
    review = review_verdict(figures(y2025="9.2"), [BELOW_9_5], year=2025,
                            direction="decrease", from_review=True)
    assert (annual.result, annual.value) == (review.result, review.value) == (MET, D("9.2"))
    assert "kỳ sơ kết" in review.reason and "kỳ sơ kết" not in annual.reason


def test_it_says_why_in_vietnamese_and_names_which_of_several_targets_fell_short():
    verdict = review_verdict(figures(y2025="9.4951"), [BELOW_9_5], year=2025,
                             direction="decrease", describe=lambda target: "")
    # The target's own words stand beside the reason (page, sheet, paper), not inside it.
    assert verdict.reason == "Năm 2025: 9,5; chưa đạt mục tiêu."
    urban, rural = t(2025, "<", "9.5"), t(2025, "<", "9.6")
    names = {id(urban): "thành thị", id(rural): "nông thôn"}
    both = review_verdict(figures(y2025="9.55"), [urban, rural], year=2025,
                          direction="decrease", describe=lambda target: names[id(target)])
    assert (both.result, both.reason) == (NOT_MET, "Năm 2025: 9,55; chưa đạt mục tiêu thành thị.")
    met = review_verdict(figures(y2025="9.4"), [urban, rural], year=2025, direction="decrease")
    assert met.reason == "Năm 2025: 9,4; đã đạt mục tiêu."
    missing = review_verdict(figures(y2024=9), [BELOW_9_5], year=2025, direction="decrease")
    assert missing.reason == "Chưa có số liệu năm 2025."
    assert [LABELS[k] for k in (MET, NOT_MET, UNKNOWN)] == ["Đạt", "Không đạt",
                                                            "Chưa đánh giá được"]
