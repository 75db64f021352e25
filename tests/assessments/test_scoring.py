"""The scoring of the decision, on communes computed by hand from the fixture's scale.

Scale (fixtures/assessments/06-QD-TTg-2019.json), best band first:
 1 (10): 1.1 yes 4, 1.2 yes 3, 1.3 yes 3       2 (8): 2.1 ≥98 → 8, ≥95 → 4
 3 (8): 3.1 ≤0 → 8, ≤1 → 4                      4 (6): 4.1 ≤0 → 6, ≤1 → 3
 5 (8): 5.1 ≤0 → 8, ≤1 → 4                      6 (8): 6.1 ≥95 → 8, ≥90 → 4
 7 (8): 7.1 ≥95 → 8, ≥90 → 4                    8 (8): 8.1 ≤10 → 4, ≤15 → 2; 8.2 ≤20 → 4, ≤25 → 2
 9 (6): 9.1 ≥90 → 6, ≥80 → 3                    10 (8): 10.1 ≥98 → 8, ≥95 → 4
 11 (6): 11.1 yes 6                             12 (8): 12.1 yes 4; 12.2 ≥50 → 4, ≥30 → 2
 13 (8): 13.1 ≥80 → 8, ≥70 → 4
Thresholds: urban 85, mountainous/island/especially difficult 70, other 80.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from assessments import scoring

D = Decimal


@pytest.fixture(scope="module")
def rules() -> scoring.Rules:
    spec = json.loads((settings.FIXTURES_DIR / "assessments" / "06-QD-TTg-2019.json")
                      .read_text(encoding="utf-8"))
    return scoring.rules_from(spec["criteria"], spec["thresholds"])


# Every indicator at its best: 100 points.
BEST = {"1.1": 1, "1.2": 1, "1.3": 1, "2.1": 99, "3.1": 0, "4.1": 0, "5.1": 0, "6.1": 96,
        "7.1": 97, "8.1": 8, "8.2": 15, "9.1": 92, "10.1": 99, "11.1": 1, "12.1": 1,
        "12.2": 60, "13.1": 85}


def commune(**changes) -> dict[str, Decimal | None]:
    figures = {code: D(str(v)) for code, v in BEST.items()}
    for code, value in changes.items():
        figures[code.replace("_", ".")[1:]] = None if value is None else D(str(value))
    return figures


# (what the commune is, its figures, kind, hand-computed total, zero criteria, recognised)
CASES = [
    ("every indicator at its best", commune(), "other", 100, (), True),
    ("best, urban ward", commune(), "urban", 100, (), True),
    ("best, difficult commune", commune(), "difficult", 100, (), True),
    # Criterion 11 at zero (its only indicator "no"): 94 points, refused whatever the kind.
    ("criterion 11 at zero, other", commune(i11_1=0), "other", 94, (11,), False),
    ("criterion 11 at zero, difficult", commune(i11_1=0), "difficult", 94, (11,), False),
    # 2.1 at 95, 3.1 one case, 6.1 at 90, 7.1 at 90, 13.1 at 70: each 4 not 8, so 80.
    ("exactly 80, other: recognised",
     commune(i2_1=95, i3_1=1, i6_1=90, i7_1=90, i13_1=70), "other", 80, (), True),
    # 13.1 kept at its best; 9.1 at 80 (3 not 6) and 12.2 at 40 (2 not 4): 100 - 16 - 3 - 2.
    ("79, one point under, other: refused",
     commune(i2_1=95, i3_1=1, i6_1=90, i7_1=90, i9_1=80, i12_2=40), "other", 79, (), False),
    # 100 - 4 (2.1) - 4 (3.1 one case) - 4 (6.1) - 3 (9.1) = 85.
    ("exactly 85, urban ward: recognised",
     commune(i2_1=96, i3_1=1, i6_1=92, i9_1=85), "urban", 85, (), True),
    # ... and 8.1 at 12 (2 instead of 4): 83, under 85 but above the other kinds'.
    ("83, under the urban threshold", commune(i2_1=96, i3_1=1, i6_1=92, i9_1=85, i8_1=12),
     "urban", 83, (), False),
    ("83 passes as an other commune", commune(i2_1=96, i3_1=1, i6_1=92, i9_1=85, i8_1=12),
     "other", 83, (), True),
    # 100 - 8 (2.1 under 95) - 8 (7.1 under 90) - 6 (4.1: 2 children) - 8 (13.1 under 70):
    # criteria 2, 4, 7 and 13 at zero: refused though the total would not matter.
    ("four criteria at zero", commune(i2_1=90, i7_1=80, i4_1=2, i13_1=60), "difficult", 70,
     (2, 4, 7, 13), False),
    # 100 - 4 - 4 - 4 - 4 - 4 - 4 - 3 - 3 (2.1, 3.1, 5.1, 6.1, 7.1, 10.1, 4.1, 9.1) = 70.
    ("exactly 70, difficult commune: recognised",
     commune(i2_1=95, i3_1=1, i5_1=1, i6_1=91, i7_1=93, i10_1=96, i4_1=1, i9_1=88),
     "difficult", 70, (), True),
    # 10.1 kept at its best; 1.3 "no" (-3) and 12.2 at 40 (-2): 100 - 20 - 3 - 3 - 3 - 2.
    ("69, one under, difficult: refused",
     commune(i2_1=95, i3_1=1, i5_1=1, i6_1=91, i7_1=93, i4_1=1, i9_1=88, i1_3=0, i12_2=40),
     "difficult", 69, (), False),
    # A missing figure scores 0: 13.1 unanswered takes criterion 13 to zero.
    ("an indicator left blank", commune(i13_1=None), "other", 92, (13,), False),
    # Criterion 8 with one indicator at zero still scores the other's points.
    ("one of two indicators at zero", commune(i8_1=30), "urban", 96, (), True),
]


@pytest.mark.parametrize(("label", "figures", "kind", "total", "zero", "recognised"), CASES,
                         ids=[c[0] for c in CASES])
def test_it_scores_the_hand_computed_communes(rules, label, figures, kind, total, zero,
                                              recognised):
    result = scoring.score(rules, figures, kind)
    assert result.total == total
    assert result.zero_criteria == zero
    assert result.recognised is recognised
    assert result.short_by == max(result.threshold - total, 0)


def test_it_gives_the_band_at_its_bound_and_nothing_under_the_last(rules):
    item = rules.criteria[1].items[0]  # 2.1: ≥98 → 8, ≥95 → 4
    assert [scoring.item_points(item, D(v)) for v in ("98", "97.99", "95", "94.99")] == [
        8, 4, 4, 0]
    harm = rules.criteria[2].items[0]  # 3.1: ≤0 → 8, ≤1 → 4
    assert [scoring.item_points(harm, D(v)) for v in ("0", "1", "2")] == [8, 4, 0]


def test_it_never_gives_a_criterion_more_than_its_maximum():
    capped = scoring.Rules(criteria=(scoring.CriterionRule(1, D(5), (
        scoring.ItemRule("a", ((D(1), D(4)),)), scoring.ItemRule("b", ((D(1), D(4)),)))),),
        thresholds={"other": D(5)})
    assert scoring.score(capped, {"a": D(1), "b": D(1)}, "other").total == 5


def test_it_refuses_an_unknown_kind(rules):
    with pytest.raises(ValueError):
        scoring.score(rules, commune(), "village")


def test_it_counts_the_criteria_most_often_failed(rules):
    results = [scoring.score(rules, commune(i11_1=0), "other"),
               scoring.score(rules, commune(i11_1=0, i2_1=10), "other"),
               scoring.score(rules, commune(), "other")]
    assert scoring.failed_counts(results) == {11: 2, 2: 1}


@pytest.mark.parametrize(("recognised", "communes", "share"),
                         [(0, 4, D("0")), (3, 4, D("75")), (2, 3, D("66.6667")), (1, 0, None)])
def test_it_gives_chi_tieu_1_as_the_share_recognised(recognised, communes, share):
    assert scoring.share_recognised(recognised, communes) == share


@given(st.dictionaries(st.sampled_from(sorted(BEST)),
                       st.decimals(min_value=0, max_value=100, places=2), max_size=17),
       st.sampled_from(scoring.KINDS))
def test_it_stays_within_the_scale(figures, kind):
    spec = json.loads((settings.FIXTURES_DIR / "assessments" / "06-QD-TTg-2019.json")
                      .read_text(encoding="utf-8"))
    rules = scoring.rules_from(spec["criteria"], spec["thresholds"])
    result = scoring.score(rules, figures, kind)
    assert 0 <= result.total <= 100
    assert result.recognised == (not result.zero_criteria and result.total >= result.threshold)
