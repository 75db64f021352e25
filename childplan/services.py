"""Writes of plans that touch several models: a plan created as the successor of old ones."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from agencies.models import AdminUnit, Agency, Sector
from agencies.vietnamese import fold
from childplan.models import HEALTH_DEPARTMENT, Assignment, Plan, PlanStatus, Target
from indicators.models import Measure


def plan_key_for(unit: AdminUnit, period_start: int) -> str:
    """A free internal key for a new plan of `unit`: "vinh-long-2026", then "-2", "-3"…"""
    base = slugify(fold(unit.name).removeprefix("tinh ").removeprefix("thanh pho "))
    base = f"{base[:50]}-{period_start}"
    taken = set(Plan.objects.filter(key__startswith=base).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def plan_create_successor(*, predecessors: list[Plan], key: str, title: str, issuer: str,
                          unit: AdminUnit, period_start: int, period_end: int,
                          on: datetime.date | None = None, number: str = "",
                          issued_on: datetime.date | None = None) -> Plan:
    """A draft plan for `unit` taking over `predecessors` (the first one wins where two set
    the same thing): their local measures, their targets for the years of the new period and
    their assignments, copied to edit. Each assignment goes to the agency of the same name in
    `unit` doing its work on `on` (Sở LĐTBXH's to Sở Y tế); the new plan is consolidated by
    `unit`'s Sở Y tế. The old plans keep everything they had.

    Only plans whose area now lies in `unit` can be taken over (ValidationError naming the
    field "predecessors" otherwise, and nothing is created).
    """
    on = on or timezone.localdate()
    if not predecessors:
        raise ValidationError({"predecessors": gettext("Hãy chọn ít nhất một kế hoạch tiền "
                                                       "nhiệm.")})
    allowed = set(Plan.objects.successor_candidates(unit).values_list("pk", flat=True))
    outside = [p for p in predecessors if p.pk not in allowed]
    if outside:
        raise ValidationError({"predecessors": gettext(
            "Kế hoạch «%(plan)s» không thuộc địa bàn %(unit)s ngày nay.") % {
                "plan": outside[0], "unit": unit.name}})
    office, _ = Agency.objects.get_or_create(unit=unit, name=HEALTH_DEPARTMENT,
                                             defaults={"sector": Sector.YTE})
    first = predecessors[0]
    plan = Plan(key=key, title=title, issuer=issuer, number=number, issued_on=issued_on,
                unit=unit, level=unit.level,
                period_start=period_start, period_end=period_end, parent=first.parent,
                consolidating_agency=office, deadline_day=first.deadline_day,
                deadline_month=first.deadline_month, status=PlanStatus.DRAFT)
    plan.full_clean()
    plan.save()
    plan.predecessors.set(predecessors)
    measures: dict[int, Measure] = {}
    targets: dict[tuple, Target] = {}
    assignments: dict[tuple, Assignment] = {}
    agencies: dict[tuple, Agency] = {}
    for old in predecessors:
        for measure in old.local_measures.all():
            if measure.code not in {m.code for m in measures.values()}:
                copy = Measure.objects.get(pk=measure.pk)
                copy.pk, copy.plan = None, plan
                copy.save()
                measures[measure.pk] = copy
        for target in old.targets.filter(year__gte=period_start, year__lte=period_end):
            measure_id = measures[target.measure_id].pk if target.measure_id in measures \
                else target.measure_id
            targets.setdefault((measure_id, target.year, target.area), Target(
                plan=plan, measure_id=measure_id, year=target.year,
                comparator=target.comparator, value=target.value, value_high=target.value_high,
                area=target.area, baseline=target.baseline, baseline_year=target.baseline_year,
                wording=target.wording, text=target.text, position=target.position))
        for assignment in old.assignments.select_related("agency__successor__successor"):
            doing = assignment.agency.agency_for(on)
            if (doing.name, doing.sector) not in agencies:
                agencies[(doing.name, doing.sector)] = Agency.objects.get_or_create(
                    unit=unit, name=doing.name, defaults={"sector": doing.sector})[0]
            agency = agencies[(doing.name, doing.sector)]
            assignments.setdefault((assignment.indicator_id, agency.pk), Assignment(
                plan=plan, indicator_id=assignment.indicator_id, agency=agency,
                role=assignment.role, text=assignment.text))
    Target.objects.bulk_create(targets.values())
    Assignment.objects.bulk_create(assignments.values())
    return plan
