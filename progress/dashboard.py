"""Reads behind the dashboards: snapshot rows shaped for the pages (no writes)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from agencies.models import AdminUnit, UnitLevel
from childplan.models import Plan, Target
from indicators.models import Goal, Measure
from indicators.numbers import format_number
from indicators.progress import STATUS_LABELS
from progress.aggregation import commune_figures
from progress.charts import STATUS_COLOURS
from progress.models import Snapshot, UnitRollup
from progress.services import status_of, target_for_year, targets_by_measure

CACHE_SECONDS = 6 * 60 * 60
LABELS = {**STATUS_LABELS, "no_target": "Không có mục tiêu"}
ORDER = ["achieved", "on_track", "acceleration_needed", "limited", "deterioration", "no_data",
         "no_target"]


def short_number(value: Decimal | None) -> str:
    """Two decimals at most, trailing zeros dropped: "90", "86,5", "53,64"."""
    if value is None:
        return "—"
    return format_number(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class Shown:
    """How a row's value and status read on the page (needs `value` and `status`)."""

    value: Decimal | None
    status: str

    @property
    def value_text(self) -> str:
        return short_number(self.value)

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


@dataclass
class MeasureRow(Shown):
    measure: Measure
    year: int | None = None
    value: Decimal | None = None
    status: str = "no_data"
    target: Target | None = None
    coverage: str = ""
    mismatch: bool = False
    series: list[tuple[int, Decimal]] = field(default_factory=list)


@dataclass
class GoalBlock:
    goal: Goal | None
    rows: list[MeasureRow]

    @property
    def counts(self) -> list[tuple[str, str, int, str]]:
        counted = Counter(r.status for r in self.rows)
        return [(s, LABELS[s], counted[s], STATUS_COLOURS[s]) for s in ORDER if counted[s]]


def plan_measures(plan: Plan) -> list[Measure]:
    """The measures the plan sets targets for, in the catalogue's order."""
    ids = set(plan.targets.values_list("measure_id", flat=True))
    return list(Measure.objects.filter(pk__in=ids).select_related("indicator__goal")
                .order_by("plan_id", "position", "code"))


def rows_from_snapshots(plan: Plan, unit: AdminUnit, measures: list[Measure]) -> list[MeasureRow]:
    by_measure: dict[int, list[Snapshot]] = defaultdict(list)
    for snap in Snapshot.objects.filter(plan=plan, unit=unit).select_related("target").order_by(
            "year"):
        by_measure[snap.measure_id].append(snap)
    rows = []
    for measure in measures:
        snaps = by_measure.get(measure.pk, [])
        if not snaps:
            rows.append(MeasureRow(measure))
            continue
        last = snaps[-1]
        rows.append(MeasureRow(
            measure, last.year, last.value, last.status if last.value is not None else "no_data",
            last.target, _coverage(last.units_reported, last.units_expected), last.mismatch,
            [(s.year, s.value) for s in snaps if s.value is not None]))
    return rows


def rows_from_figures(plan: Plan, unit: AdminUnit, measures: list[Measure]) -> list[MeasureRow]:
    """A commune's rows, computed from its figures (communes have no snapshots)."""
    province_id = UnitRollup.objects.filter(unit=unit).values_list("province_id", flat=True)
    figures = commune_figures(plan.pk, province_id.first() or 0)
    targets = targets_by_measure(plan)
    rows = []
    for measure in measures:
        series = sorted((year, f.value(measure)) for (u, m, year), f in figures.items()
                        if u == unit.pk and m == measure.pk and f.value(measure) is not None)
        if not series:
            rows.append(MeasureRow(measure))
            continue
        year, value = series[-1]
        status, _, target = status_of(series, target_for_year(targets[measure.pk], year), measure)
        rows.append(MeasureRow(measure, year, value, status, target, "1/1", False, series))
    return rows


def measure_rows(plan: Plan, unit: AdminUnit, measures: list[Measure]) -> list[MeasureRow]:
    if unit.level == UnitLevel.COMMUNE:
        return rows_from_figures(plan, unit, measures)
    return rows_from_snapshots(plan, unit, measures)


def by_goal(rows: list[MeasureRow]) -> list[GoalBlock]:
    blocks: dict[int | None, GoalBlock] = {}
    for row in rows:
        goal = row.measure.indicator.goal if row.measure.indicator_id else None
        key = goal.pk if goal else None
        blocks.setdefault(key, GoalBlock(goal, [])).rows.append(row)
    return list(blocks.values())


@dataclass
class ChildRow(Shown):
    unit: AdminUnit
    counts: list[tuple[str, str, int, str]]
    value: Decimal | None = None
    status: str = "no_data"


def child_units(plan: Plan, unit: AdminUnit) -> list[AdminUnit]:
    """The units one level below: today's provinces under the plan's own unit, then the
    communes of a province."""
    if unit.pk == plan.unit_id:
        ids = (Snapshot.objects.filter(plan=plan, unit__level=UnitLevel.PROVINCE)
               .exclude(unit=unit).values("unit_id").distinct())
        return list(AdminUnit.objects.filter(pk__in=ids).order_by("name"))
    if unit.level == UnitLevel.PROVINCE:
        return list(AdminUnit.objects.current().filter(parent=unit, level=UnitLevel.COMMUNE)
                    .order_by("name"))
    return []


def _count_row(unit: AdminUnit, counted: Counter) -> ChildRow:
    return ChildRow(unit, [(s, LABELS[s], counted[s], STATUS_COLOURS[s]) for s in ORDER
                           if counted[s]])


def children_status_counts(plan: Plan, unit: AdminUnit, measures: list[Measure]):
    """Status counts of each unit below, each measure at its latest year."""
    children = child_units(plan, unit)
    if not children:
        return []
    if children[0].level == UnitLevel.COMMUNE:
        return _commune_counts(plan, unit, children, measures)
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for unit_id, measure_id, year, status in (
            Snapshot.objects.filter(plan=plan, unit__in=children).exclude(value=None)
            .values_list("unit_id", "measure_id", "year", "status")):
        if latest.get((unit_id, measure_id), (0, ""))[0] < year:
            latest[(unit_id, measure_id)] = (year, status)
    counts: dict[int, Counter] = defaultdict(Counter)
    for (unit_id, _), (_, status) in latest.items():
        counts[unit_id][status] += 1
    return [_count_row(c, counts[c.pk]) for c in children]


def _commune_counts(plan, province, communes, measures):
    figures = commune_figures(plan.pk, province.pk, [m.pk for m in measures])
    targets = targets_by_measure(plan)
    series: dict[tuple[int, int], list] = defaultdict(list)
    by_id = {m.pk: m for m in measures}
    for (unit, measure_id, year), figure in figures.items():
        value = figure.value(by_id[measure_id])
        if value is not None:
            series[(unit, measure_id)].append((year, value))
    counts: dict[int, Counter] = defaultdict(Counter)
    for (unit, measure_id), points in series.items():
        points.sort()
        measure = by_id[measure_id]
        status, _, _ = status_of(points, target_for_year(targets[measure_id], points[-1][0]),
                                 measure)
        counts[unit][status] += 1
    return [_count_row(c, counts[c.pk]) for c in communes if counts[c.pk]]


def children_for_measure(plan: Plan, unit: AdminUnit, measure: Measure) -> list[ChildRow]:
    """Each unit below: its latest value and status for one measure."""
    children = child_units(plan, unit)
    if not children:
        return []
    if children[0].level == UnitLevel.COMMUNE:
        figures = commune_figures(plan.pk, unit.pk, [measure.pk])
        targets = target_for_year(targets_by_measure(plan)[measure.pk], 0)
        series: dict[int, list] = defaultdict(list)
        for (unit_id, _, year), figure in figures.items():
            if figure.value(measure) is not None:
                series[unit_id].append((year, figure.value(measure)))
        names = {c.pk: c for c in children}
        rows = []
        for unit_id, points in series.items():
            points.sort()
            status, _, _ = status_of(points, targets, measure)
            rows.append(ChildRow(names[unit_id], [], points[-1][1], status))
        return sorted(rows, key=lambda r: r.unit.name)
    latest = {}
    for snap in Snapshot.objects.filter(plan=plan, unit__in=children, measure=measure
                                        ).exclude(value=None).order_by("year"):
        latest[snap.unit_id] = snap
    return [ChildRow(c, [], latest[c.pk].value, latest[c.pk].status)
            for c in children if c.pk in latest]


def old_unit_history(plan: Plan, measure: Measure) -> tuple[list[int], list[dict]]:
    """Figures as reported by units that no longer exist: the historical view."""
    from reporting.models import Value

    values = (Value.objects.filter(report__cycle__plan=plan, report__status="approved",
                                   report__cycle__kind="annual", measure=measure,
                                   report__unit__valid_to__isnull=False)
              .exclude(value=None)
              .values_list("report__unit__name", "report__cycle__year", "value"))
    table: dict[str, dict[int, str]] = defaultdict(dict)
    for name, year, value in values:
        table[name][year] = short_number(value)
    years = sorted({year for cells in table.values() for year in cells})
    return years, [{"unit": name, "cells": [cells.get(y, "—") for y in years]}
                   for name, cells in sorted(table.items())]


def _coverage(reported: int, expected: int) -> str:
    return f"{reported}/{expected}" if expected else ""


def target_points(plan: Plan, measure: Measure) -> list[tuple[int, Decimal, str]]:
    """(year, value, as worded) of the plan's targets for the chart; area-split targets
    show the strictest threshold."""
    points: dict[int, tuple[int, Decimal, str]] = {}
    for target in plan.targets.filter(measure=measure).order_by("year", "area"):
        if target.comparator == "annual_change":
            continue
        if target.year not in points or target.area == "rural":
            points[target.year] = (target.year, target.value, target.display)
    return sorted(points.values())


def trail(plan: Plan, unit: AdminUnit) -> list[AdminUnit]:
    """Breadcrumb from the plan's unit down to the unit shown."""
    path = [unit]
    while path[-1].pk != plan.unit_id and path[-1].parent_id is not None:
        parent = path[-1].parent
        if parent.level == UnitLevel.NATION and plan.unit.level != UnitLevel.NATION:
            break
        path.append(parent)
    if path[-1].pk != plan.unit_id:
        path.append(plan.unit)
    return list(reversed(path))


def cycle_completeness(plan: Plan):
    """The latest cycle's reports by state, and the share submitted on time."""
    from reporting.completeness import completeness
    from reporting.models import Progress, Report, ReportingCycle

    latest = ReportingCycle.objects.filter(plan=plan).order_by("-year", "pk").first()
    if latest is None:
        return None
    in_cycle = Report.objects.filter(cycle=latest).only(
        "status", "started_at", "late", "first_submitted_at")
    result = completeness(((r.progress, r.first_submitted_at is not None, r.late)
                           for r in in_cycle), [p.value for p in Progress])
    return {"cycle": latest, "result": result,
            "rows": [(Progress(s).label, n) for s, n in result.counts.items()]}


def overview_key(plan_id: int, unit_id: int) -> str:
    return f"progress:overview:{plan_id}:{unit_id}"


def versioned(key: str, refresh) -> str:
    version = refresh.computed_at.timestamp() if refresh and refresh.computed_at else 0
    return f"{key}:{version}"


def overview_data(plan: Plan, unit: AdminUnit) -> dict:
    measures = plan_measures(plan)
    return {"blocks": by_goal(measure_rows(plan, unit, measures)),
            "children": children_status_counts(plan, unit, measures)}


def warm(plan: Plan, unit_ids: list[int]) -> None:
    """Fill the overview caches right after a recompute, so the first officer to open
    the dashboard after an approval does not wait for the communes' statuses."""
    from django.core.cache import cache

    from progress.models import Refresh

    refresh = Refresh.objects.filter(plan=plan).first()
    for unit in AdminUnit.objects.filter(pk__in=unit_ids):
        cache.set(versioned(overview_key(plan.pk, unit.pk), refresh), overview_data(plan, unit),
                  CACHE_SECONDS)


def warm_plan(plan: Plan) -> int:
    """After the nightly recompute: the plan's own overview and each province's."""
    provinces = list(Snapshot.objects.filter(plan=plan, unit__level=UnitLevel.PROVINCE)
                     .values_list("unit_id", flat=True).distinct())
    warm(plan, [plan.unit_id, *provinces])
    return 1 + len(provinces)
