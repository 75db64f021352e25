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
from django.db.models import Case, Count, F, Q, QuerySet, When

from childplan.models import Plan
from indicators.sums import Sums
from progress.models import UnitRollup
from reporting.models import COUNTED_CYCLE_KINDS, Report, Value

# In Sums.of's order: numerator and denominator of the figures with parts (the subquery
# keeps them only there), the sum of values, units, units with parts.
SUMS = "SUM(k.part_num), SUM(k.part_den), SUM(k.figure), COUNT(*), COUNT(k.part_den)"


def _units_in(province_ids, *, nation: bool = False) -> list[int]:
    """The units whose figures count in the provinces given (and the nation's own): read
    first, so that an approval reads its province's figures through the indexes rather
    than the whole country's."""
    units = UnitRollup.objects.filter(province_id__in=list(province_ids))
    if nation:
        units = units | UnitRollup.objects.filter(province__isnull=True)
    return list(units.values_list("unit_id", flat=True))


def is_national(plan: Plan) -> bool:
    return plan.unit.level == "nation"


def counted(plan: Plan, overtaken: list[int] | None = None) -> QuerySet:
    """The plan's counted figures, the few a co-leading agency's replace read first (or
    given, read once for a whole recompute): a subquery in the grouping would keep
    PostgreSQL from reading the values in parallel."""
    if overtaken is None:
        overtaken = Value.objects.overtaken_ids(plan)
    return Value.objects.counted(plan, overtaken=overtaken)


def _counted(plan: Plan, measure_ids, rows: QuerySet) -> tuple[str, tuple]:
    """The SQL of counted figures, with the columns the grouping reads."""
    if measure_ids:
        rows = rows.filter(measure_id__in=list(measure_ids))
    has_parts = Q(denominator__gt=0, numerator__isnull=False)
    rows = rows.values(measure_ref=F("measure_id"), unit_ref=F("report__unit_id"),
                       year_ref=F("report__cycle__year"),
                       part_num=Case(When(has_parts, then=F("numerator"))),
                       part_den=Case(When(has_parts, then=F("denominator"))),
                       figure=F("value"))
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


def plan_sums(plan: Plan, measure_ids=None, province_ids=None, *, overtaken=None
              ) -> dict[tuple[int | None, bool, int, int], Sums]:
    """(unit, own, measure, year) → Sums: the unit a snapshot is kept for, and whether the
    figures are its own or its parts'. The nation's own figure is keyed None.

    With `province_ids` (national plan), only those provinces and the nation's own are read.
    """
    rollup = UnitRollup._meta.db_table
    if is_national(plan):
        rows = counted(plan, overtaken)
        if province_ids:
            rows = rows.filter(report__unit_id__in=_units_in(province_ids, nation=True))
        subquery, params = _counted(plan, measure_ids, rows)
        sql = (f"SELECT m.province_id, m.kind IN ('nation', 'province'), k.measure_ref, "
               f"k.year_ref, {SUMS} FROM ({subquery}) k "
               f"JOIN {rollup} m ON m.unit_id = k.unit_ref GROUP BY 1, 2, 3, 4")
        found: dict[tuple[int | None, bool, int, int], Sums] = {}
        for province, own, measure, year, *sums in _fetch(sql, params):
            found[(province, own, measure, year)] = Sums.of(*sums)
        return found
    subquery, params = _counted(plan, measure_ids, counted(plan, overtaken))
    sql = (f"SELECT k.unit_ref = %s, k.measure_ref, k.year_ref, {SUMS} FROM ({subquery}) k "
           "GROUP BY 1, 2, 3")
    return {(plan.unit_id, own, measure, year): Sums.of(*sums)
            for own, measure, year, *sums in _fetch(sql, (plan.unit_id, *params))}


def commune_sums(plan: Plan, *, commune_ids=None, province_ids=None, measure_ids=None,
                 overtaken=None) -> dict[tuple[int, int, int], Sums]:
    """(commune of today, measure, year) → Sums, old communes merged into their successor;
    for the communes given, or those of the provinces given, or all of the plan's.

    Nearly every commune has one figure a year, so the figures are read as they are and the
    few of merged communes added up here: grouping 700.000 groups of one costs PostgreSQL
    more than sending the rows.
    """
    rows = counted(plan, overtaken).filter(report__unit__rollup__kind="commune")
    if commune_ids is not None:
        rows = rows.filter(report__unit_id__in=UnitRollup.objects.filter(
            current_id__in=list(commune_ids)).values("unit_id"))
    if province_ids is not None:
        rows = rows.filter(report__unit_id__in=_units_in(province_ids))
    subquery, params = _counted(plan, measure_ids, rows)
    rollup = UnitRollup._meta.db_table
    sql = (f"SELECT m.current_id, k.measure_ref, k.year_ref, k.part_num, k.part_den, k.figure "
           f"FROM ({subquery}) k JOIN {rollup} m ON m.unit_id = k.unit_ref")
    found: dict[tuple[int, int, int], Sums] = {}
    for unit, measure, year, numerator, denominator, value in _fetch(sql, params):
        one = Sums.of(numerator, denominator, value, 1, denominator is not None)
        key = (unit, measure, year)
        found[key] = found[key] + one if key in found else one
    return found


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
