"""What the summary workbook shows for a plan, a unit and a year, read in a few queries.

Only approved figures of annual cycles count, from the plan's first year to
the year asked (the rules of the dashboards). A unit's figure is its own when
it reported one, else its units' combined (reporting.excel.combine). Rows
follow the plan document: by goal, then measure, in the order of first
mention (childplan.plan_table); a measure with figures but no target in the
plan comes last in its goal.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import AdminUnit
from childplan.models import Plan
from childplan.plan_table import LOCAL_GROUP, cell_text, target_table
from indicators.models import Measure
from indicators.progress import TargetSpec, assess, assess_worst
from reporting.excel.combine import Combined, Part, aggregation_of, own_or_combined
from reporting.models import CycleKind, ReportStatus, Value

MILESTONES = (2025, 2030)


@dataclass(frozen=True)
class Figure:
    """One approved figure as the raw sheet lists it."""

    year: int
    measure_id: int
    unit_id: int
    agency: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    note: str
    source: str
    approved_at: datetime.datetime | None

    @property
    def part(self) -> Part:
        return Part(self.value, self.numerator, self.denominator)


@dataclass
class Row:
    number: int
    measure: Measure
    targets: dict[int, str]  # milestone year → the plan's words
    values: dict[int, Combined]  # year → the unit's figure
    status: str  # progress label, "" without a target
    lead: str
    notes: list[str] = field(default_factory=list)
    breakdown: list[Figure] = field(default_factory=list)  # the year's figures, by unit


@dataclass
class Group:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Summary:
    plan: Plan
    unit: AdminUnit
    year: int
    years: list[int]
    groups: list[Group]
    unit_names: dict[int, str]
    figures: list[Figure]  # every approved figure counted, for the raw sheet
    measures: dict[int, Measure]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def units_within(unit: AdminUnit) -> dict[int, str]:
    """The unit and every unit below it, by id: one query per level of the tree."""
    found = {unit.pk: unit.name}
    frontier = [unit.pk]
    while frontier:
        children = list(AdminUnit.objects.filter(parent__in=frontier).values_list("pk", "name"))
        frontier = [pk for pk, _ in children if pk not in found]
        found.update(children)
    return found


def approved_figures(plan: Plan, years: list[int], units: dict[int, str]) -> list[Figure]:
    rows = (Value.objects.filter(report__cycle__plan=plan, report__status=ReportStatus.APPROVED,
                                 report__cycle__kind=CycleKind.ANNUAL,
                                 report__cycle__year__in=years)
            .values_list("report__cycle__year", "measure_id", "report__unit_id",
                         "report__agency__name", "numerator", "denominator", "value", "note",
                         "source", "report__reviewed_at"))
    # The plan's reports lie in its area; units outside the one asked are dropped here
    # rather than in SQL, where a country's 3.000 communes would make a huge IN list.
    return [Figure(*row) for row in rows if row[2] in units]


def plan_years(plan: Plan, year: int) -> list[int]:
    start = plan.period_start or min(plan.cycles.values_list("year", flat=True), default=year)
    return list(range(min(start, year), year + 1))


def summary_for(*, plan: Plan, unit: AdminUnit, year: int) -> Summary:
    plan = Plan.objects.with_unit().with_targets().get(pk=plan.pk)
    years = plan_years(plan, year)
    units = units_within(unit)
    figures = approved_figures(plan, years, units)
    targets = list(plan.targets.all())
    _, table = target_table(targets, plan.assignments.all())
    groups = [Group(g.title, [r for r in g.rows]) for g in table]
    by_measure: dict[int, list] = defaultdict(list)
    for target in targets:
        by_measure[target.measure_id].append(target)
    leads = {id(r): ", ".join(r.lead_agencies) for g in table for r in g.rows}
    measures = {r.measure.pk: r.measure for g in table for r in g.rows}
    _add_untargeted(groups, measures, {f.measure_id for f in figures})
    own: dict[tuple[int, int], list[Part]] = defaultdict(list)
    below: dict[tuple[int, int], list[Part]] = defaultdict(list)
    this_year: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        key = (figure.measure_id, figure.year)
        (own if figure.unit_id == unit.pk else below)[key].append(figure.part)
        if figure.year == year:
            this_year[figure.measure_id].append(figure)
    number = 0
    result = []
    for group in groups:
        rows = []
        for table_row in group.rows:
            measure = table_row.measure
            number += 1
            how = aggregation_of(unit_kind=measure.unit_kind, aggregation=measure.aggregation,
                                 is_ratio=measure.is_ratio)
            values = {y: own_or_combined(own[(measure.pk, y)], below[(measure.pk, y)],
                                         how=how, scale=measure.scale) for y in years}
            milestones = {m: cell_text([t for t in by_measure[measure.pk] if t.year == m])
                          for m in MILESTONES}
            breakdown = sorted(this_year[measure.pk],
                               key=lambda f: (f.unit_id != unit.pk, units[f.unit_id], f.agency))
            notes = [values[year].note] if values[year].note else []
            notes += [f.note for f in this_year[measure.pk] if f.unit_id == unit.pk and f.note]
            rows.append(Row(number, measure, milestones, values,
                            _status(measure, by_measure[measure.pk], values, year),
                            leads.get(id(table_row), ""), notes, breakdown))
        result.append(Group(group.title, rows))
    return Summary(plan, unit, year, years, result, units, figures, measures)


def _add_untargeted(groups: list, measures: dict[int, Measure], reported: set[int]) -> None:
    missing = reported - set(measures)
    if not missing:
        return
    from childplan.plan_table import MeasureRow

    for measure in Measure.objects.filter(pk__in=missing).select_related("indicator__goal"):
        measures[measure.pk] = measure
        title = str(measure.goal) if measure.goal else LOCAL_GROUP
        group = next((g for g in groups if g.title == title), None)
        if group is None:
            group = Group(title)
            groups.append(group)
        group.rows.append(MeasureRow(measure))


def _status(measure: Measure, targets: list, values: dict[int, Combined], year: int) -> str:
    """The progress label against the next target year (the last one once past it)."""
    if not targets:
        return ""
    years = sorted({t.year for t in targets})
    chosen = next((y for y in years if y >= year), years[-1])
    series = [(y, c.value) for y, c in values.items() if c.value is not None]
    verdicts = [assess(series, _spec(t), direction=measure.direction)
                for t in targets if t.year == chosen]
    return assess_worst(verdicts).label


def _spec(target) -> TargetSpec:
    low, high = target.value, target.value_high
    # Plans word annual rates either way round ("giảm 2–3%" may be stored as −2, −3).
    if high is not None and high < low:
        low, high = high, low
    return TargetSpec(target.year, target.comparator, low, high)
