"""What the summary workbook shows for a plan, a unit and a year: what the dashboards read.

The values and statuses come from progress.readers.unit_series, the dashboards' own read
(the snapshots of the plan's unit and its provinces, the commune reader for a commune),
so the workbook and the page agree for every unit, measure and year. The status of a row
is judged as of the workbook's year: the page's own once no later value exists. The
figures listed unit by unit are the counted ones (Value.objects.counted) of the unit's
area, old units under their successors.

Rows follow the plan document: by goal, then measure, in the order of first mention
(childplan.plan_table); a measure with figures but no target in the plan comes last in
its goal.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import AdminUnit
from childplan.models import Plan
from childplan.plan_table import LOCAL_GROUP, MeasureRow, cell_text, target_table
from indicators.models import Measure
from progress.readers import Cell, counted_within, targets_by_measure, unit_series
from progress.reviews import ReviewCell, review_cells, review_years
from progress.rows import LABELS

MILESTONES = (2025, 2030)


@dataclass(frozen=True)
class CountedFigure:
    """One counted figure as the unit and raw sheets list it."""

    year: int
    measure_id: int
    unit_id: int
    unit_name: str
    agency: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    note: str
    source: str
    approved_at: datetime.datetime | None


@dataclass
class Row:
    number: int
    measure: Measure
    targets: dict[int, str]  # milestone year → the plan's words
    values: dict[int, Cell]  # year → the unit's figure
    status: str  # the progress label as of the workbook's year
    lead: str
    notes: list[str] = field(default_factory=list)
    breakdown: list[CountedFigure] = field(default_factory=list)  # the year's, by unit
    reviews: list[ReviewCell] = field(default_factory=list)  # a review year each


@dataclass
class Group:
    title: str
    rows: list = field(default_factory=list)


@dataclass
class Summary:
    plan: Plan
    unit: AdminUnit
    year: int
    years: list[int]
    groups: list[Group]
    figures: list[CountedFigure]  # every figure counted, for the raw sheet
    measures: dict[int, Measure]
    # The plan's reviews up to the year (year → "Sơ kết 2025"): each row's verdicts.
    review_years: dict[int, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def plan_years(plan: Plan, year: int) -> list[int]:
    start = plan.period_start or min(plan.cycles.values_list("year", flat=True), default=year)
    return list(range(min(start, year), year + 1))


def counted_figures(plan: Plan, unit: AdminUnit, years: list[int]) -> list[CountedFigure]:
    rows = counted_within(plan, unit, years).values_list(
        "report__cycle__year", "measure_id", "report__unit_id", "report__unit__name",
        "report__agency__name", "numerator", "denominator", "value", "note", "source",
        "report__reviewed_at")
    return [CountedFigure(*row) for row in rows]


def summary_for(*, plan: Plan, unit: AdminUnit, year: int) -> Summary:
    plan = Plan.objects.with_unit().with_targets().get(pk=plan.pk)
    years = plan_years(plan, year)
    figures = counted_figures(plan, unit, years)
    targets = list(plan.targets.all())
    _, table = target_table(targets, plan.assignments.all())
    groups = [Group(g.title, list(g.rows)) for g in table]
    leads = {id(r): ", ".join(r.lead_agencies) for g in table for r in g.rows}
    measures = {r.measure.pk: r.measure for g in table for r in g.rows}
    _add_untargeted(groups, measures, {f.measure_id for f in figures})
    by_measure = targets_by_measure(plan)
    found = unit_series(plan, unit, list(measures.values()))
    reviewed = {y: title for y, title in review_years(plan).items() if y <= year}
    reviews = review_cells(plan, unit, list(measures.values()), found, reviewed, by_measure)
    this_year: dict[int, list[CountedFigure]] = defaultdict(list)
    for figure in figures:
        if figure.year == year:
            this_year[figure.measure_id].append(figure)
    number = 0
    result = []
    for group in groups:
        rows = []
        for table_row in group.rows:
            measure = table_row.measure
            number += 1
            series = found[measure.pk]
            values = {y: series.cells.get(y) or Cell.empty(measure.aggregation) for y in years}
            milestones = {m: cell_text([t for t in by_measure[measure.pk] if t.year == m])
                          for m in MILESTONES}
            breakdown = sorted(this_year[measure.pk],
                               key=lambda f: (f.unit_id != unit.pk, f.unit_name, f.agency))
            notes = [values[year].note] if values[year].note else []
            notes += [f.note for f in breakdown if f.unit_id == unit.pk and f.note]
            verdict = series.verdict_at(year, by_measure[measure.pk])
            rows.append(Row(number, measure, milestones, values, str(LABELS[verdict.status]),
                            leads.get(id(table_row), ""), notes, breakdown,
                            reviews[measure.pk]))
        result.append(Group(group.title, rows))
    return Summary(plan, unit, year, years, result, figures, measures, reviewed)


def _add_untargeted(groups: list[Group], measures: dict[int, Measure], reported: set[int]
                    ) -> None:
    missing = reported - set(measures)
    if not missing:
        return
    for measure in Measure.objects.filter(pk__in=missing).select_related("indicator__goal"):
        measures[measure.pk] = measure
        title = str(measure.goal) if measure.goal else str(LOCAL_GROUP)
        group = next((g for g in groups if g.title == title), None)
        if group is None:
            group = Group(title)
            groups.append(group)
        group.rows.append(MeasureRow(measure))
