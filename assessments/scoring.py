"""The arithmetic of a child-friendly commune assessment: points, totals, the verdict.

The rules follow the Quy định ban hành kèm theo Quyết định 06/QĐ-TTg ngày 03/01/2019 của
Thủ tướng Chính phủ (tiêu chuẩn, trình tự đánh giá và công nhận xã, phường, thị trấn phù
hợp với trẻ em), still in force on 30/11/2026 as far as could be checked (a replacement was
put out for comment in 2024; none found issued). The criteria, their indicators, points
and thresholds are data (fixtures/assessments/), so a decision that replaces it is loaded,
not coded. No Django here.

Checked against published copies of the decision (sources in the fixture's "source"):
- 13 criteria (khoản 1 Điều 2), scored out of 1.000 points;
- a commune is recognised when it meets all 13 criteria, no criterion scores 0, and its
  total reaches 900 points for a ward of a centrally-run city ("urban"), 800 for a
  commune or town of a mountainous or island area or an especially difficult commune
  ("difficult"), 850 for every other commune, ward or town ("other");
- criterion 1: 100 points (its first three activities 50, 15, 15); criterion 6: 125
  (50 from 95 % of children in special circumstances helped, 75 when every case of sexual
  abuse, abandonment or trafficking has a support plan approved in time); criterion 7:
  50 from 98 % of children under 1 fully vaccinated.
Not checked (provisional figures, flagged on each Criterion and on the pages): the points
and scales of criteria 2–5 and 8–13, indicator 1.4, and the lower bands of 6.1 and 7.1.

How the data scores:
- An indicator ("chỉ số") scores by bands, best first: the points of the first band the
  figure satisfies, else 0. A band is (bound, points); "at_least" means figure ≥ bound
  (a share that should be high), "at_most" figure ≤ bound (a count of harm). A yes/no
  indicator is a figure of 1 (yes) or 0 (no) with at_least bands. An indicator without a
  figure scores 0.
- A criterion ("tiêu chí") scores the sum of its indicators, never above its maximum.
- The total is the sum of the criteria.
- A commune is recognised when no criterion scores 0 and the total reaches the threshold
  of its kind.
- `short_by` is how many points the total lacks (0 once reached): the communes closest to
  the threshold are where support would tip them over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

AT_LEAST = "at_least"
AT_MOST = "at_most"

URBAN = "urban"
DIFFICULT = "difficult"
OTHER = "other"
KINDS = (URBAN, DIFFICULT, OTHER)


@dataclass(frozen=True)
class ItemRule:
    code: str
    bands: tuple[tuple[Decimal, Decimal], ...]
    direction: str = AT_LEAST


@dataclass(frozen=True)
class CriterionRule:
    number: int
    max_points: Decimal
    items: tuple[ItemRule, ...]


@dataclass(frozen=True)
class Rules:
    criteria: tuple[CriterionRule, ...]
    thresholds: Mapping[str, Decimal]


@dataclass(frozen=True)
class Result:
    item_points: dict[str, Decimal]
    criterion_points: dict[int, Decimal]
    total: Decimal
    threshold: Decimal
    zero_criteria: tuple[int, ...]

    @property
    def recognised(self) -> bool:
        return not self.zero_criteria and self.total >= self.threshold

    @property
    def short_by(self) -> Decimal:
        return max(self.threshold - self.total, Decimal(0))


def item_points(rule: ItemRule, figure: Decimal | None) -> Decimal:
    if figure is None:
        return Decimal(0)
    for bound, points in rule.bands:
        if (figure >= bound) if rule.direction == AT_LEAST else (figure <= bound):
            return points
    return Decimal(0)


def score(rules: Rules, figures: Mapping[str, Decimal | None], kind: str) -> Result:
    """The points of every indicator and criterion, the total and the verdict for a commune
    of `kind` whose figures are given by indicator code (missing codes score 0)."""
    if kind not in rules.thresholds:
        raise ValueError(f"unknown kind of commune: {kind}")
    items: dict[str, Decimal] = {}
    criteria: dict[int, Decimal] = {}
    for criterion in rules.criteria:
        points = Decimal(0)
        for rule in criterion.items:
            items[rule.code] = item_points(rule, figures.get(rule.code))
            points += items[rule.code]
        criteria[criterion.number] = min(points, criterion.max_points)
    return Result(item_points=items, criterion_points=criteria,
                  total=sum(criteria.values(), Decimal(0)),
                  threshold=Decimal(rules.thresholds[kind]),
                  zero_criteria=tuple(n for n, p in criteria.items() if p == 0))


def failed_counts(results: Iterable[Result]) -> dict[int, int]:
    """How many communes scored 0 on each criterion (a criterion no commune failed: absent)."""
    counts: dict[int, int] = {}
    for result in results:
        for number in result.zero_criteria:
            counts[number] = counts.get(number, 0) + 1
    return counts


def share_recognised(recognised: int, communes: int) -> Decimal | None:
    """Chỉ tiêu 1: the percentage of the territory's current communes recognised."""
    if communes <= 0:
        return None
    return (Decimal(100) * recognised / communes).quantize(Decimal("0.0001"))


def rules_from(criteria: Sequence[Mapping], thresholds: Mapping[str, object]) -> Rules:
    """Rules from the fixture's shape: criteria with number, max_points and items (code,
    bands as [bound, points] pairs, direction)."""
    return Rules(
        criteria=tuple(CriterionRule(
            number=int(c["number"]), max_points=Decimal(str(c["max_points"])),
            items=tuple(ItemRule(code=i["code"], direction=i.get("direction", AT_LEAST),
                                 bands=tuple((Decimal(str(b)), Decimal(str(p)))
                                             for b, p in i["bands"]))
                        for i in c["items"]))
            for c in criteria),
        thresholds={k: Decimal(str(v)) for k, v in thresholds.items()})
