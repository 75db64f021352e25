from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import member_required
from childplan.access import access_plan_progress
from progress.drilldown import unit_in_plan
from progress.models import PaperBuild
from progress.papers.access import access_build, access_cycle_for_report
from progress.papers.services import overview_pdf_request, paper_build_request


@login_required
@require_POST
def annual_report_request(request, cycle_id: int):
    cycle = access_cycle_for_report(request.user, cycle_id)
    unit = cycle.plan.unit
    asked = request.POST.get("don-vi", "")
    if asked:
        unit = unit_in_plan(cycle.plan, int(asked)) if asked.isdigit() else None
        if unit is None:
            raise Http404(_("Đơn vị không thuộc địa bàn của kế hoạch."))
    build = paper_build_request(plan=cycle.plan, unit=unit, year=cycle.year, by=request.user)
    messages.info(request, _("Đang lập báo cáo năm %(year)s; trang này tự cập nhật.")
                  % {"year": cycle.year})
    return redirect("annual_report_status", build.pk)


@member_required
@require_POST
def overview_pdf(request, plan_id: int):
    """A PDF of the plan's overview, for whoever may read the dashboard (a leader too)."""
    plan = access_plan_progress(request.user, plan_id)
    unit = plan.unit
    asked = request.POST.get("don-vi", "")
    if asked:
        unit = unit_in_plan(plan, int(asked)) if asked.isdigit() else None
        if unit is None:
            raise Http404(_("Đơn vị không thuộc địa bàn của kế hoạch."))
    build = overview_pdf_request(plan=plan, unit=unit, by=request.user)
    messages.info(request, _("Đang lập bản PDF tổng quan tiến độ; trang này tự cập nhật."))
    return redirect("annual_report_status", build.pk)


@login_required
def annual_report_status(request, build_id: int):
    build = access_build(request.user, build_id)
    return render(request, "progress/annual_report_status.html", {
        "build": build, "working": build.status in (PaperBuild.Status.QUEUED,
                                                     PaperBuild.Status.RUNNING)})


@login_required
def annual_report_download(request, build_id: int):
    build = access_build(request.user, build_id)
    if build.status != PaperBuild.Status.DONE:
        raise Http404(_("Báo cáo chưa lập xong."))
    response = HttpResponse(bytes(build.content), content_type=build.content_type)
    response["Content-Disposition"] = f'attachment; filename="{build.file_name}"'
    return response
