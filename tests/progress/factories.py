"""Small builders for approved figures in given units (no workflow: aggregation only reads)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from agencies.models import AdminUnit, Agency, UnitSuccession
from reporting.models import Report, ReportingCycle, Value

_codes = itertools.count(90001)


def commune(parent: AdminUnit, name: str, *, retired: bool = False) -> AdminUnit:
    return AdminUnit.objects.create(
        code=str(next(_codes)), name=name, level="commune", parent=parent,
        valid_to=datetime.date(2025, 6, 30) if retired else None,
        valid_from=None if retired else datetime.date(2025, 7, 1))


def succeed(old: AdminUnit, new: AdminUnit) -> None:
    UnitSuccession.objects.create(old=old, new=new)


def cycle(plan, year: int, kind: str = "annual") -> ReportingCycle:
    found, _ = ReportingCycle.objects.get_or_create(
        plan=plan, year=year, kind=kind,
        defaults={"opens_on": datetime.date(year, 10, 1),
                  "deadline": datetime.date(year, 11, 20)})
    return found


def report(plan, year: int, unit: AdminUnit, *, status: str = "approved",
           kind: str = "annual") -> Report:
    agency, _ = Agency.objects.get_or_create(unit=unit, name=f"UBND {unit.name}",
                                             defaults={"sector": "ubnd"})
    found, _ = Report.objects.get_or_create(
        cycle=cycle(plan, year, kind), agency=agency, unit=unit,
        defaults={"status": status, "reviewed_at": timezone.now()})
    return found


def figure(plan, year: int, unit: AdminUnit, measure, numerator=None, denominator=None,
           value=None, *, status: str = "approved", kind: str = "annual") -> Value:
    numerator = None if numerator is None else Decimal(str(numerator))
    denominator = None if denominator is None else Decimal(str(denominator))
    if value is None and denominator:
        value = numerator / denominator * (measure.scale or 1)
    return Value.objects.create(
        report=report(plan, year, unit, status=status, kind=kind), measure=measure,
        numerator=numerator, denominator=denominator,
        value=None if value is None else Decimal(str(value)),
        aggregable=denominator is not None or measure.aggregation == "sum")
