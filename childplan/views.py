from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from agencies.access import member_required
from agencies.models import AdminUnit, UnitLevel
from agencies.vietnamese import matches, sort_key
from childplan.access import (
    access_draft_editing,
    access_plan,
    access_successor_planning,
    can_edit_draft,
    can_plan_successor,
)
from childplan.draft_forms import (
    DraftAssignmentFormSet,
    DraftDocumentForm,
    DraftTargetFormSet,
    IssueForm,
)
from childplan.forms import SuccessorPlanForm
from childplan.lineage import lineage
from childplan.models import AssignmentRole, Plan, PlanStatus, Target
from childplan.plan_table import cell_text, target_table
from childplan.services import (
    DraftRefused,
    plan_create_successor,
    plan_issue,
    plan_key_for,
    plan_update_draft,
)
from indicators.models import Measure

PLAN_LEVELS = [UnitLevel.NATION, UnitLevel.PROVINCE, UnitLevel.DISTRICT]


def home(request):
    return redirect("plan_list")


def favicon(request):
    """Browsers and bookmarks still ask for /favicon.ico whatever the page's <link> says."""
    return redirect(static("favicon.svg"), permanent=True)


@member_required
def plan_list(request):
    level = request.GET.get("level", "")
    province = request.GET.get("province", "")
    query = request.GET.get("q", "").strip()[:100]
    plans = Plan.objects.with_unit().filter_list(
        level=level if level in PLAN_LEVELS else "",
        province=province if province.isdigit() else "",
    )
    if query:  # without tone marks too: "tra vinh" finds Trà Vinh's plans
        plans = [p for p in plans if matches(query, p.number, p.title, p.issuer, p.unit.name)]
    listed = Plan.objects.filter_list()
    provinces = (AdminUnit.objects.provinces()
                 .filter(Q(plans__in=listed) | Q(children__plans__in=listed)).distinct())
    return render(request, "childplan/plan_list.html", {
        "plans": plans, "provinces": sorted(provinces, key=lambda p: sort_key(p.name)),
        "levels": [(v, UnitLevel(v).label) for v in PLAN_LEVELS],
        "level": level, "province": province, "query": query,
    })


@member_required
def plan_detail(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    years, groups = target_table(plan.targets.all(), plan.assignments.all())
    return render(request, "childplan/plan_detail.html", {
        "plan": plan, "years": years, "groups": groups,
        "assignments": plan.assignments.all(), **lineage(plan),
        "can_plan_successor": (plan.status != PlanStatus.DRAFT and can_plan_successor(
            request.user, plan.unit.province_today())),
        "can_edit_draft": can_edit_draft(request.user, plan),
    })


@member_required
def plan_successor_new(request, plan_id: int):
    """"Lập kế hoạch kế nhiệm": a draft plan of today's province taking over old plans."""
    plan, province = access_successor_planning(request.user, plan_id)
    form = SuccessorPlanForm(province, plan, request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        fields = form.successor_fields()
        try:
            successor = plan_create_successor(
                **fields, unit=province, key=plan_key_for(province, fields["period_start"]))
        except ValidationError as error:
            form.add_refusal(error)
        else:
            messages.success(request, gettext("Đã lập dự thảo kế hoạch kế nhiệm: mục tiêu, "
                                              "chỉ tiêu riêng và phân công được sao chép để "
                                              "chỉnh sửa."))
            return redirect("plan_detail", successor.pk)
    return render(request, "childplan/plan_successor_form.html",
                  {"plan": plan, "province": province, "form": form})


@member_required
def plan_draft_edit(request, plan_id: int):
    """"Chỉnh sửa dự thảo": a draft's document fields, targets and assignments, saved all at
    once, and its issue. A plan no longer a draft only says so."""
    plan = access_draft_editing(request.user, plan_id)
    editable = plan.status == PlanStatus.DRAFT
    if request.method == "POST" and not editable:
        messages.error(request, gettext("Kế hoạch không còn là dự thảo: không thể chỉnh sửa."))
        return redirect("plan_draft_edit", plan.pk)
    data = request.POST if request.method == "POST" else None
    document = DraftDocumentForm(plan, data)
    rows = DraftTargetFormSet(data, plan=plan, targets=list(plan.targets.all()))
    assignments = sorted(plan.assignments.select_related("indicator", "agency"),
                         key=lambda a: (a.indicator.number, a.role != AssignmentRole.LEAD,
                                        sort_key(a.agency.name), a.pk))
    assigned = DraftAssignmentFormSet(data, plan=plan, assignments=assignments)
    refusals: list[str] = []
    if data is not None and all([document.is_valid(), rows.is_valid(), assigned.is_valid()]):
        edited, deleted = rows.edited()
        edited_assignments, deleted_assignments = assigned.edited()
        try:
            plan_update_draft(plan, document=document.document_fields(),
                              targets=[target for _, target in edited], deleted=deleted,
                              assignments=[a for _, a in edited_assignments],
                              deleted_assignments=deleted_assignments)
        except DraftRefused as refusal:
            for given, found in ((edited, refusal.rows),
                                 (edited_assignments, refusal.assignment_rows)):
                for index, errors in found.items():
                    form = given[index][0]
                    for name, message in errors.items():
                        form.add_error(name if name in form.fields else None, message)
            refusals = refusal.others
        except ValidationError as error:
            document.add_refusal(error)
        else:
            messages.success(request, gettext("Đã lưu dự thảo."))
            return redirect("plan_draft_edit", plan.pk)
    return render(request, "childplan/plan_draft_edit.html", {
        "plan": plan, "editable": editable, "document": document, "rows": rows,
        "assigned": assigned,
        "problems": ([*refusals, *rows.problems(), *assigned.problems()]
                     if data is not None else []),
        "assignments": assignments, "issue_form": IssueForm(),
    })


@member_required
@require_POST
def plan_draft_issue(request, plan_id: int):
    """"Ban hành kế hoạch": the draft becomes the plan in force, once confirmed."""
    plan = access_draft_editing(request.user, plan_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return redirect("plan_draft_edit", plan.pk)
    try:
        plan_issue(plan)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plan_draft_edit", plan.pk)
    messages.success(request, gettext("Đã ban hành kế hoạch: kế hoạch chuyển sang trạng thái "
                                      "đang thực hiện."))
    return redirect("plan_detail", plan.pk)


@member_required
def measure_detail(request, measure_id: int):
    measure = get_object_or_404(Measure.objects.select_related("indicator__goal", "plan"),
                                pk=measure_id)
    targets = (Target.objects.filter(measure=measure).exclude(plan__status="reference")
               .select_related("plan__unit").order_by("plan__level", "plan__unit__name"))
    years = sorted({t.year for t in targets})
    by_plan: dict[int, dict] = {}
    for target in targets:
        row = by_plan.setdefault(target.plan_id, {"plan": target.plan, "cells": {}})
        row["cells"].setdefault(target.year, []).append(target)
    rows = [{"plan": row["plan"], "cells": [cell_text(row["cells"].get(y, [])) for y in years]}
            for row in by_plan.values()]
    return render(request, "childplan/measure_detail.html",
                  {"measure": measure, "years": years, "rows": rows})
