"""Approved figures → snapshots. Set-based: SQL groups the values, Python only combines
a few rows per province (never one per value).

Rules
- Only approved figures of annual cycles count. Where two approved reports give the same
  unit, measure and year (two agencies co-leading a chỉ tiêu), the last reviewed wins.
- Ratio measures add numerators and denominators, then divide: never a mean of rates.
  Counts add up. A rate typed without numerator and denominator counts for its own unit
  only; it is never rolled up.
- Figures of old units count under their successors (progress.rollup). An old district
  inside today's province is a part of that province, like a commune.
- A province's own figure (the Sở's) and the sum of the units below are both kept; the
  own figure is shown, and a difference beyond 5 % is flagged for the reviewer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from indicators.models import Aggregation, Measure
from progress.models import UnitRollup

MISMATCH_TOLERANCE = Decimal("0.05")


@dataclass
class Figure:
    """Sums of one group of approved values."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    total: Decimal | None = None  # sum of values (counts)
    only_value: Decimal | None = None  # the value when a single unit reported
    units: int = 0
    aggregable_units: int = 0

    def add(self, other: Figure) -> Figure:
        def plus(a, b):
            return b if a is None else a if b is None else a + b
        return Figure(plus(self.numerator, other.numerator),
                      plus(self.denominator, other.denominator),
                      plus(self.total, other.total),
                      other.only_value if self.units == 0 else
                      self.only_value if other.units == 0 else None,
                      self.units + other.units, self.aggregable_units + other.aggregable_units)

    def value(self, measure: Measure) -> Decimal | None:
        if self.units == 0:
            return None
        if measure.aggregation == Aggregation.SUM:
            return self.total
        if measure.aggregation == Aggregation.RATIO_OF_SUMS and measure.scale:
            if self.aggregable_units == self.units and self.denominator:
                return self.numerator / self.denominator * measure.scale
        # A rate without its parts, or a measure that does not add up: one unit only.
        return self.only_value if self.units == 1 else None

    def rolled_up(self) -> Figure:
        """What the level above may add: rate-only figures stay with their own unit."""
        if self.aggregable_units == self.units:
            return self
        return Figure(self.numerator, self.denominator, None, None,
                      self.aggregable_units, self.aggregable_units)


def _tables() -> dict[str, str]:
    from reporting.models import Report, ReportingCycle, Value

    return {"value": Value._meta.db_table, "report": Report._meta.db_table,
            "cycle": ReportingCycle._meta.db_table, "rollup": UnitRollup._meta.db_table,
            }


# The approved figures of a plan's annual cycles, one per reporting unit, measure and year.
# Nearly every unit has one approved report a cycle; only where several agencies of one
# unit report the same measure is the last reviewed picked, with a window over those few.
PICKED_CTE = """
WITH multi AS (
    SELECT r.cycle_id, r.unit_id
    FROM {report} r JOIN {cycle} c ON c.id = r.cycle_id
    WHERE c.plan_id = %(plan)s AND c.kind = 'annual' AND r.status = 'approved'
    GROUP BY r.cycle_id, r.unit_id
    HAVING COUNT(*) > 1
),
picked AS (
    SELECT v.measure_id, c.year, r.unit_id, v.numerator, v.denominator, v.value,
           v.aggregable
    FROM {value} v
    JOIN {report} r ON r.id = v.report_id
    JOIN {cycle} c ON c.id = r.cycle_id
    WHERE c.plan_id = %(plan)s AND c.kind = 'annual' AND r.status = 'approved'
      AND v.value IS NOT NULL {where}
      AND NOT EXISTS (SELECT 1 FROM multi
                      WHERE multi.cycle_id = r.cycle_id AND multi.unit_id = r.unit_id)
    UNION ALL
    SELECT measure_id, year, unit_id, numerator, denominator, value, aggregable
    FROM (
        SELECT v.measure_id, c.year, r.unit_id, v.numerator, v.denominator, v.value,
               v.aggregable,
               ROW_NUMBER() OVER (PARTITION BY r.unit_id, v.measure_id, c.year
                                  ORDER BY r.reviewed_at DESC, r.id DESC) AS rn
        FROM {value} v
        JOIN {report} r ON r.id = v.report_id
        JOIN {cycle} c ON c.id = r.cycle_id
        JOIN multi ON multi.cycle_id = r.cycle_id AND multi.unit_id = r.unit_id
        WHERE r.status = 'approved' AND v.value IS NOT NULL {where}
    ) ranked
    WHERE rn = 1
)
"""

# Numerator, denominator (of figures with both), sum of values, the value of a lone
# unit, units, units with parts: in this order everywhere Figure is built.
SUMS = """
       SUM(CASE WHEN k.aggregable AND k.denominator IS NOT NULL THEN k.numerator END),
       SUM(CASE WHEN k.aggregable AND k.denominator IS NOT NULL THEN k.denominator END),
       SUM(k.value), MAX(k.value), COUNT(*),
       SUM(CASE WHEN k.aggregable THEN 1 ELSE 0 END)
"""

GROUPED_SQL = PICKED_CTE + """
SELECT m.province_id, m.kind, k.measure_id, k.year, """ + SUMS + """
FROM picked k
JOIN {rollup} m ON m.unit_id = k.unit_id
GROUP BY m.province_id, m.kind, k.measure_id, k.year
"""


def _measure_filter(measure_ids: list[int] | None) -> tuple[str, dict[str, int]]:
    if not measure_ids:
        return "", {}
    names = [f"m{i}" for i in range(len(measure_ids))]
    where = "AND v.measure_id IN ({})".format(", ".join(f"%({n})s" for n in names))
    return where, dict(zip(names, measure_ids, strict=True))


def _figure(num, den, total, top, n, n_parts) -> Figure:
    return Figure(_dec(num), _dec(den), _dec(total), _dec(top) if n == 1 else None, n,
                  n_parts)


def grouped_figures(plan_id: int, measure_ids: list[int] | None = None,
                    province_ids: list[int] | None = None):
    """(province_id | None, kind, measure_id, year) → Figure, kind ∈ own, part, nation.

    With province_ids, only those provinces' figures (and the nation's own) are read.
    """
    where, params = _measure_filter(measure_ids)
    if province_ids:
        names = [f"p{i}" for i in range(len(province_ids))]
        where += (" AND r.unit_id IN (SELECT unit_id FROM {rollup} WHERE province_id IS NULL"
                  " OR province_id IN ({}))".format(", ".join(f"%({n})s" for n in names),
                                                     rollup=_tables()["rollup"]))
        params.update(zip(names, province_ids, strict=True))
    sql = GROUPED_SQL.format(where=where, **_tables())
    figures: dict[tuple, Figure] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"plan": plan_id, **params})
        for province, rollup_kind, measure, year, *sums in cursor:
            kind = {"nation": "nation", "province": "own"}.get(rollup_kind, "part")
            figure = _figure(*sums)
            key = (province, kind, measure, year)
            figures[key] = figures[key].add(figure) if key in figures else figure
    return figures


COMMUNES_SQL = PICKED_CTE + """
SELECT m.current_id, k.measure_id, k.year, """ + SUMS + """
FROM picked k
JOIN {rollup} m ON m.unit_id = k.unit_id
WHERE m.kind = 'commune' AND m.province_id = %(province)s
GROUP BY m.current_id, k.measure_id, k.year
"""


def commune_figures(plan_id: int, province_id: int, measure_ids: list[int] | None = None):
    """(current commune, measure, year) → Figure, read on demand for one province.

    Communes are not stored as snapshots: each has a single report, so its figures are
    the values themselves (old communes summed into their successor here).
    """
    where, params = _measure_filter(measure_ids)
    tables = _tables()
    # Read only the province's figures, not the whole plan's.
    where += (f" AND r.unit_id IN (SELECT unit_id FROM {tables['rollup']}"
              " WHERE province_id = %(province)s)")
    sql = COMMUNES_SQL.format(where=where, **tables)
    figures: dict[tuple[int, int, int], Figure] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"plan": plan_id, "province": province_id, **params})
        for unit, measure, year, *sums in cursor:
            figures[(unit, measure, year)] = _figure(*sums)
    return figures


EXPECTED_SQL = """
SELECT m.province_id, c.year, COUNT(DISTINCT r.unit_id)
FROM {report} r
JOIN {cycle} c ON c.id = r.cycle_id
JOIN {rollup} m ON m.unit_id = r.unit_id
WHERE c.plan_id = %s AND c.kind = 'annual'
GROUP BY m.province_id, c.year
"""


def expected_units(plan_id: int) -> dict[tuple[int | None, int], int]:
    """Reporting units the plan's cycles expect, per current province and year."""
    with connection.cursor() as cursor:
        cursor.execute(EXPECTED_SQL.format(**_tables()), [plan_id])
        return {(province, year): n for province, year, n in cursor}


def _dec(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def reconcile(own: Figure | None, part: Figure | None, measure: Measure):
    """The figure shown, its own and rolled-up values, and whether they differ by > 5 %."""
    own_value = own.value(measure) if own else None
    part_value = part.value(measure) if part else None
    mismatch = False
    if own_value is not None and part_value is not None and own_value != 0:
        mismatch = abs(own_value - part_value) / abs(own_value) > MISMATCH_TOLERANCE
    chosen = own if own_value is not None else part
    return chosen, own_value, part_value, mismatch


def combine(figures) -> defaultdict:
    """Group the SQL rows by (province, measure, year) → {kind: Figure}."""
    grouped: defaultdict = defaultdict(dict)
    for (province, kind, measure, year), figure in figures.items():
        grouped[(province, measure, year)][kind] = figure
    return grouped
