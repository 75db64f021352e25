"""The scoring of the decision, on communes computed by hand from the fixture's scale.

Scale (fixtures/assessments/06-QD-TTg-2019.json, 1.000 points), best band first; * marks
the points checked against the decision, the others are provisional:
 1 (100*): 1.1 yes 50*, 1.2 yes 15*, 1.3 yes 15*, 1.4 yes 20
 2 (75): 2.1 ≥100 → 75, ≥95 → 50          3 (100): 3.1 ≤0 → 100, ≤1 → 50
 4 (75): 4.1 ≤0 → 75, ≤1 → 50             5 (75): 5.1 ≤0 → 75, ≤1 → 50
 6 (125*): 6.1 ≥95 → 50*, ≥90 → 25; 6.2 ≥100 → 75*
 7 (50*): 7.1 ≥98 → 50*, ≥95 → 25
 8 (75): 8.1 ≤10 → 35, ≤15 → 19; 8.2 ≤20 → 40, ≤25 → 20
 9 (50): 9.1 ≥90 → 50, ≥80 → 25            10 (75): 10.1 ≥98 → 75, ≥95 → 50
 11 (50): 11.1 yes 50                       12 (75): 12.1 yes 40; 12.2 ≥50 → 35, ≥30 → 18
 13 (75): 13.1 ≥80 → 75, ≥70 → 50
Thresholds (checked): ward of a centrally-run city 900, mountainous/island/especially
difficult 800, every other commune 850; no criterion at 0.
A band down costs: 3.1 50; 2.1, 4.1, 5.1, 6.1, 7.1, 9.1, 10.1, 13.1 25 each; 8.2 20;
12.2 17; 8.1 16. A "no" costs 1.1 50, 1.2 15, 1.3 15, 1.4 20, 11.1 50, 12.1 40.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from assessments import scoring
from tests.assessments.conftest import BEST

D = Decimal
STANDARD = settings.FIXTURES_DIR / "assessments" / "06-QD-TTg-2019.json"


@pytest.fixture(scope="module")
def rules() -> scoring.Rules:
    spec = json.loads(STANDARD.read_text(encoding="utf-8"))
    return scoring.rules_from(spec["criteria"], spec["thresholds"])


def commune(**changes) -> dict[str, Decimal | None]:
    figures = {code: D(str(v)) for code, v in BEST.items()}
    for code, value in changes.items():
        figures[code.replace("_", ".")[1:]] = None if value is None else D(str(value))
    return figures


# The same communes one point apart around each kind's threshold.
AT_900 = {"i3_1": 1, "i2_1": 96, "i9_1": 85}                          # 1000 - 50 - 25 - 25
UNDER_900 = {"i3_1": 1, "i8_1": 12, "i8_2": 22, "i1_3": 0}            # 1000 - 50 - 16 - 20 - 15
AT_850 = {"i3_1": 1, "i2_1": 96, "i4_1": 1, "i6_1": 92, "i7_1": 96}   # 1000 - 50 - 4 × 25
UNDER_850 = {"i3_1": 1, "i2_1": 96, "i4_1": 1, "i8_1": 12, "i8_2": 22, "i1_2": 0}
AT_800 = {"i3_1": 1, "i2_1": 96, "i4_1": 1, "i5_1": 1, "i6_1": 92, "i7_1": 96, "i10_1": 96}
UNDER_800 = {"i3_1": 1, "i2_1": 96, "i4_1": 1, "i5_1": 1, "i6_1": 92, "i8_1": 12, "i8_2": 22,
             "i1_2": 0}                                               # 1000 - 50 - 100 - 51

# (what the commune is, its figures, kind, hand-computed total, zero criteria, recognised)
CASES = [
    ("every indicator at its best", commune(), "other", 1000, (), True),
    ("best, ward of a centrally-run city", commune(), "urban", 1000, (), True),
    ("best, difficult commune", commune(), "difficult", 1000, (), True),
    # Criterion 11 at zero (its only indicator "no"): 950 points, refused whatever the kind.
    ("criterion 11 at zero, other", commune(i11_1=0), "other", 950, (11,), False),
    ("criterion 11 at zero, difficult", commune(i11_1=0), "difficult", 950, (11,), False),
    # Two children abused: criterion 3 at zero; 900 reaches the urban threshold, refused.
    ("criterion 3 at zero, 900 points, urban", commune(i3_1=2), "urban", 900, (3,), False),
    ("exactly 900, urban ward: recognised", commune(**AT_900), "urban", 900, (), True),
    ("899, one point under, urban: refused", commune(**UNDER_900), "urban", 899, (), False),
    ("899 passes as an other commune", commune(**UNDER_900), "other", 899, (), True),
    ("exactly 850, other: recognised", commune(**AT_850), "other", 850, (), True),
    ("849, one point under, other: refused", commune(**UNDER_850), "other", 849, (), False),
    ("849 passes as a difficult commune", commune(**UNDER_850), "difficult", 849, (), True),
    ("exactly 800, difficult commune: recognised", commune(**AT_800), "difficult", 800, (),
     True),
    ("799, one under, difficult: refused", commune(**UNDER_800), "difficult", 799, (), False),
    # 1000 - 75 (2.1 under 95) - 50 (7.1 under 95) - 75 (4.1: 2 children) - 75 (13.1 under
    # 70): criteria 2, 4, 7 and 13 at zero.
    ("four criteria at zero", commune(i2_1=90, i7_1=90, i4_1=2, i13_1=60), "difficult", 725,
     (2, 4, 7, 13), False),
    # A missing figure scores 0: 13.1 unanswered takes criterion 13 to zero.
    ("an indicator left blank", commune(i13_1=None), "other", 925, (13,), False),
    # Criterion 8 with one indicator at zero still scores the other's 40 points.
    ("one of two indicators at zero", commune(i8_1=30), "urban", 965, (), True),
    # One case of abuse without an approved support plan: 6.2 scores nothing, 6.1 its 50.
    ("6.2 under 100 %", commune(i6_2=99), "urban", 925, (), True),
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
    item = rules.criteria[1].items[0]  # 2.1: ≥100 → 75, ≥95 → 50
    assert [scoring.item_points(item, D(v)) for v in ("100", "99.99", "95", "94.99")] == [
        75, 50, 50, 0]
    harm = rules.criteria[2].items[0]  # 3.1: ≤0 → 100, ≤1 → 50
    assert [scoring.item_points(harm, D(v)) for v in ("0", "1", "2")] == [100, 50, 0]


def test_it_scores_the_checked_points_of_the_decision(rules):
    """The points read in the decision: criterion 1 (50, 15, 15 of 100), 6 (50 + 75), 7."""
    by_number = {c.number: c for c in rules.criteria}
    assert [c.max_points for c in (by_number[1], by_number[6], by_number[7])] == [100, 125, 50]
    first = {i.code: scoring.item_points(i, D(1)) for i in by_number[1].items}
    assert (first["1.1"], first["1.2"], first["1.3"]) == (50, 15, 15)
    helped, plans = by_number[6].items
    assert [scoring.item_points(helped, D(v)) for v in ("95", "100")] == [50, 50]
    assert [scoring.item_points(plans, D(v)) for v in ("100", "99.9")] == [75, 0]
    assert scoring.item_points(by_number[7].items[0], D(98)) == 50
    assert sum(c.max_points for c in rules.criteria) == 1000
    assert dict(rules.thresholds) == {"urban": 900, "difficult": 800, "other": 850}


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
                       st.integers(min_value=0, max_value=10_000).map(lambda n: D(n) / 100),
                       max_size=len(BEST)),
       st.sampled_from(scoring.KINDS))
def test_it_stays_within_the_scale(figures, kind):
    spec = json.loads(STANDARD.read_text(encoding="utf-8"))
    rules = scoring.rules_from(spec["criteria"], spec["thresholds"])
    result = scoring.score(rules, figures, kind)
    assert 0 <= result.total <= 1000
    assert result.recognised == (not result.zero_criteria and result.total >= result.threshold)
