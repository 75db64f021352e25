"""Write endpoints: a report's figures as one document, approve, return, and import of a
DHIS2 file (ADX or dataValueSets JSON). Each fetches through reporting.access as the page
does and calls the same reporting services."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router

from exchange import dhis2, present
from exchange.errors import ApiRefusal, item
from exchange.figures_in import Row, check_document, figures_write
from exchange.read_api import TAG_REPORTS
from exchange.schemas import (
    MAX_ID,
    ErrorOut,
    FiguresIn,
    ImportOut,
    ReportWrittenOut,
    ReturnIn,
)
from reporting.access import access_report
from reporting.forms import ReturnForm
from reporting.services import ReportConflict, report_approve, report_return

router = Router()

WRITE_REFUSALS = {status: ErrorOut for status in (400, 401, 403, 404, 409, 413, 415, 422, 429)}
ReportId = Path(..., ge=1, le=MAX_ID, description=gettext_noop("Mã số báo cáo (ReportOut.id)"))


def _editable(request, report_id: int):
    report = access_report(request.user, report_id, for_edit=True)
    if not report.is_editable:
        refusal = (_("Báo cáo đang ở trạng thái «%(status)s» (kỳ đã khóa): chỉ xem, không ghi "
                     "được.") if report.cycle.locked else
                   _("Báo cáo đang ở trạng thái «%(status)s»: chỉ xem, không ghi được."))
        raise ApiRefusal(409, refusal % {"status": report.get_status_display()})
    return report


@router.post("/reports/{report_id}/figures", response={200: ReportWrittenOut, **WRITE_REFUSALS},
             tags=[TAG_REPORTS], summary=gettext_noop(
                 "Ghi (và nộp) số liệu của báo cáo: tất cả hoặc không dòng nào"))
def report_figures(request, payload: FiguresIn, report_id: int = ReportId):
    report = _editable(request, report_id)
    rows = [Row(**figure.dict()) for figure in payload.figures]
    checked = check_document(report, rows, version=payload.version,
                             narrative={"results": payload.results,
                                        "difficulties": payload.difficulties,
                                        "proposals": payload.proposals,
                                        "budget_spent": payload.budget_spent})
    report = figures_write(report=report, by=request.user, checked=checked,
                           submit=payload.submit)
    return present.report_written(access_report(request.user, report.pk))


@router.post("/reports/{report_id}/approve", response={200: ReportWrittenOut, **WRITE_REFUSALS},
             tags=[TAG_REPORTS], summary=gettext_noop("Duyệt báo cáo (cán bộ tổng hợp)"))
def report_approve_api(request, report_id: int = ReportId):
    report = access_report(request.user, report_id, for_review=True)
    try:
        report_approve(report=report, by=request.user)
    except ReportConflict as error:
        raise ApiRefusal(409, str(error)) from error
    return present.report_written(access_report(request.user, report.pk))


@router.post("/reports/{report_id}/return", response={200: ReportWrittenOut, **WRITE_REFUSALS},
             tags=[TAG_REPORTS],
             summary=gettext_noop("Trả lại báo cáo kèm lý do (cán bộ tổng hợp)"))
def report_return_api(request, payload: ReturnIn, report_id: int = ReportId):
    report = access_report(request.user, report_id, for_review=True)
    form = ReturnForm({"comment": payload.comment})
    if not form.is_valid():
        errors = [item("comment", message) for message in form.errors["comment"]]
        raise ApiRefusal(422, errors[0]["reason"], errors)
    try:
        report_return(report=report, by=request.user, comment=form.cleaned_data["comment"])
    except ReportConflict as error:
        raise ApiRefusal(409, str(error)) from error
    return present.report_written(access_report(request.user, report.pk))


@router.post("/reports/{report_id}/import", response={200: ImportOut, **WRITE_REFUSALS},
             tags=[TAG_REPORTS], summary=gettext_noop(
                 "Nhập tệp ADX hoặc dataValueSets JSON của DHIS2 vào báo cáo: xem trước, rồi "
                 "ghi tất cả hoặc không dòng nào"),
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/adx+xml": {"schema": {"type": "string"}},
                 "application/json": {"schema": {"type": "object"}}}}})
def report_import(request, report_id: int = ReportId,
                  preview: bool = Query(True, description=gettext_noop(
                      "true: chỉ đọc và kiểm tra, chưa ghi")),
                  version: int | None = Query(None, ge=1, le=MAX_ID, description=gettext_noop(
                      "Phiên bản báo cáo; cần khi ghi"))):
    report = _editable(request, report_id)
    rows = dhis2.rows_for_report(report, request.content_type, request.body)
    if not preview and version is None:
        raise ApiRefusal(422, _("version: chưa có; khi ghi (preview=false) cần phiên bản báo "
                                "cáo."), [item("version", _("chưa có (bắt buộc khi "
                                                            "preview=false)."))])
    checked = check_document(report, rows, version=version or report.version)
    written = 0
    if not preview:
        report = figures_write(report=report, by=request.user, checked=checked, submit=False)
        written = sum(1 for c in checked.changes if c["change"] != "same")
    return {"preview": preview, "report": report.pk, "version": report.version,
            "rows": checked.changes, "written": written}
