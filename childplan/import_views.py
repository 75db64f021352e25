"""Plan import for administrators: upload or paste → check and correct → confirm.

What the reader read is kept in the session between the steps; no plan row exists
until the administrator confirms, and then it is created in one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies.access import is_member, staff_required
from agencies.models import AdminUnit
from childplan.import_forms import (
    AssignmentFormSet,
    DocumentForm,
    LocalMeasureFormSet,
    PlanFactsForm,
    TargetFormSet,
    measure_choices,
    text_limits,
)
from childplan.importing import (
    guess_unit,
    national_catalogue,
    plan_import,
    review_problems,
    suggest_key,
)
from childplan.plan_reader import ReadAssignment, ReadPlan, ReadRefused, ReadTarget, read_plan
from indicators.numbers import format_number

SESSION_KEY = "plan_import"


@staff_required
def import_upload(request):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            read = read_plan(form.cleaned_data["text"], national_catalogue(), **text_limits())
        except ReadRefused as error:
            form.add_error(None, str(error))
            return render(request, "childplan/import_upload.html", {"form": form})
        unit = guess_unit(read.issuer, read.date)
        request.session[SESSION_KEY] = {
            "read": read.to_dict(), "name": form.cleaned_data["name"],
            "text": form.cleaned_data["text"], "unit": unit.pk if unit else None,
            "key": suggest_key(read, unit)}
        return redirect("plan_import_review")
    return render(request, "childplan/import_upload.html", {"form": form})


@staff_required
def import_review(request):
    stored = request.session.get(SESSION_KEY)
    if stored is None:
        messages.info(request, _("Hãy tải lên hoặc dán văn bản kế hoạch trước."))
        return redirect("plan_import_upload")
    read = ReadPlan.from_dict(stored["read"])
    measures = measure_choices(read.local_measures)
    data = request.POST if request.method == "POST" else None
    facts = PlanFactsForm(data, initial=_facts_initial(read, stored), on=read.date)
    targets = TargetFormSet(data, prefix="targets", form_kwargs={"measures": measures},
                            initial=[_target_initial(t) for t in _all_targets(read)])
    local = LocalMeasureFormSet(data, prefix="local", initial=[
        {"accept": m.get("accepted", False), **m} for m in read.local_measures])
    assignments = AssignmentFormSet(data, prefix="assignments",
                                    initial=[_assignment_initial(a) for a in read.assignments])
    if (data is not None and facts.is_valid() and targets.is_valid() and assignments.is_valid()
            and local.is_valid()):
        corrected = _corrected(read, facts.cleaned_data, targets, assignments, local)
        if request.POST.get("action") == "confirm":
            try:
                plan = plan_import(read=_accepted(corrected), unit=facts.cleaned_data["unit"],
                                   key=facts.cleaned_data["key"], by=request.user,
                                   source_name=stored["name"], source_text=stored["text"])
            except ValidationError as error:
                facts.add_error(None, error)
            else:
                del request.session[SESSION_KEY]
                messages.success(request, _("Đã tạo kế hoạch với %(targets)s mục tiêu và "
                                            "%(assignments)s phân công.") % {
                    "targets": plan.targets.count(), "assignments": plan.assignments.count()})
                if is_member(request.user):
                    return redirect("plan_detail", plan_id=plan.pk)
                return redirect("admin:childplan_plan_change", plan.pk)
        else:
            request.session[SESSION_KEY] = {**stored, "read": corrected.to_dict(),
                                            "unit": facts.cleaned_data["unit"].pk,
                                            "key": facts.cleaned_data["key"]}
            messages.success(request, _("Đã lưu các chỉnh sửa; kế hoạch chưa được tạo."))
            return redirect("plan_import_review")
    shown = _with_problems(read, stored)
    return render(request, "childplan/import_review.html", {
        "facts": facts, "targets": targets, "assignments": assignments, "read": shown,
        "target_rows": _rows(targets, _all_targets(shown)), "local": local,
        "assignment_rows": _rows(assignments, read.assignments),
        "unsure_count": sum(1 for t in _all_targets(shown) if not t.sure),
        "plan_problems": review_problems(read, unit=_unit(stored), key=stored["key"])[0],
        "source_name": stored["name"]})


def _unit(stored: dict) -> AdminUnit | None:
    return AdminUnit.objects.filter(pk=stored["unit"]).first() if stored["unit"] else None


def _with_problems(read: ReadPlan, stored: dict) -> ReadPlan:
    """The plan read, each target that confirmation would refuse shown unsure with why, so
    "0 chưa chắc chắn" means the plan will be created."""
    _plan_problems, problems = review_problems(read, unit=_unit(stored), key=stored["key"])
    shown = ReadPlan.from_dict(read.to_dict())
    for target, found in zip(_all_targets(shown), problems, strict=True):
        for problem in found:
            target.sure = False
            # The reader may have said it already, in its own words ("Năm 2025 nằm ngoài…").
            if not any(note[:25] == problem[:25] for note in target.notes):
                target.notes.append(problem)
    return shown


def _all_targets(read: ReadPlan) -> list[ReadTarget]:
    """The rows of the targets table: the national targets, then those of proposed measures."""
    return [*read.targets, *read.local_targets]


def _accepted(read: ReadPlan) -> ReadPlan:
    """The plan as confirmation creates it: only the own measures the officer accepted."""
    kept = {m["code"] for m in read.local_measures if m.get("accepted")}
    accepted = ReadPlan.from_dict(read.to_dict())
    accepted.local_measures = [m for m in accepted.local_measures if m["code"] in kept]
    accepted.local_targets = [t for t in accepted.local_targets if t.measure in kept]
    return accepted


def _rows(formset, items):
    return [(form, items[i] if i < len(items) else None) for i, form in enumerate(formset)]


def _facts_initial(read: ReadPlan, stored: dict) -> dict:
    return {"kind": read.kind, "title": read.title, "number": read.number,
            "issued_on": read.date, "issuer": read.issuer, "period_start": read.period[0],
            "period_end": read.period[1], "unit": stored["unit"], "key": stored["key"],
            "consolidating_office": read.consolidating_office, "deadline": read.deadline or ""}


def _target_initial(target: ReadTarget) -> dict:
    return {"measure": target.measure, "year": target.year, "comparator": target.comparator,
            "value": format_number(target.value), "value_high": format_number(target.value_high),
            "area": target.area, "wording": target.wording}


def _assignment_initial(assignment: ReadAssignment) -> dict:
    return {"agency": assignment.agency, "role": assignment.role,
            "indicators": ", ".join(str(n) for n in assignment.indicators)}


def _corrected(read: ReadPlan, facts: dict, targets, assignments, local) -> ReadPlan:
    """The plan as the administrator left it; the sentences read stay with their rows."""
    indicator_of = {m.code: m.indicator for m in national_catalogue()}
    local_measures = [{**proposed, "name": form.cleaned_data["name"],
                       "unit_kind": form.cleaned_data["unit_kind"],
                       "unit_label": form.cleaned_data["unit_label"],
                       "direction": form.cleaned_data["direction"],
                       "accepted": form.cleaned_data["accept"]}
                      for proposed, form in zip(read.local_measures, local, strict=True)]
    local_codes = {m["code"] for m in local_measures}
    read_targets = _all_targets(read)
    kept_targets, kept_local = [], []
    for index, form in enumerate(targets):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        original = read_targets[index] if index < len(read_targets) else None
        changed = original is None or any(
            data[f] != getattr(original, f) for f in ("measure", "year", "comparator", "value",
                                                       "value_high", "area"))
        kept = kept_local if data["measure"] in local_codes else kept_targets
        kept.append(ReadTarget(
            indicator=indicator_of.get(data["measure"]), measure=data["measure"],
            year=data["year"], comparator=data["comparator"], value=data["value"],
            value_high=data["value_high"], area=data["area"], unit=original.unit if original
            else "", wording=data["wording"], text=original.text if original else "",
            # A row the administrator wrote or corrected is what they vouch for.
            sure=True if changed else original.sure,
            notes=[] if changed else original.notes))
    kept_assignments = [
        ReadAssignment(form.cleaned_data["agency"], form.cleaned_data["indicators"],
                       form.cleaned_data["role"],
                       read.assignments[i].text if i < len(read.assignments) else "")
        for i, form in enumerate(assignments)
        if form.cleaned_data and not form.cleaned_data.get("DELETE")]
    return ReadPlan(
        kind=facts["kind"], title=facts["title"], number=facts["number"],
        date=facts["issued_on"], issuer=facts["issuer"],
        period=(facts["period_start"], facts["period_end"]), targets=kept_targets,
        assignments=kept_assignments, consolidating_office=facts["consolidating_office"],
        deadline=facts["deadline"] or None, unmapped=read.unmapped,
        local_measures=local_measures, local_targets=kept_local)
