from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext

from agencies.access import member_required
from agencies.models import AdminUnit, UnitLevel
from agencies.vietnamese import matches, sort_key
from childplan.access import access_plan, access_successor_planning, can_plan_successor
from childplan.forms import SuccessorPlanForm
from childplan.lineage import lineage
from childplan.models import Plan, Target
from childplan.plan_table import cell_text, target_table
from childplan.services import plan_create_successor, plan_key_for
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
        "can_plan_successor": can_plan_successor(request.user, plan.unit.province_today()),
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
