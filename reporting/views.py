from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.vietnamese import sort_key
from reporting.access import (
    access_cycle,
    access_report,
    can_consolidate_cycle,
    can_edit_report,
    can_review_cycle,
    can_review_report,
    reporter_reports,
    reporters_of,
    reviewable_reports,
    reviewer_reports,
)
from reporting.cycle_deadlines import CycleDeadlinesForm, CycleLocked, cycle_set_deadlines
from reporting.forms import ReportForm, ReturnForm, entry_rows
from reporting.models import Progress, ReportingCycle, Value
from reporting.review import ReportFilterForm, page_of
from reporting.services import (
    SELF_REVIEW,
    ReportConflict,
    UnconfirmedFigures,
    cycle_lock,
    report_approve,
    report_return,
    report_save,
    report_submit,
    report_unapprove,
    reports_approve,
    reviews_own_work,
)
from reporting.values import cycle_rule_violations


@login_required
def my_reports(request):
    reports = reporter_reports(request.user).in_open_cycles().order_by(
        "cycle__plan__unit__name", "agency__name", "unit__name")
    today = timezone.localdate()
    groups: dict = {}
    for report in reports:
        groups.setdefault((report.cycle, report.deadline), []).append(report)
    sections = []
    for (cycle, deadline), found in sorted(groups.items(), key=lambda group: group[0][1]):
        # A deadline counts down, or is overdue, only where a report is still to send.
        counting = [r.countdown(today) for r in found if r.is_outstanding]
        sections.append((cycle, deadline, counting[0] if counting
                         else _("đã nộp tất cả báo cáo"), bool(counting) and today > deadline,
                         found))
    return render(request, "reporting/my_reports.html", {"cycles": sections})


@login_required
def report_detail(request, report_id: int):
    report = access_report(request.user, report_id)
    rows = entry_rows(report)
    history = (Value.history.filter(report_id=report.pk)
               .select_related("history_user", "measure").order_by("-history_date", "-pk"))
    return render(request, "reporting/report_detail.html", {
        "report": report, "rows": rows, "history": history,
        "events": report.events.select_related("by"),
        "can_edit": report.is_editable and can_edit_report(request.user, report),
        "can_review": can_review_report(request.user, report) and not report.cycle.locked,
        "returnable": (report.status == "submitted" and not report.cycle.locked
                       and can_review_report(request.user, report)
                       and not reviews_own_work(report, request.user)),
        # Whoever submitted or last edited the report is told why they cannot decide on it.
        "own_work": SELF_REVIEW if reviews_own_work(report, request.user) else "",
        "return_form": ReturnForm(measures=[row.measure for row in rows]),
    })


@login_required
def report_edit(request, report_id: int):
    report = access_report(request.user, report_id, for_edit=True)
    if not report.is_editable:
        shown = (_("Báo cáo đang ở trạng thái «%(status)s» (kỳ đã khóa): chỉ xem.")
                 if report.cycle.locked else
                 _("Báo cáo đang ở trạng thái «%(status)s»: chỉ xem."))
        messages.info(request, shown % {"status": report.get_status_display()})
        return redirect("report_detail", report.pk)
    form = ReportForm(entry_rows(report), request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            report_save(report=report, by=request.user, version=form.cleaned_data["version"],
                        entry=form.entry())
        except ReportConflict as error:
            form.add_error(None, str(error))
        else:
            saved = _("Đã lưu nháp.")
            if form.warnings:
                saved += " " + ngettext("Lưu ý: %(count)s số liệu khác xa năm trước.",
                                        "Lưu ý: %(count)s số liệu khác xa năm trước.",
                                        len(form.warnings)) % {"count": len(form.warnings)}
            messages.success(request, saved)
            return redirect("report_edit", report.pk)
    return _render_form(request, report, form)


@login_required
@require_POST
def report_submit_view(request, report_id: int):
    report = access_report(request.user, report_id, for_edit=True)
    if not report.is_editable:
        messages.info(request, _("Báo cáo đã được nộp; không nộp lại được."))
        return redirect("report_detail", report.pk)
    form = ReportForm(entry_rows(report), request.POST, report=report)
    if form.is_valid():
        try:
            report = report_submit(report=report, by=request.user,
                                   version=form.cleaned_data["version"], entry=form.entry())
        except UnconfirmedFigures as error:
            form.refuse_unconfirmed(error.warnings)
        except ReportConflict as error:
            report.refresh_from_db()
            if not report.is_editable:
                messages.info(request, str(error))
                return redirect("report_detail", report.pk)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã nộp báo cáo. Báo cáo nộp sau hạn nên được đánh dấu "
                                        "nộp muộn.") if report.late else _("Đã nộp báo cáo."))
            return redirect("report_detail", report.pk)
    return _render_form(request, report, form)


def _render_form(request, report, form):
    return render(request, "reporting/report_form.html", {
        "report": report, "form": form, "today": timezone.localdate(),
        "countdown": report.countdown(timezone.localdate()),
        "overdue": report.is_outstanding and timezone.localdate() > report.deadline})


@login_required
@require_POST
def report_approve_view(request, report_id: int):
    report = access_report(request.user, report_id, for_review=True)
    try:
        report_approve(report=report, by=request.user)
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã duyệt báo cáo."))
    return redirect("report_detail", report.pk)


@login_required
@require_POST
def report_return_view(request, report_id: int):
    report = access_report(request.user, report_id, for_review=True)
    form = ReturnForm(request.POST, measures=report.measures())
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
        return redirect("report_detail", report.pk)
    try:
        report_return(report=report, by=request.user, comment=form.cleaned_data["comment"],
                      figure_comments=form.figure_comments())
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã trả lại báo cáo cho cơ quan."))
    return redirect("report_detail", report.pk)


@login_required
@require_POST
def report_unapprove_view(request, report_id: int):
    report = access_report(request.user, report_id, for_review=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Chưa hủy duyệt: hãy đánh dấu ô xác nhận rồi bấm «Hủy "
                                  "duyệt»."))
        return redirect("report_detail", report.pk)
    try:
        report_unapprove(report=report, by=request.user)
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã hủy duyệt: báo cáo trở lại hàng chờ duyệt."))
    return redirect("report_detail", report.pk)


@login_required
def review_queue(request):
    reports = reviewer_reports(request.user).in_open_cycles()
    cycles = list(ReportingCycle.objects.filter(pk__in=reports.values("cycle"))
                  .select_related("plan__unit").order_by("-year", "plan__unit__name"))
    form = ReportFilterForm(request.GET or {"state": Progress.SUBMITTED}, cycles=cycles)
    page = page_of(form.apply(reports.with_unusual()).order_by("submitted_at", "pk"),
                   request.GET.get("page"))
    return render(request, "reporting/review_queue.html", {
        "page": page, "form": form, "cycles": cycles,
        "contacts": reporters_of(page.object_list)})


@login_required
@require_POST
def review_bulk_approve(request):
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    reports = list(reviewable_reports(request.user, ids))
    if not reports:
        messages.error(request, _("Chưa chọn báo cáo nào để duyệt."))
        return redirect(_back(request))
    done = reports_approve(reports=reports, by=request.user)
    if done.approved:
        messages.success(request, ngettext("Đã duyệt %(count)s báo cáo.",
                                           "Đã duyệt %(count)s báo cáo.", len(done.approved))
                         % {"count": len(done.approved)})
    for report, reason in done.skipped:
        messages.warning(request, _("Chưa duyệt %(agency)s (%(unit)s): %(reason)s") % {
            "agency": report.agency.name, "unit": report.unit.name, "reason": reason})
    return redirect(_back(request))


def _back(request) -> str:
    """Back to the queue with the filters the reviewer had."""
    query = request.POST.get("query", "")
    return f"{reverse('review_queue')}?{query}" if query else reverse("review_queue")


@login_required
def cycle_completeness(request, cycle_id: int):
    cycle = access_cycle(request.user, cycle_id)
    form = ReportFilterForm(request.GET)
    reports = cycle.reports.with_context().with_unusual().order_by(
        "-agency__sector", "unit__level", "agency__name", "unit__name")
    page = page_of(form.apply(reports), request.GET.get("page"))
    summary = cycle.reports.completeness()
    reviews = can_review_cycle(request.user, cycle)
    return render(request, "reporting/cycle_completeness.html", {
        "cycle": cycle, "page": page, "form": form, "summary": summary,
        "counts": [(str(Progress(k).label), n) for k, n in summary.counts.items()],
        "contacts": reporters_of(page.object_list),
        "deadlines": cycle.deadline_lines(timezone.localdate(), summary.to_send),
        "today": timezone.localdate(),
        "can_lock": not cycle.locked and reviews,
        "can_set_deadlines": not cycle.locked and reviews,
        "can_write_report": can_consolidate_cycle(request.user, cycle, reviews=reviews)})


@login_required
def cycle_rule_violations_view(request, cycle_id: int):
    cycle = access_cycle(request.user, cycle_id)
    reports = list(cycle.reports.with_context().order_by("agency__name", "unit__name"))
    reports.sort(key=lambda r: (sort_key(r.agency.name), sort_key(r.unit.name)))
    return render(request, "reporting/cycle_rules.html", {
        "cycle": cycle, "found": cycle_rule_violations(reports), "reports": reports})


@login_required
@require_POST
def cycle_lock_view(request, cycle_id: int):
    cycle = access_cycle(request.user, cycle_id, for_review=True)
    try:
        cycle_lock(cycle=cycle, by=request.user)
    except ReportConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã khóa kỳ báo cáo: các báo cáo chỉ còn để xem."))
    return redirect("cycle_completeness", cycle.pk)



@login_required
def cycle_deadlines_view(request, cycle_id: int):
    cycle = access_cycle(request.user, cycle_id, for_review=True)
    form = CycleDeadlinesForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            changes = cycle_set_deadlines(cycle=cycle, by=request.user, **form.cleaned_data)
        except CycleLocked as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu hạn nộp.") if changes
                             else _("Hạn nộp không thay đổi."))
        return redirect("cycle_completeness", cycle.pk)
    if cycle.locked:
        messages.info(request, _("Kỳ báo cáo đã khóa: không sửa hạn nộp được nữa."))
        return redirect("cycle_completeness", cycle.pk)
    return render(request, "reporting/cycle_deadlines.html", {
        "cycle": cycle, "form": form,
        "changes": cycle.deadline_changes.select_related("by")[:20]})
