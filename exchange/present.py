"""Model rows as the API's JSON (the shapes of exchange/schemas.py)."""

from __future__ import annotations

from django.db.models import F

from agencies.models import AdminUnit, Agency
from agencies.services import display_name
from childplan.models import Plan, Target
from exchange.codes import Codes
from reporting.models import Report, ReportingCycle, ReportKind, Value


def unit_ref(unit: AdminUnit) -> dict:
    return {"code": unit.code, "level": unit.level, "name": unit.name,
            "valid_from": unit.valid_from, "valid_to": unit.valid_to}


def unit(unit: AdminUnit) -> dict:
    return {**unit_ref(unit), "parent": unit_ref(unit.parent) if unit.parent_id else None,
            "current": unit.valid_to is None,
            "successors": [unit_ref(u) for u in unit.successors.all()],
            "predecessors": [unit_ref(u) for u in unit.predecessors.all()]}


def agency(agency: Agency) -> dict:
    return {"id": agency.pk, "name": agency.name, "sector": agency.sector,
            "unit": agency.unit.code}


def measure(m, codes: Codes, *, goal: int | None = None, indicator: int | None = None) -> dict:
    if indicator is None and m.indicator_id:
        indicator, goal = m.indicator.number, m.indicator.goal.number
    return {"id": m.pk, "code": m.code, "name": m.name, "indicator": indicator, "goal": goal,
            "plan": m.plan_id, "unit_kind": m.unit_kind, "unit_label": m.unit_label,
            "numerator_label": m.numerator_label, "denominator_label": m.denominator_label,
            "direction": m.direction, "aggregation": m.aggregation,
            "data_element": codes.value, "numerator_element": codes.numerator,
            "denominator_element": codes.denominator}


def plan(plan: Plan) -> dict:
    return {"id": plan.pk, "key": plan.key, "kind": plan.kind, "title": plan.title,
            "issuer": plan.issuer, "number": plan.number, "issued_on": plan.issued_on,
            "unit": unit_ref(plan.unit), "level": plan.level, "period_start": plan.period_start,
            "period_end": plan.period_end, "parent": plan.parent_id,
            "consolidating_agency": agency(plan.consolidating_agency)
            if plan.consolidating_agency_id else None,
            "deadline": plan.deadline_label, "status": plan.status}


def plan_detail(found: Plan) -> dict:
    return {**plan(found), "targets": [
        {"measure": t.measure.code, "year": t.year, "comparator": t.comparator,
         "value": t.value, "value_high": t.value_high, "area": t.area, "baseline": t.baseline,
         "baseline_year": t.baseline_year, "display": t.display} for t in found.targets.all()],
        "assignments": [{"indicator": a.indicator.number, "role": a.role,
                         "agency": {"id": a.agency.pk, "name": a.agency.name,
                                    "sector": a.agency.sector, "unit": a.agency.unit.code}}
                        for a in found.assignments.select_related("agency__unit", "indicator")]}


def cycle(found: ReportingCycle) -> dict:
    return {"id": found.pk, "plan": found.plan_id, "year": found.year, "kind": found.kind,
            "title": found.title, "opens_on": found.opens_on, "deadline": found.deadline,
            "commune_deadline": found.deadline_of(ReportKind.COMMUNE), "locked": found.locked}


def _report(report: Report, measures: list[str]) -> dict:
    return {"id": report.pk, "cycle": report.cycle_id, "plan": report.cycle.plan_id,
            "year": report.cycle.year, "agency": {
                "id": report.agency.pk, "name": report.agency.name,
                "sector": report.agency.sector, "unit": report.unit.code},
            "unit": report.unit.code, "status": report.status, "progress": report.progress,
            "version": report.version, "deadline": report.deadline, "late": report.late,
            "submitted_at": report.submitted_at,
            "reviewed_at": report.reviewed_at, "review_comment": report.review_comment,
            "measures": measures}


def reports(found: list[Report]) -> list[dict]:
    return [_report(r, [m.code for m in r.measures()]) for r in found]


def value(v: Value) -> dict:
    return {"id": v.pk, "report": v.report_id, "measure": v.measure.code,
            "unit": v.report.unit.code, "year": v.report.cycle.year, "numerator": v.numerator,
            "denominator": v.denominator, "value": v.value, "aggregable": v.aggregable,
            "note": v.note, "source": v.source, "confirmed": v.confirmed,
            "report_status": v.report.status}


def _person(user) -> str | None:
    return display_name(user) if user else None


def report_written(report: Report) -> dict:
    measures = list(report.measures())
    values = report.values.select_related("measure", "report__cycle", "report__unit")
    return {**_report(report, [m.code for m in measures]),
            "results": report.results, "difficulties": report.difficulties,
            "proposals": report.proposals, "budget_spent": report.budget_spent,
            "values": [value(v) for v in values],
            "events": [{"action": e.action, "label": e.get_action_display(), "by": _person(e.by),
                        "at": e.at, "comment": e.comment, "late": e.late}
                       for e in report.events.select_related("by")]}


def report_detail(report: Report) -> dict:
    history = (Value.history.filter(report_id=report.pk)
               .select_related("history_user", "measure").order_by("-history_date", "-pk"))
    return {**report_written(report),
            "history": [{"measure": h.measure.code, "numerator": h.numerator,
                         "denominator": h.denominator, "value": h.value, "note": h.note,
                         "by": _person(h.history_user), "at": h.history_date,
                         "kind": h.history_type, "channel": h.channel}
                        for h in history]}


SNAPSHOT_FIELDS = ("plan_id", "unit_code", "unit_level", "measure_code", "year", "value",
                   "numerator", "denominator", "status", "target_year", "comparator",
                   "target_value", "target_high", "wording", "units_reported", "units_expected",
                   "computed", "computed_at")


def snapshot_page(found, limit: int, offset: int) -> dict:
    """One page of snapshots read as plain rows: one query, no model instances."""
    rows = (found.order_by("unit__level", "unit__code", "measure__position", "measure__code",
                           "year")
            .annotate(unit_code=F("unit__code"), unit_level=F("unit__level"),
                      measure_code=F("measure__code"), target_year=F("target__year"),
                      comparator=F("target__comparator"), target_value=F("target__value"),
                      target_high=F("target__value_high"), wording=F("target__wording"))
            .values_list(*SNAPSHOT_FIELDS)[offset:offset + limit])
    items = []
    targets: dict[tuple, str] = {}  # a plan has a few dozen targets; thousands of rows
    for row in rows:
        r = dict(zip(SNAPSHOT_FIELDS, row, strict=True))
        target = None
        if r["comparator"] is not None:
            key = (r["comparator"], r["target_value"], r["target_high"], r["wording"])
            if key not in targets:
                targets[key] = Target(comparator=key[0], value=key[1], value_high=key[2],
                                      wording=key[3] or "").display
            target = targets[key]
        items.append({"plan": r["plan_id"], "unit": r["unit_code"], "unit_level": r["unit_level"],
                      "measure": r["measure_code"], "year": r["year"], "value": r["value"],
                      "numerator": r["numerator"], "denominator": r["denominator"],
                      "status": r["status"], "target": target, "target_year": r["target_year"],
                      "units_reported": r["units_reported"],
                      "units_expected": r["units_expected"], "computed": r["computed"],
                      "computed_at": r["computed_at"]})
    return {"count": found.count(), "limit": limit, "offset": offset, "items": items}

