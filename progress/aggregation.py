"""Counted figures → sums per group of units, in SQL.

Which figures count is said once, by Value.objects.counted (reporting); its query is
compiled here and grouped as a subquery, so the dashboards, the drill-down and the
workbook add up the very figures that rule selects. What the sums are worth is
indicators.sums. Python only sees a few rows per unit, never one per value.

Groups
- The national plan: each province of today, its own figure (the Sở's, old provinces
  merged into it included) apart from its parts (communes, old districts), and the
  nation's own figure. Figures of old units count under their successors (progress.rollup).
- Any other plan (an old province, an old district, a province of today): the plan's own
  unit, its own figure apart from everything else in its territory.
- Communes of today, each with its old communes merged into it: read for the commune
  statuses and the commune pages.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from childplan.models import Plan
from indicators.sums import Sums
from progress.models import UnitRollup
from reporting.models import COUNTED_CYCLE_KINDS, Report, Value

HAS_PARTS = "k.part_den > 0 AND k.part_num IS NOT NULL"
# In Sums.of's order: numerator and denominator of the figures with parts, the sum of
# values, the largest value (the value, for one unit), units, units with parts.
SUMS = f"""SUM(CASE WHEN {HAS_PARTS} THEN k.part_num END),
       SUM(CASE WHEN {HAS_PARTS} THEN k.part_den END),
       SUM(k.figure), MAX(k.figure), COUNT(*),
       SUM(CASE WHEN {HAS_PARTS} THEN 1 ELSE 0 END)"""


def is_national(plan: Plan) -> bool:
    return plan.unit.level == "nation"


def _counted(plan: Plan, measure_ids, rows: QuerySet | None = None) -> tuple[str, tuple]:
    """The SQL of the plan's counted figures, with the columns the grouping reads."""
    rows = Value.objects.counted(plan) if rows is None else rows
    if measure_ids:
        rows = rows.filter(measure_id__in=list(measure_ids))
    rows = rows.values(measure_ref=F("measure_id"), unit_ref=F("report__unit_id"),
                       year_ref=F("report__cycle__year"), part_num=F("numerator"),
                       part_den=F("denominator"), figure=F("value"))
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


def _fetch(sql: str, params: tuple) -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One grouping over every counted figure of the country: without these the
            # planner spills its hash to disk and compiles it, which costs more than it runs.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def plan_sums(plan: Plan, measure_ids=None, province_ids=None
              ) -> dict[tuple[int | None, bool, int, int], Sums]:
    """(unit, own, measure, year) → Sums: the unit a snapshot is kept for, and whether the
    figures are its own or its parts'. The nation's own figure is keyed None.

    With `province_ids` (national plan), only those provinces and the nation's own are read.
    """
    rollup = UnitRollup._meta.db_table
    if is_national(plan):
        rows = Value.objects.counted(plan)
        if province_ids:
            rows = rows.filter(Q(report__unit__rollup__province_id__in=list(province_ids))
                               | Q(report__unit__rollup__province__isnull=True))
        counted, params = _counted(plan, measure_ids, rows)
        sql = (f"SELECT m.province_id, m.kind IN ('nation', 'province'), k.measure_ref, "
               f"k.year_ref, {SUMS} FROM ({counted}) k "
               f"JOIN {rollup} m ON m.unit_id = k.unit_ref GROUP BY 1, 2, 3, 4")
        found: dict[tuple[int | None, bool, int, int], Sums] = {}
        for province, own, measure, year, *sums in _fetch(sql, params):
            found[(province, own, measure, year)] = Sums.of(*sums)
        return found
    counted, params = _counted(plan, measure_ids)
    sql = (f"SELECT k.unit_ref = %s, k.measure_ref, k.year_ref, {SUMS} FROM ({counted}) k "
           "GROUP BY 1, 2, 3")
    return {(plan.unit_id, own, measure, year): Sums.of(*sums)
            for own, measure, year, *sums in _fetch(sql, (plan.unit_id, *params))}


def commune_sums(plan: Plan, *, commune_ids=None, province_ids=None, measure_ids=None
                 ) -> dict[tuple[int, int, int], Sums]:
    """(commune of today, measure, year) → Sums, old communes merged into their successor;
    for the communes given, or those of the provinces given, or all of the plan's."""
    rows = Value.objects.counted(plan).filter(report__unit__rollup__kind="commune")
    if commune_ids is not None:
        rows = rows.filter(report__unit__rollup__current_id__in=list(commune_ids))
    if province_ids is not None:
        rows = rows.filter(report__unit__rollup__province_id__in=list(province_ids))
    counted, params = _counted(plan, measure_ids, rows)
    rollup = UnitRollup._meta.db_table
    sql = (f"SELECT m.current_id, k.measure_ref, k.year_ref, {SUMS} FROM ({counted}) k "
           f"JOIN {rollup} m ON m.unit_id = k.unit_ref GROUP BY 1, 2, 3")
    return {(unit, measure, year): Sums.of(*sums)
            for unit, measure, year, *sums in _fetch(sql, params)}


def expected_units(plan: Plan) -> dict[tuple[int | None, int], int]:
    """Reporting units the plan's cycles expect, per snapshot unit (a province of today for
    the national plan, else the plan's own unit) and year."""
    reports = Report.objects.filter(cycle__plan=plan, cycle__kind__in=COUNTED_CYCLE_KINDS)
    units = Count("unit_id", distinct=True)
    if is_national(plan):
        grouped = reports.values_list("unit__rollup__province_id", "cycle__year")
        return {(province, year): n for province, year, n in
                grouped.annotate(n=units).order_by()}
    return {(plan.unit_id, year): n for year, n in
            reports.values_list("cycle__year").annotate(n=units).order_by()}
