"""What the province page reads: every current commune's assessment of a year, in a few
queries (pinned by a test), sorted as asked; the criteria most often at zero; the communes
closest to the threshold."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from agencies.models import AdminUnit
from assessments.access import province_communes
from assessments.models import Assessment, CommuneKind, Criterion, Kind, Standard, Status

CLOSEST = 5


@dataclass
class CommuneRow:
    unit: AdminUnit
    kind: str
    assessment: Assessment | None

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def total(self) -> Decimal | None:
        return self.assessment.total if self.assessment else None

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else "none"

    @property
    def status_label(self) -> str:
        return self.assessment.get_status_display() if self.assessment else _("Chưa đánh giá")

    @property
    def state(self) -> str:
        """For the chart: recognised, passes (enough points), zero (a criterion at 0), short."""
        a = self.assessment
        if a is None:
            return "none"
        if a.status == Status.RECOGNISED:
            return "recognised"
        if a.zero_criteria:
            return "zero"
        return "passes" if a.passes else "short"


SORTS = {
    "ten": lambda r: (r.unit.name,),
    "loai": lambda r: (r.kind, r.unit.name),
    "diem": lambda r: (r.total is None, -(r.total or 0), r.unit.name),
    "thieu": lambda r: (r.assessment is None, r.assessment.short_by if r.assessment else 0,
                        r.unit.name),
    "trang-thai": lambda r: (r.status, r.unit.name),
}


def province_rows(province: AdminUnit, year: int, sort: str = "ten") -> list[CommuneRow]:
    communes = list(province_communes(province))
    ids = [c.pk for c in communes]
    kinds = dict(CommuneKind.objects.filter(unit__in=ids).values_list("unit_id", "kind"))
    found = {a.unit_id: a for a in Assessment.objects.filter(unit__in=ids, year=year)}
    rows = [CommuneRow(c, kinds.get(c.pk, Kind.OTHER), found.get(c.pk)) for c in communes]
    return sorted(rows, key=SORTS.get(sort, SORTS["ten"]))


def most_failed(rows: list[CommuneRow], standard: Standard | None) -> list[tuple[Criterion, int]]:
    """The criteria at zero points in the most assessments (drafts left out), most first."""
    counts: dict[int, int] = {}
    for row in rows:
        if row.assessment is None or row.assessment.status == Status.DRAFT:
            continue
        for number in row.assessment.zero_criteria:
            counts[number] = counts.get(number, 0) + 1
    if not counts or standard is None:
        return []
    criteria = {c.number: c for c in standard.criteria.all()}
    return sorted(((criteria[n], k) for n, k in counts.items() if n in criteria),
                  key=lambda pair: (-pair[1], pair[0].number))


def closest(rows: list[CommuneRow]) -> list[CommuneRow]:
    """The communes that do not qualify yet (points short, or a criterion at zero), fewest
    points short first, then fewest criteria at zero: where support would tip them over.
    Drafts are left out, and so are communes that qualify and only await the decision."""
    waiting = [r for r in rows if r.assessment is not None and not r.assessment.passes
               and r.status not in (Status.RECOGNISED, Status.DRAFT)]
    return sorted(waiting, key=lambda r: (r.assessment.short_by, len(r.assessment.zero_criteria),
                                          r.unit.name))[:CLOSEST]


def recognised_share(rows: list[CommuneRow]) -> tuple[int, int]:
    """(recognised, current communes): chỉ tiêu 1 of the province for the year."""
    return sum(1 for r in rows if r.status == Status.RECOGNISED), len(rows)
