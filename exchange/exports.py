"""What the statistics exports hold: a plan's approved values and its snapshots, as rows
keyed by measure, unit code and year, shared by SDMX-CSV and ADX so both say the same."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from childplan.models import Plan, Target
from indicators.models import Measure
from progress.models import Snapshot
from reporting.models import CycleKind, ReportStatus, Value


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
    """Approved figures of the plan among `reports` (the reports the caller may read).

    One figure per measure, unit and year: an annual cycle's wins over a mid-term or final
    one, then the latest reviewed.
    """
    found = (Value.objects.filter(report__in=reports.values("pk"), report__cycle__plan=plan,
                                  report__status=ReportStatus.APPROVED)
             .exclude(value=None)
             .values_list("measure_id", "measure__code", "report__unit__code",
                          "report__cycle__year", "value", "numerator", "denominator",
                          "report__cycle__kind", "report__reviewed_at"))
    if year is not None:
        found = found.filter(report__cycle__year=year)
    if unit:
        found = found.filter(report__unit__code=unit)
    if measure:
        found = found.filter(measure__code=measure)
    best: dict[tuple, tuple] = {}
    for row in found:
        key = (row[0], row[2], row[3])
        rank = (row[7] == CycleKind.ANNUAL, row[8])
        if key not in best or rank > best[key][0]:
            best[key] = (rank, row)
    return sorted((Observation(measure_id=r[0], measure=r[1], unit=r[2], year=r[3], value=r[4],
                               numerator=r[5], denominator=r[6]) for _, r in best.values()),
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
