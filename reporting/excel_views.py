"""Excel pages of a report: its template and its upload (the summary workbook is the
progress app's: it reads what the dashboards read)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.client import client_ip
from agencies.models import AccessLog
from agencies.services import access_log_record
from reporting.access import access_report
from reporting.excel import template
from reporting.excel.forms import ConfirmForm, UploadForm
from reporting.excel.services import report_upload
from reporting.excel.upload import UploadRefused, read_payload, read_upload
from reporting.services import ReportConflict

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(write, subject, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    write(subject, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _editable(request, report_id: int):
    """The report if the user may fill it in now; else the page to go back to."""
    report = access_report(request.user, report_id, for_edit=True)
    if report.is_editable:
        return report, None
    shown = (_("Báo cáo đang ở trạng thái «%(status)s» (kỳ đã khóa): không nhập số liệu từ "
               "Excel được nữa.") if report.cycle.locked else
             _("Báo cáo đang ở trạng thái «%(status)s»: không nhập số liệu từ Excel được nữa."))
    messages.info(request, shown % {"status": report.get_status_display()})
    return report, redirect("report_detail", report.pk)


@login_required
def template_download(request, report_id: int):
    report, refused = _editable(request, report_id)
    if refused:
        return refused
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, ip=client_ip(request),
                      path=request.get_full_path(), subject=template.file_name(report))
    return _xlsx(template.write_template, report, template.file_name(report))


@login_required
def upload(request, report_id: int):
    report, refused = _editable(request, report_id)
    if refused:
        return refused
    form = UploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = read_upload(report, form.cleaned_data["file"])
        except UploadRefused as error:
            form.add_error("file", str(error))
    return render(request, "reporting/excel_upload.html", {
        "report": report, "form": form, "preview": preview,
        "confirm": ConfirmForm(initial={"payload": preview.payload()},
                               to_confirm=preview.to_confirm)
        if preview and preview.ok else None})


@login_required
@require_POST
def upload_confirm(request, report_id: int):
    report, refused = _editable(request, report_id)
    if refused:
        return refused
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise UploadRefused(_("Thiếu dữ liệu xác nhận; hãy tải tệp lên lại."))
        version, figures = read_payload(form.cleaned_data["payload"], report,
                                        confirmed=form.cleaned_data["confirm"])
        written = report_upload(report=report, by=request.user, version=version,
                                figures=figures)
    except (UploadRefused, ReportConflict) as error:
        messages.error(request, str(error))
        return redirect("report_excel_upload", report.pk)
    messages.success(request, ngettext("Đã lưu %(count)s số liệu từ tệp Excel vào bản nháp.",
                                       "Đã lưu %(count)s số liệu từ tệp Excel vào bản nháp.",
                                       written) % {"count": written})
    return redirect("report_detail", report.pk)
