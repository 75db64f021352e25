"""The reads behind every output: a unit's series (snapshots, or the commune reader for a
commune), the units below it, the history of old units. The dashboards and the summary
workbook both read through `unit_series`, so their values and statuses are the same."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from agencies.models import AdminUnit, UnitLevel
from childplan.models import Plan, Target
from indicators.models import Measure
from indicators.numbers import format_number
from indicators.sums import Reading, Verdict, judge, read
from progress.aggregation import commune_sums, counted
from progress.drilldown import child_units, keeps_snapshots
from progress.models import CommuneStatus, Snapshot
from progress.recognitions import recognition_commune_sums
from progress.rows import ChildRow, MeasureRow, short_number, status_counts
from reporting.completeness import completeness
from reporting.models import Progress, Report, ReportingCycle, ReportStatus


def targets_by_measure(plan: Plan) -> dict[int, list[Target]]:
    found: dict[int, list[Target]] = defaultdict(list)
    for target in plan.targets.all():
        found[target.measure_id].append(target)
    return found


def plan_measures(plan: Plan) -> list[Measure]:
    """The measures the plan sets targets for, in the catalogue's order."""
    ids = set(plan.targets.values_list("measure_id", flat=True))
    return list(Measure.objects.filter(pk__in=ids).select_related("indicator__goal")
                .order_by("plan_id", "position", "code"))


def commune_series(plan: Plan, *, commune_ids=None, province_ids=None, measure_ids=None,
                   measures: dict[int, Measure] | None = None, overtaken=None
                   ) -> dict[tuple[int, int], dict[int, Reading]]:
    """The commune reader: (commune of today, measure) → year → its reading."""
    sums = commune_sums(plan, commune_ids=commune_ids, province_ids=province_ids,
                        measure_ids=measure_ids, overtaken=overtaken)
    sums.update(recognition_commune_sums(plan, commune_ids=commune_ids,
                                         province_ids=province_ids, measure_ids=measure_ids,
                                         measures=measures))
    needed = {m for (_, m, _) in sums}
    if measures is None or not needed <= set(measures):
        measures = Measure.objects.in_bulk(needed)
    how = {pk: (m.aggregation, m.scale) for pk, m in measures.items()}
    found: dict[tuple[int, int], dict[int, Reading]] = defaultdict(dict)
    for (unit, measure_id, year), one in sums.items():
        aggregation, scale = how[measure_id]
        found[(unit, measure_id)][year] = read(one, how=aggregation, scale=scale)
    return found


@dataclass
class Cell:
    """One year of a unit's figure."""

    reading: Reading
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    computed: bool = False  # from the commune recognitions (progress.recognitions)

    @classmethod
    def empty(cls, how: str) -> Cell:
        return cls(Reading(None, 0, 0, how))

    @property
    def value(self) -> Decimal | None:
        return self.reading.value

    @property
    def note(self) -> str:
        if self.computed and self.denominator:
            return _("Tính từ kết quả công nhận xã phù hợp với trẻ em: %(recognised)s/%(all)s "
                     "xã.") % {"recognised": format_number(self.numerator),
                               "all": format_number(self.denominator)}
        return self.reading.note


@dataclass
class UnitSeries:
    """A unit's figures for one measure, year by year, and its status as the page shows it."""

    measure: Measure
    cells: dict[int, Cell] = field(default_factory=dict)
    verdict: Verdict = field(default_factory=lambda: Verdict("no_data"))
    coverage: str = ""
    mismatch: bool = False
    computed: bool = False

    @property
    def points(self) -> list[tuple[int, Decimal]]:
        return sorted((y, c.reading.value) for y, c in self.cells.items()
                      if c.reading.value is not None)

    def verdict_at(self, year: int, targets: list[Target]) -> Verdict:
        """The status as of `year`: the page's own once no later value exists."""
        if self.verdict.year is None or self.verdict.year <= year:
            return self.verdict
        return judge(self.points, targets, direction=self.measure.direction, upto=year)

    @property
    def note(self) -> str:
        """What the shown value, and any later year without one, could not include."""
        notes = []
        for year, cell in sorted(self.cells.items()):
            if self.verdict.year is not None and year < self.verdict.year:
                continue
            if cell.note:
                shown = year == self.verdict.year
                notes.append(cell.note if shown else _("Năm %(year)s: %(note)s") % {
                    "year": year, "note": cell.note})
        return " ".join(notes)


def unit_series(plan: Plan, unit: AdminUnit, measures: list[Measure]) -> dict[int, UnitSeries]:
    """measure id → the unit's series: its snapshots, or for a commune the commune reader."""
    if keeps_snapshots(plan, unit):
        return _snapshot_series(plan, unit, measures)
    return _commune_unit_series(plan, unit, measures)


def _snapshot_series(plan, unit, measures) -> dict[int, UnitSeries]:
    by_id = {m.pk: m for m in measures}
    found = {m.pk: UnitSeries(m) for m in measures}
    for snap in Snapshot.objects.for_unit(plan, unit.pk):
        series = found.get(snap.measure_id)
        if series is None:
            continue
        how = by_id[snap.measure_id].aggregation
        series.cells[snap.year] = Cell(Reading(snap.value, snap.units_reported, snap.left_out,
                                               how), snap.numerator, snap.denominator,
                                       snap.computed)
        if snap.latest:
            series.verdict = Verdict(snap.status, snap.ratio, snap.year, snap.value, snap.target)
            series.coverage = _coverage(snap.units_reported, snap.units_expected)
            series.mismatch = snap.mismatch
            series.computed = snap.computed
    return found


def _commune_unit_series(plan, unit, measures) -> dict[int, UnitSeries]:
    readings = commune_series(plan, commune_ids=[unit.pk], measure_ids=[m.pk for m in measures],
                              measures={m.pk: m for m in measures})
    targets = targets_by_measure(plan)
    found = {}
    for measure in measures:
        series = UnitSeries(measure, {y: Cell(r) for y, r in
                                      readings.get((unit.pk, measure.pk), {}).items()})
        series.verdict = judge(series.points, targets.get(measure.pk, []),
                               direction=measure.direction)
        found[measure.pk] = series
    return found


def measure_rows(plan: Plan, unit: AdminUnit, measures: list[Measure],
                 series: dict[int, UnitSeries] | None = None) -> list[MeasureRow]:
    """One row per measure: the latest value, its status and target, as the page shows
    (from `series` when the caller has read the unit's already)."""
    found = unit_series(plan, unit, measures) if series is None else series
    rows = []
    for measure in measures:
        series = found[measure.pk]
        verdict = series.verdict
        if verdict.year is None:
            rows.append(MeasureRow(measure, note=series.note))
            continue
        rows.append(MeasureRow(measure, verdict.year, verdict.value, verdict.status,
                               verdict.target, series.coverage, series.mismatch, series.points,
                               series.note, series.computed))
    return rows


def children_status_counts(plan: Plan, unit: AdminUnit, measures: list[Measure]
                           ) -> list[ChildRow]:
    """Each unit below with its measures counted by status (those without data as such)."""
    children = child_units(plan, unit)
    if not children:
        return []
    wanted = {m.pk for m in measures}
    statuses: dict[int, list[str]] = defaultdict(list)
    for unit_id, measure_id, status in _latest_below(plan, unit, children):
        if measure_id in wanted:
            statuses[unit_id].append(status)
    return [ChildRow(c, status_counts(
        statuses[c.pk] + ["no_data"] * (len(wanted) - len(statuses[c.pk])))) for c in children]


def _latest_below(plan, unit, children, measure_id: int | None = None):
    if children[0].level == UnitLevel.COMMUNE:
        return CommuneStatus.objects.under(plan, unit.pk, measure_id).values_list(
            "unit_id", "measure_id", "status")
    rows = Snapshot.objects.latest_of(plan, [c.pk for c in children])
    if measure_id is not None:
        rows = rows.filter(measure_id=measure_id)
    return rows.values_list("unit_id", "measure_id", "status")


def children_for_measure(plan: Plan, unit: AdminUnit, measure: Measure) -> list[ChildRow]:
    """Each unit below with a value: its latest value and status for one measure."""
    children = child_units(plan, unit)
    if not children:
        return []
    names = {c.pk: c for c in children}
    if children[0].level == UnitLevel.COMMUNE:
        found = CommuneStatus.objects.under(plan, unit.pk, measure.pk).values_list(
            "unit_id", "value", "status", "left_out")
    else:
        found = (Snapshot.objects.latest_of(plan, list(names)).filter(measure=measure)
                 .values_list("unit_id", "value", "status", "left_out"))
    rows = [ChildRow(names[unit_id], [], value, status,
                     Reading(value, 0, left_out, measure.aggregation).note)
            for unit_id, value, status, left_out in found if unit_id in names]
    return sorted(rows, key=lambda r: r.unit.name)


def old_unit_history(plan: Plan, measure: Measure) -> tuple[list[int], list[dict]]:
    """Figures as reported by units that no longer exist: the historical view."""
    values = (counted(plan).filter(measure=measure, report__unit__valid_to__isnull=False)
              .values_list("report__unit__name", "report__cycle__year", "value"))
    table: dict[str, dict[int, str]] = defaultdict(dict)
    for name, year, value in values:
        table[name][year] = short_number(value)
    years = sorted({year for cells in table.values() for year in cells})
    return years, [{"unit": name, "cells": [cells.get(y, "—") for y in years]}
                   for name, cells in sorted(table.items())]


def counted_within(plan: Plan, unit: AdminUnit, years: list[int]):
    """The counted figures of the unit's area: the whole plan for its own unit, else those
    of the units that count under it today (old units under their successors)."""
    figures = counted(plan).filter(report__cycle__year__in=years)
    if unit.pk == plan.unit_id:
        return figures
    if unit.level == UnitLevel.PROVINCE:
        return figures.filter(report__unit__rollup__province=unit)
    return figures.filter(report__unit__rollup__current=unit)


class TargetPoint(NamedTuple):
    year: int
    value: Decimal
    label: str


def target_points(plan: Plan, measure: Measure) -> list[TargetPoint]:
    """The plan's targets for the chart, as worded; area-split targets show the strictest
    threshold, and a change a year has no point to draw."""
    points: dict[int, TargetPoint] = {}
    for target in plan.targets.filter(measure=measure).order_by("year", "area"):
        if target.comparator == "annual_change":
            continue
        if target.year not in points or target.area == "rural":
            points[target.year] = TargetPoint(target.year, target.value, target.display)
    return sorted(points.values())


def cycle_completeness(plan: Plan):
    """The latest cycle's reports by state, and the share submitted on time."""
    latest = ReportingCycle.objects.filter(plan=plan).order_by("-year", "pk").first()
    if latest is None:
        return None
    # A national cycle holds thousands of reports: read as a few groups of like ones, each
    # stood for by a report of that shape (its progress is the model's rule).
    groups = (Report.objects.filter(cycle=latest)
              .values_list("status", "late", Q(started_at__isnull=False),
                           Q(first_submitted_at__isnull=False))
              .annotate(n=Count("pk")).order_by())
    shapes = []
    for status, late, started, submitted, n in groups:
        report = Report(status=status, late=late, started_at=latest.opens_on if started else None)
        shapes += [(report.progress, submitted, late)] * n
    result = completeness(shapes, [p.value for p in Progress])
    return {"cycle": latest, "result": result,
            "rows": [(str(Progress(s).label), n) for s, n in result.counts.items()]}


def label_history_years(plans: list[Plan]) -> list[Plan]:
    """Sets each plan's `history_years`, the years its approved figures cover ("2021–2025",
    or "2021, 2023" with a gap; "" for none), as the successor's pages list it. One query."""
    years: dict[int, set[int]] = defaultdict(set)
    for plan_id, year in (ReportingCycle.objects.filter(
            plan__in=plans, reports__status=ReportStatus.APPROVED)
            .values_list("plan_id", "year").distinct()):
        years[plan_id].add(year)
    for plan in plans:
        plan.history_years = years_label(sorted(years[plan.pk]))
    return plans


def years_label(years: list[int]) -> str:
    """[2021, 2022, 2023] → "2021–2023"; [2021, 2023] → "2021, 2023"; a gap breaks a run."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _coverage(reported: int, expected: int) -> str:
    return f"{reported}/{expected}" if expected else ""

