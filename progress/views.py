import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import member_required
from agencies.client import client_ip
from agencies.models import AccessLog, Agency
from agencies.services import access_log_record
from childplan.access import access_plan_progress
from childplan.lineage import lineage
from childplan.models import AssignmentRole
from indicators.models import Measure
from indicators.sums import targets_for
from progress import cache, readers
from progress.charts import figure_data, series_chart, series_table, units_chart
from progress.drilldown import trail, unit_in_plan
from progress.models import Refresh
from progress.rows import by_goal
from progress.workbook import sheets
from progress.workbook.summary import summary_for
from reporting.access import access_cycle

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(request, plan):
    """The unit asked for, if it is on the plan's drill-down."""
    unit_id = request.GET.get("unit", "")
    if not unit_id:
        return plan.unit
    unit = unit_in_plan(plan, int(unit_id)) if unit_id.isdigit() else None
    if unit is None:
        raise Http404(_("Đơn vị không thuộc địa bàn của kế hoạch."))
    return unit


@member_required
def plan_progress(request, plan_id: int):
    plan = access_plan_progress(request.user, plan_id)
    unit = _unit(request, plan)
    refresh = Refresh.objects.filter(plan=plan).first()

    data = cache.cached(cache.overview_key(plan.pk, unit.pk), refresh,
                        lambda: cache.overview_data(plan, unit))
    # The plan's own unit (the province page) says what the plan took over, or what took it over.
    history = lineage(plan) if unit.pk == plan.unit_id else {}
    readers.label_history_years(history.get("predecessors", []))
    return render(request, "progress/plan_progress.html", {
        "plan": plan, "unit": unit, "refresh": refresh, "trail": trail(plan, unit), **history,
        # Submissions change completeness without a recompute: never cached.
        "completeness": readers.cycle_completeness(plan), **data})


@member_required
def measure_progress(request, plan_id: int, measure_id: int):
    plan = access_plan_progress(request.user, plan_id)
    unit = _unit(request, plan)
    measure = get_object_or_404(Measure.objects.available_to(plan), pk=measure_id)
    refresh = Refresh.objects.filter(plan=plan).first()

    def build():
        row = readers.measure_rows(plan, unit, [measure])[0]
        targets = readers.target_points(plan, measure)
        children = readers.children_for_measure(plan, unit, measure)
        series = series_chart(points=row.series, targets=targets, unit_label=measure.unit_label,
                              title=f"{measure.code}. {measure.name} — {unit.name}")
        # The line the units are compared with: the target the status is judged against.
        judged = targets_for(targets, row.year or 0)
        bars = units_chart(
            rows=[(c.unit.name, c.value, c.status) for c in children],
            target=judged[0].value if judged else None,
            target_label=_("Mục tiêu %(year)s: %(target)s") % {
                "year": judged[0].year, "target": judged[0].label} if judged else "",
            unit_label=measure.unit_label, title=_("So sánh các đơn vị trực thuộc"))
        years, history = readers.old_unit_history(plan, measure)
        return {"row": row, "children": children, "history": history, "history_years": years,
                "series_chart": figure_data(series),
                "series_table": series_table(points=row.series, targets=targets),
                "units_chart": figure_data(bars) if children else None}

    data = cache.cached(cache.measure_key(plan.pk, unit.pk, measure.pk), refresh, build)
    # The same national measure in the plans this one took over: their earlier years.
    earlier = []
    if unit.pk == plan.unit_id and measure.plan_id is None:
        earlier = readers.label_history_years(lineage(plan)["predecessors"])
    return render(request, "progress/measure_progress.html", {
        "plan": plan, "unit": unit, "measure": measure, "refresh": refresh,
        "trail": trail(plan, unit), "predecessors": earlier, **data})


@member_required
def agency_progress(request, plan_id: int, agency_id: int):
    plan = access_plan_progress(request.user, plan_id)
    agency = get_object_or_404(Agency.objects.filter(assignments__plan=plan).distinct(),
                               pk=agency_id)
    led = set(plan.assignments.filter(agency=agency, role=AssignmentRole.LEAD)
              .values_list("indicator_id", flat=True))
    measures = [m for m in readers.plan_measures(plan) if m.indicator_id in led]
    rows = readers.measure_rows(plan, plan.unit, measures)
    return render(request, "progress/agency_progress.html", {
        "plan": plan, "agency": agency, "blocks": by_goal(rows),
        "refresh": Refresh.objects.filter(plan=plan).first()})


@login_required
def summary_export(request, cycle_id: int):
    """The cycle's summary workbook, of the plan's unit or of a unit on its drill-down."""
    cycle = access_cycle(request.user, cycle_id)
    plan = cycle.plan
    unit = plan.unit
    asked = request.GET.get("don-vi", "")
    if asked:
        unit = unit_in_plan(plan, int(asked)) if asked.isdigit() else None
        if unit is None:
            raise Http404(_("Đơn vị không thuộc địa bàn của kế hoạch."))
    summary = summary_for(plan=plan, unit=unit, year=cycle.year)
    name = sheets.file_name(summary)
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, ip=client_ip(request),
                      path=request.get_full_path(), subject=name)
    buffer = io.BytesIO()
    # The paper goes out under the office doing the cycle's work today.
    office = cycle.consolidating_agency
    issuer = office.agency_for(timezone.localdate()) if office else None
    sheets.export_summary(summary, buffer, issuer=issuer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
