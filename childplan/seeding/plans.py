"""Load the plans of fixtures/plans/*.json (format: fixtures/plans/README.md)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.models import AdminUnit, Agency, UnitLevel
from childplan.models import Assignment, Plan, PlanStatus, Target
from childplan.seeding.successions import load_agency_successions
from indicators.models import Indicator, Measure, UnitKind

PLANS_DIR = Path(settings.FIXTURES_DIR) / "plans"
DOCUMENTS_DIR = Path(settings.FIXTURES_DIR) / "documents"


def seed_plan_specs() -> list[dict]:
    specs = []
    for path in sorted(PLANS_DIR.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            specs.append(json.load(f))
    return specs


def find_unit(ref: dict) -> AdminUnit:
    """The unit a document names: the version valid on ref["valid_on"] when given (two
    versions may share a code: Tỉnh Vĩnh Long before and after the 2025 merger), else the
    version in force when the seed plans were issued."""
    units = AdminUnit.objects.filter(level=ref["level"], code=ref["code"])
    on = ref.get("valid_on")
    unit = units.current(datetime.date.fromisoformat(on)).first() if on else None
    unit = (unit or units.exclude(valid_to=None).order_by("-valid_to").first()
            or units.first())
    if unit is None:
        raise ValidationError(
            {"unit": f"Không có đơn vị hành chính «{ref.get('name', '')}» (mã {ref['code']})."})
    return unit


def find_agency(name: str, sector: str, unit: AdminUnit) -> Agency:
    agency, _ = Agency.objects.get_or_create(unit=unit, name=name, defaults={"sector": sector})
    return agency


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def upsert_plan(spec: dict, *, status: str = PlanStatus.ACTIVE) -> Plan:
    """Create or update one plan with its local measures, targets and assignments.

    The spec is authoritative: targets and assignments it no longer lists are removed.
    Raises ValidationError (in Vietnamese, naming the target) on bad data; the caller's
    transaction then leaves nothing half-saved.
    """
    unit = find_unit(spec["unit"])
    agency_spec = spec.get("consolidating_agency")
    consolidating = (find_agency(agency_spec["name"], agency_spec.get("sector", "khac"), unit)
                     if agency_spec else None)
    parent = resolve_parent(spec.get("parent"))
    # Plans that name no deadline follow the national one, 20/11.
    day, month = (int(p) for p in (spec.get("deadline") or "20/11").split("/"))
    period = spec.get("period") or [None, None]
    source_name = spec.get("document", "")
    source_text = ""
    if source_name:
        source_text = (DOCUMENTS_DIR / source_name).read_text(encoding="utf-8")
    plan, _ = Plan.objects.update_or_create(
        key=spec["key"],
        defaults={
            "kind": spec.get("kind", "Kế hoạch"), "title": spec["title"],
            "issuer": spec["issuer"], "number": spec.get("number", ""),
            "issued_on": _date(spec.get("issued_on")), "issued_note": spec.get("issued_note", ""),
            "unit": unit, "level": spec.get("level", unit.level),
            "period_start": period[0], "period_end": period[1],
            "parent": parent,
            "consolidating_agency": consolidating,
            "deadline_day": day, "deadline_month": month, "status": status,
            "source_name": source_name, "source_text": source_text,
        },
    )
    plan.full_clean()
    for measure_spec in spec.get("local_measures", []):
        upsert_local_measure(plan, measure_spec)
    kept = []
    for position, target_spec in enumerate(spec.get("targets", []), start=1):
        kept.append(upsert_target(plan, target_spec, position).pk)
    plan.targets.exclude(pk__in=kept).delete()
    kept = []
    for assignment_spec in spec.get("assignments", []):
        agency = find_agency(assignment_spec["agency"], assignment_spec.get("sector", "khac"), unit)
        for number in assignment_spec["indicators"]:
            assignment, _ = Assignment.objects.update_or_create(
                plan=plan, indicator=Indicator.objects.get(number=number), agency=agency,
                defaults={"role": assignment_spec.get("role", "lead"),
                          "text": assignment_spec.get("text", "")},
            )
            kept.append(assignment.pk)
    plan.assignments.exclude(pk__in=kept).delete()
    return plan


def resolve_parent(ref) -> Plan | None:
    if ref is None:
        return None
    if isinstance(ref, str):
        return Plan.objects.get(key=ref)
    # A plan the document implements but whose text we do not hold: kept as a reference.
    reference = {"kind": "Kế hoạch", "title": ref.get("title", ""), "period": None,
                 "deadline": "20/11", **ref}
    reference.setdefault("level", reference["unit"]["level"])
    return upsert_plan(reference, status=PlanStatus.REFERENCE)


def upsert_local_measure(plan: Plan, spec: dict) -> Measure:
    indicator = Indicator.objects.get(number=spec["indicator"]) if spec.get("indicator") else None
    kind = spec.get("unit_kind", UnitKind.PERCENT)
    measure, _ = Measure.objects.update_or_create(
        plan=plan, code=spec["code"],
        defaults={"name": spec["name"], "unit_kind": kind,
                  "unit_label": spec.get("unit_label", ""), "direction": spec["direction"],
                  "indicator": indicator,
                  "position": 1000},
    )
    return measure


def upsert_target(plan: Plan, spec: dict, position: int) -> Target:
    measure = Measure.objects.get_by_code(spec["measure"], plan=plan)
    target = Target.objects.filter(plan=plan, measure=measure, year=spec["year"],
                                   area=spec.get("area", "all")).first()
    target = target or Target(plan=plan, measure=measure, year=spec["year"],
                              area=spec.get("area", "all"))
    target.comparator = spec["comparator"]
    target.value = _decimal(spec["value"])
    target.value_high = _decimal(spec.get("value_high"))
    target.wording = spec.get("wording", "")
    target.text = spec.get("text", "")
    target.position = position
    try:
        target.full_clean()
    except ValidationError as error:
        raise ValidationError(
            f"Kế hoạch «{plan.key}», chỉ tiêu {measure.code} năm {spec['year']}: "
            + "; ".join(m for msgs in error.message_dict.values() for m in msgs)
        ) from error
    target.save()
    return target


@transaction.atomic
def load_plans() -> dict[str, int]:
    from childplan.seeding.catalogue import national_plan_spec

    upsert_plan(national_plan_spec())
    specs = seed_plan_specs()
    for spec in specs:
        upsert_plan(spec)
    load_agency_successions()
    return {"plans": 1 + len(specs), "targets": Target.objects.count(),
            "assignments": Assignment.objects.count(),
            "agency_successions": Agency.objects.exclude(successor=None).count()}


__all__ = ["load_plans", "upsert_plan", "UnitLevel"]
