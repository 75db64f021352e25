"""What the statistics exports hold: a plan's approved values and its snapshots, as rows
keyed by measure, unit code and year, shared by SDMX-CSV and ADX so both say the same."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from childplan.models import Plan, Target
from indicators.models import Measure
from progress.models import Snapshot
from reporting.models import Value


@dataclass(frozen=True)
class Observation:
    measure_id: int
    measure: str
    unit: str
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str = ""
    target: str = ""


def plan_measures(plan: Plan) -> list[Measure]:
    return list(Measure.objects.available_to(plan).order_by("plan_id", "position", "code"))


def approved_values(plan: Plan, reports, *, year: int | None = None, unit: str | None = None,
                    measure: str | None = None) -> list[Observation]:
    """The plan's counted figures (Value.objects.counted, the one rule the dashboards and
    the workbook read too) among `reports`, the reports the caller may read."""
    found = (Value.objects.counted(plan, years=None if year is None else [year])
             .filter(report__in=reports.values("pk"))
             .values_list("measure_id", "measure__code", "report__unit__code",
                          "report__cycle__year", "value", "numerator", "denominator"))
    if unit:
        found = found.filter(report__unit__code=unit)
    if measure:
        found = found.filter(measure__code=measure)
    return sorted((Observation(measure_id=r[0], measure=r[1], unit=r[2], year=r[3], value=r[4],
                               numerator=r[5], denominator=r[6]) for r in found),
                  key=lambda o: (o.unit, o.measure, o.year))


def snapshots(plan: Plan, *, year: int | None = None, unit: str | None = None,
              level: str | None = None, measure: str | None = None) -> list[Observation]:
    found = Snapshot.objects.filter(plan=plan).values_list(
        "measure_id", "measure__code", "unit__code", "year", "value", "numerator",
        "denominator", "status", "target__comparator", "target__value", "target__value_high",
        "target__wording")
    if year is not None:
        found = found.filter(year=year)
    if unit:
        found = found.filter(unit__code=unit)
    if level:
        found = found.filter(unit__level=level)
    if measure:
        found = found.filter(measure__code=measure)
    rows = []
    for r in found.order_by("unit__level", "unit__code", "measure__position", "measure__code",
                            "year"):
        target = ""
        if r[8] is not None:
            target = Target(comparator=r[8], value=r[9], value_high=r[10],
                            wording=r[11] or "").display
        rows.append(Observation(measure_id=r[0], measure=r[1], unit=r[2], year=r[3], value=r[4],
                                numerator=r[5], denominator=r[6], status=r[7], target=target))
    return rows
