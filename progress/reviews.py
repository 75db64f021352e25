"""The reads of the mid-term and final reviews: which review years a plan holds, and the
verdict on each target of those years for a unit, from the series every output reads
(progress.readers.unit_series), judged by progress.verdicts.

A plan holds a review once a review cycle of it exists: a mid-term cycle (sơ kết, 2025)
brings the verdicts on the 2025 targets, a final one (tổng kết, 2030) on the 2030 targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agencies.models import AdminUnit
from childplan.models import Plan, Target
from childplan.plan_table import cell_text
from indicators.models import Measure
from progress.readers import UnitSeries, counted_within, targets_by_measure
from progress.verdicts import ReviewVerdict, review_verdict
from reporting.models import REVIEW_CYCLE_KINDS, REVIEW_YEARS, ReportingCycle


@dataclass(frozen=True)
class ReviewCell:
    """A target year of a review for one measure: the plan's words and the verdict."""

    year: int
    title: str  # "Sơ kết 2025"
    target: str  # the plan's words for that year's target(s), "" if none
    verdict: ReviewVerdict

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def result(self) -> str:
        return self.verdict.result


def review_years(plan: Plan) -> dict[int, str]:
    """year → the review's title, for the plan's review cycles (one query)."""
    kinds = ReportingCycle.objects.filter(plan=plan, kind__in=REVIEW_CYCLE_KINDS).values_list(
        "kind", flat=True).distinct()
    found = {REVIEW_YEARS[kind]: _title(kind) for kind in kinds}
    return dict(sorted(found.items()))


def _title(kind: str) -> str:
    title = {"midterm": _("Sơ kết %(year)s"), "final": _("Tổng kết %(year)s")}[kind]
    return title % {"year": REVIEW_YEARS[kind]}


def review_cells(plan: Plan, unit: AdminUnit, measures: list[Measure],
                 series: dict[int, UnitSeries], years: dict[int, str] | None = None,
                 targets: dict[int, list[Target]] | None = None
                 ) -> dict[int, list[ReviewCell]]:
    """measure id → a cell per review year of the plan (none without a review cycle).

    `series` is the unit's, as unit_series read it for the page or the paper: the verdict
    is judged on the very figures they show.
    """
    years = review_years(plan) if years is None else years
    if not years:
        return {m.pk: [] for m in measures}
    targets = targets_by_measure(plan) if targets is None else targets
    from_review = set(counted_within(plan, unit, list(years))
                      .filter(report__cycle__kind__in=REVIEW_CYCLE_KINDS,
                              measure__in=[m.pk for m in measures])
                      .values_list("measure_id", "report__cycle__year").distinct())
    found: dict[int, list[ReviewCell]] = {}
    for measure in measures:
        figures = {y: cell.value for y, cell in series[measure.pk].cells.items()}
        own = targets.get(measure.pk, [])
        cells = []
        for year, title in years.items():
            of_year = [t for t in own if t.year == year]
            specs = [t.spec for t in of_year]
            areas = {id(spec): _area(t) for spec, t in zip(specs, of_year, strict=True)}
            verdict = review_verdict(figures, specs, year=year,
                                     direction=measure.direction,
                                     from_review=(measure.pk, year) in from_review,
                                     describe=lambda spec, areas=areas: areas[id(spec)])
            cells.append(ReviewCell(year, title, cell_text(of_year), verdict))
        found[measure.pk] = cells
    return found


def _area(target: Target) -> str:
    """The target's area in the reader's language ("nông thôn"), or "" for the whole unit."""
    return "" if target.area == "all" else str(target.get_area_display()).lower()
