"""A synthetic national dataset for scale: every commune reports every national measure.

34 provinces, 3,321 communes, 34 measures, 2021–2026: about 680,000 approved values with
plausible numerators and denominators drifting towards the national targets. Used by the
benchmark; never by the demo.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agencies.models import AdminUnit, Agency, Sector, UnitLevel
from childplan.models import Plan
from indicators.models import Measure, UnitKind
from reporting.models import Report, ReportingCycle, ReportStatus, Value

YEARS = range(2021, 2027)
AGENCY_NAME = "UBND xã (số liệu tổng hợp)"


def _denominator(measure: Measure, children: int, births: int, rng: random.Random) -> int:
    if measure.code in ("1", "21"):
        return 1  # the commune itself meets the standard or not
    if measure.code.startswith("3"):
        return births
    if measure.code in ("7", "19", "20a"):
        return rng.randint(2, 8)  # schools of the commune
    return children


def _rate(measure: Measure, year: int, rng: random.Random, start: float) -> float:
    """A value that moves from `start` a little each year, with noise."""
    step = (year - 2021) * (0.03 if measure.direction == "increase" else -0.04)
    return max(0.0, start * (1 + step) + rng.gauss(0, start * 0.05))


@transaction.atomic
def generate(*, seed: int = 2030, batch: int = 20000) -> dict[str, int]:
    rng = random.Random(seed)
    plan = Plan.objects.get(key="national-2021")
    measures = list(Measure.objects.national().order_by("position"))
    communes = list(AdminUnit.objects.current().filter(level=UnitLevel.COMMUNE).order_by("pk"))
    existing = set(Agency.objects.filter(name=AGENCY_NAME).values_list("unit_id", flat=True))
    Agency.objects.bulk_create([Agency(name=AGENCY_NAME, sector=Sector.UBND, unit=c)
                                for c in communes if c.pk not in existing], batch_size=batch)
    agencies = dict(Agency.objects.filter(name=AGENCY_NAME).values_list("unit_id", "pk"))
    now = timezone.now()
    values = 0
    for year in YEARS:
        cycle, _ = ReportingCycle.objects.get_or_create(
            plan=plan, year=year, kind="annual",
            defaults={"opens_on": datetime.date(year, 10, 1),
                      "deadline": datetime.date(year, 11, 20), "locked": year < 2026})
        Report.objects.filter(cycle=cycle, agency__name=AGENCY_NAME).delete()
        reports = Report.objects.bulk_create([
            Report(cycle=cycle, agency_id=agencies[c.pk], unit=c, status=ReportStatus.APPROVED,
                   reviewed_at=now, submitted_at=now, first_submitted_at=now)
            for c in communes], batch_size=batch)
        rows = []
        for report, unit in zip(reports, communes, strict=True):
            unit_rng = random.Random(seed * 100000 + unit.pk)
            children = unit_rng.randint(1500, 6000)
            births = max(20, children // unit_rng.randint(15, 25))
            for measure in measures:
                rows.append(_value(report, measure, year, children, births, unit_rng, rng))
            if len(rows) >= batch:
                Value.objects.bulk_create(rows, batch_size=batch)
                values += len(rows)
                rows = []
        Value.objects.bulk_create(rows, batch_size=batch)
        values += len(rows)
    return {"communes": len(communes), "measures": len(measures), "values": values}


def _value(report, measure, year, children, births, unit_rng, rng) -> Value:
    if measure.unit_kind == UnitKind.ANNUAL_CHANGE:
        return Value(report=report, measure=measure, value=Decimal(str(round(
            rng.gauss(-2.5, 1.0), 2))), aggregable=False)
    den = _denominator(measure, children, births, rng)
    start = {UnitKind.PER_THOUSAND: unit_rng.uniform(6, 20),
             UnitKind.PER_100K: unit_rng.uniform(10, 600)}.get(measure.unit_kind)
    if start is None:
        start = unit_rng.uniform(2, 10) if measure.direction == "decrease" else unit_rng.uniform(
            60, 97)
    rate = _rate(measure, year, rng, start)
    scale = measure.scale or 100
    if den == 1:
        num = 1 if rng.random() < min(rate, 100) / 100 else 0
    else:
        num = min(den, round(rate * den / scale))
    return Value(report=report, measure=measure, numerator=Decimal(num),
                 denominator=Decimal(den),
                 value=(Decimal(num) / Decimal(den) * scale).quantize(Decimal("0.0001")),
                 aggregable=True)
