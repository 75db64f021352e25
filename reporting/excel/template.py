"""The .xlsx template of one report: its measures, last year's figures and targets.

The reporter fills the white cells (numerator, denominator, value, note,
source); the rest is locked. A very hidden sheet holds the report's id signed
with the site's key, so an upload can tell this report's template from another
report's, or from a file that only looks like it.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reporting.excel.cells import Formats, new_workbook, write_number, write_text
from reporting.forms import entry_rows
from reporting.models import Report

SALT = "reporting.excel.template"
META_SHEET = "_childplan"
# The sheet's and the columns' names are written in the downloader's language; an upload
# takes a template of any of the site's languages (a colleague may fill in an English one)
# and reads its columns by their Vietnamese names, the names of the source.
DATA_SHEET = gettext_noop("Số liệu")
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
CODE_COLUMN = gettext_noop("Mã chỉ tiêu")
INPUT_COLUMNS = (gettext_noop("Tử số"), gettext_noop("Mẫu số"), gettext_noop("Giá trị"),
                 gettext_noop("Ghi chú"), gettext_noop("Nguồn số liệu"))
NUMBER_COLUMNS = INPUT_COLUMNS[:3]

STYLES = {
    "title": {"bold": True, "font_size": 14},
    "line": {},
    "hint": {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"},
    "header": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
               "border": 1, "bg_color": "#D9E1F2"},
    "fixed": {"border": 1, "valign": "top", "text_wrap": True, "bg_color": "#F2F2F2"},
    "input": {"border": 1, "valign": "top", "text_wrap": True, "locked": False},
    "meta": {},
}


def columns(report: Report, *, language: str | None = None) -> list[str]:
    """The header row in `language` (the active one by default), which an upload must find
    unchanged; "vi" gives the names the upload reads the columns by."""
    with translation.override(language or translation.get_language()):
        return [_(name) for name in (CODE_COLUMN, gettext_noop("Chỉ tiêu"),
                                     gettext_noop("Đơn vị tính"), gettext_noop("Mục tiêu"))] + [
            _("Năm %(year)s") % {"year": report.cycle.year - 1},
            *(_(name) for name in INPUT_COLUMNS)]


def sheet_names() -> set[str]:
    """The data sheet's name in each of the site's languages."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(_(DATA_SHEET))
    return names


def signature(report: Report) -> str:
    return signing.dumps({"report": report.pk}, salt=SALT)


def report_of(token: str) -> int | None:
    """The report id a template was made for, or None when the token is not ours."""
    try:
        return int(signing.loads(token, salt=SALT)["report"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def file_name(report: Report) -> str:
    return f"mau-bao-cao-{report.cycle.year}-{report.pk}.xlsx"


def write_template(report: Report, target) -> None:
    rows = entry_rows(report)
    workbook = new_workbook(target)
    formats = Formats(workbook, STYLES)
    sheet = workbook.add_worksheet(_(DATA_SHEET))
    headers = columns(report)
    widths = [10, 50, 10, 20, 12, 12, 12, 12, 30, 24]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    plan = report.cycle.plan
    write_text(sheet, 0, 0, _("MẪU NHẬP SỐ LIỆU — %(cycle)s") % {
        "cycle": report.cycle.title.upper()}, formats, "title")
    write_text(sheet, 1, 0, f"{plan.kind} {plan.number} — {plan.unit.name}", formats, "line")
    write_text(sheet, 2, 0, _("Cơ quan: %(agency)s · Đơn vị báo cáo: %(unit)s · Hạn nộp: "
                              "%(deadline)s") % {
        "agency": report.agency.name, "unit": report.unit.name,
        "deadline": f"{report.deadline:%d/%m/%Y}"}, formats, "line")
    hint = _("Chỉ nhập vào các ô trắng. Chỉ tiêu tỷ lệ: nhập tử số và mẫu số (giá trị sẽ được "
             "tính), hoặc chỉ nhập giá trị. Nhập số, không nhập công thức; không đổi tên, thêm "
             "hay xóa cột. Ô để trống là chưa có số liệu.")
    sheet.merge_range(3, 0, 3, len(headers) - 1, "", formats["hint"])
    write_text(sheet, 3, 0, hint, formats, "hint")
    sheet.set_row(3, 32)
    for col, text in enumerate(headers):
        write_text(sheet, HEADER_ROW, col, text, formats, "header")
    row = FIRST_ROW
    for entry in rows:
        measure, saved = entry.measure, entry.saved
        number = formats.number(measure.unit_kind, locked=False)
        count = formats.number("count", locked=not measure.is_ratio)
        write_text(sheet, row, 0, measure.code, formats, "fixed")
        write_text(sheet, row, 1, measure.name, formats, "fixed")
        write_text(sheet, row, 2, measure.unit_label, formats, "fixed")
        write_text(sheet, row, 3, entry.target, formats, "fixed")
        last = entry.last_year
        write_number(sheet, row, 4, last.value if last else None,
                     formats.number(measure.unit_kind, locked=True))
        write_number(sheet, row, 5, saved.numerator if saved else None, count)
        write_number(sheet, row, 6, saved.denominator if saved else None, count)
        shown = saved.value if saved and saved.numerator is None else None
        write_number(sheet, row, 7, shown, number)
        write_text(sheet, row, 8, saved.note if saved else "", formats, "input")
        write_text(sheet, row, 9, saved.source if saved else "", formats, "input")
        row += 1
    if rows:
        sheet.data_validation(FIRST_ROW, 5, row - 1, 7, {
            "validate": "decimal", "criteria": "between", "minimum": -1e14, "maximum": 1e14,
            "error_title": _("Chỉ nhập số"),
            "error_message": _("Ô này chỉ nhận số, ví dụ 98,5 hoặc 1234."),
        })
    sheet.freeze_panes(FIRST_ROW, 2)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.activate()
    meta = workbook.add_worksheet(META_SHEET)
    meta.write_string(0, 0, "report")
    meta.write_string(0, 1, signature(report))
    meta.very_hidden()
    workbook.close()
