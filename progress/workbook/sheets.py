"""The summary workbook (Biểu tổng hợp kết quả thực hiện các chỉ tiêu), written with XlsxWriter.

Three sheets: the summary by goal and measure; each measure broken down by
the units whose figures counted in the year; the counted figures as a flat table.
Rows are streamed (constant_memory), so every sheet is written top to bottom
and merges stay within one row.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from progress.workbook.summary import MILESTONES, Summary
from reporting.excel.cells import (
    Formats,
    is_risky,
    new_workbook,
    number_format,
    write_number,
    write_text,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
SHEETS = ("Tổng hợp", "Theo đơn vị", "Số liệu gốc")
HEADER_ROW = 5  # the title block takes rows 1–4, then a blank row
A4 = 9
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 (a spreadsheet date has no zone)

STYLES = {
    "title": {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"},
    "subtitle": {"italic": True, "align": "center", "valign": "vcenter"},
    "header": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
               "border": 1, "bg_color": "#D9E1F2"},
    "group": {"bold": True, "border": 1, "bg_color": "#F2F2F2", "valign": "vcenter"},
    "text": {"border": 1, "valign": "top", "text_wrap": True},
    "center": {"border": 1, "valign": "top", "align": "center"},
    "total": {"bold": True, "border": 1, "valign": "top", "text_wrap": True},
    "date": {"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"},
}


def file_name(summary: Summary) -> str:
    return f"bieu-tong-hop-{summary.plan.key}-{summary.unit.code}-{summary.year}.xlsx"


def export_summary(summary: Summary, target, *, now: datetime.datetime | None = None) -> None:
    """Write the workbook of `summary` to `target` (a path or a binary file object)."""
    now = (now or datetime.datetime.now(tz=VIETNAM)).astimezone(VIETNAM)
    workbook = new_workbook(target)
    formats = Formats(workbook, STYLES)
    numbers = _number_formats(workbook, summary)
    _summary_sheet(workbook.add_worksheet(SHEETS[0]), summary, formats, numbers, now)
    _breakdown_sheet(workbook.add_worksheet(SHEETS[1]), summary, formats, numbers, now)
    _raw_sheet(workbook.add_worksheet(SHEETS[2]), summary, formats, numbers)
    workbook.close()


def _number_formats(workbook, summary: Summary) -> dict[str, object]:
    kinds = {m.unit_kind for m in summary.measures.values()} | {"count"}
    return {kind: workbook.add_format({"font_name": "Times New Roman", "font_size": 11,
                                       "border": 1, "valign": "top",
                                       "num_format": number_format(kind)}) for kind in kinds}


def _title_block(sheet, summary: Summary, formats: Formats, width: int, heading: str,
                 now: datetime.datetime) -> None:
    plan = summary.plan
    issued = f" ngày {plan.issued_label}" if plan.issued_label else ""
    lines = [
        (heading, "title"),
        (f"Thực hiện {plan.kind} {plan.number}{issued} của {plan.issuer}", "subtitle"),
        (f"Địa bàn: {summary.unit.name} · Năm báo cáo: {summary.year}", "subtitle"),
        (f"Ngày xuất: {now:%d/%m/%Y}", "subtitle"),
    ]
    for row, (text, style) in enumerate(lines):
        sheet.merge_range(row, 0, row, width - 1, "", formats[style])
        write_text(sheet, row, 0, text, formats, style)
    sheet.set_row(0, 24)


def _print_setup(sheet, header_row: int, width: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&CTrang &P/&N")
    sheet.freeze_panes(header_row + 1, 2)
    sheet.autofilter(header_row, 0, header_row, width - 1)


def _headers(sheet, row: int, headers: list[tuple[str, float]], formats: Formats) -> None:
    for col, (text, width) in enumerate(headers):
        sheet.set_column(col, col, width)
        write_text(sheet, row, col, text, formats, "header")
    sheet.set_row(row, 32)


def _summary_sheet(sheet, summary: Summary, formats: Formats, numbers, now) -> None:
    headers = [("STT", 5), ("Chỉ tiêu", 48), ("Đơn vị tính", 10)]
    headers += [(f"Mục tiêu {m}", 14) for m in MILESTONES]
    headers += [(f"Năm {y}", 10) for y in summary.years]
    headers += [("Đánh giá", 15), ("Cơ quan chủ trì", 24), ("Ghi chú", 32)]
    width = len(headers)
    _title_block(sheet, summary, formats, width, TITLE, now)
    _headers(sheet, HEADER_ROW, headers, formats)
    row = HEADER_ROW + 1
    for number, group in enumerate(summary.groups, start=1):
        sheet.merge_range(row, 0, row, width - 1, "", formats["group"])
        write_text(sheet, row, 0, f"{_roman(number)}. {group.title}", formats, "group")
        row += 1
        for item in group.rows:
            measure = item.measure
            sheet.write_number(row, 0, item.number, formats["center"])
            write_text(sheet, row, 1, f"{measure.code}. {measure.name}", formats, "text")
            write_text(sheet, row, 2, measure.unit_label, formats, "center")
            col = 3
            for milestone in MILESTONES:
                write_text(sheet, row, col, item.targets[milestone], formats, "text")
                col += 1
            cell = numbers[measure.unit_kind]
            for year in summary.years:
                write_number(sheet, row, col, item.values[year].value, cell)
                col += 1
            write_text(sheet, row, col, item.status, formats, "text")
            write_text(sheet, row, col + 1, item.lead, formats, "text")
            write_text(sheet, row, col + 2, "\n".join(item.notes), formats, "text")
            row += 1
    _print_setup(sheet, HEADER_ROW, width)


def _breakdown_sheet(sheet, summary: Summary, formats: Formats, numbers, now) -> None:
    headers = [("STT", 5), ("Đơn vị", 30), ("Cơ quan báo cáo", 30), ("Tử số", 14),
               ("Mẫu số", 14), (f"Giá trị {summary.year}", 12), ("Ghi chú", 40)]
    width = len(headers)
    _title_block(sheet, summary, formats, width,
                 f"KẾT QUẢ NĂM {summary.year} THEO ĐƠN VỊ BÁO CÁO", now)
    _headers(sheet, HEADER_ROW, headers, formats)
    row = HEADER_ROW + 1
    count = numbers["count"]
    for item in summary.rows:
        measure = item.measure
        sheet.merge_range(row, 0, row, width - 1, "", formats["group"])
        write_text(sheet, row, 0, f"{measure.code}. {measure.name} ({measure.unit_label})",
                   formats, "group")
        row += 1
        cell = numbers[measure.unit_kind]
        for number, figure in enumerate(item.breakdown, start=1):
            sheet.write_number(row, 0, number, formats["center"])
            write_text(sheet, row, 1, figure.unit_name, formats, "text")
            write_text(sheet, row, 2, figure.agency, formats, "text")
            write_number(sheet, row, 3, figure.numerator, count)
            write_number(sheet, row, 4, figure.denominator, count)
            write_number(sheet, row, 5, figure.value, cell)
            write_text(sheet, row, 6, figure.note, formats, "text")
            row += 1
        combined = item.values[summary.year]
        write_text(sheet, row, 0, "", formats, "total")
        write_text(sheet, row, 1, f"Tổng hợp {summary.unit.name}", formats, "total")
        write_text(sheet, row, 2, "", formats, "total")
        write_number(sheet, row, 3, combined.numerator, count)
        write_number(sheet, row, 4, combined.denominator, count)
        write_number(sheet, row, 5, combined.value, cell)
        write_text(sheet, row, 6, combined.note or ("" if item.breakdown else
                                                    "Chưa có số liệu được duyệt."),
                   formats, "text")
        row += 1
    _print_setup(sheet, HEADER_ROW, width)


def _raw_sheet(sheet, summary: Summary, formats: Formats, numbers) -> None:
    """The flat table: plain cells, nothing written where there is no figure or text.

    It holds every approved figure (tens of thousands of rows for a province with its
    communes), so cells go straight to XlsxWriter without borders or blank cells.
    """
    headers = [("Năm", 7), ("Đơn vị", 28), ("Cơ quan", 28), ("Mã chỉ tiêu", 9),
               ("Chỉ tiêu", 40), ("Đơn vị tính", 10), ("Tử số", 12), ("Mẫu số", 12),
               ("Giá trị", 10), ("Ghi chú", 30), ("Nguồn số liệu", 24), ("Ngày duyệt", 12)]
    _headers(sheet, 0, headers, formats)
    order = {m_id: i for i, m_id in enumerate(r.measure.pk for r in summary.rows)}
    figures = sorted(summary.figures, key=lambda f: (f.year, f.unit_name, f.agency,
                                                     order.get(f.measure_id, 0)))
    workbook_format = formats.workbook.add_format
    plain = {kind: workbook_format({"num_format": number_format(kind)})
             for kind in {m.unit_kind for m in summary.measures.values()} | {"count"}}
    date = workbook_format({"num_format": "dd/mm/yyyy"})
    quoted = workbook_format({"quote_prefix": True})
    measures = {pk: (m.code, m.name, m.unit_label, plain[m.unit_kind])
                for pk, m in summary.measures.items()}
    count = plain["count"]
    write_number, write_string = sheet.write_number, sheet.write_string

    def text(row: int, col: int, value: str) -> None:
        if value:
            if is_risky(value):
                write_string(row, col, value, quoted)
            else:
                write_string(row, col, value)

    serials: dict[datetime.datetime, float] = {}  # a report's figures share one approval
    for row, figure in enumerate(figures, start=1):
        code, name, unit_label, cell = measures[figure.measure_id]
        write_number(row, 0, figure.year)
        text(row, 1, figure.unit_name)
        text(row, 2, figure.agency)
        text(row, 3, code)
        text(row, 4, name)
        text(row, 5, unit_label)
        if figure.numerator is not None:
            write_number(row, 6, float(figure.numerator), count)
        if figure.denominator is not None:
            write_number(row, 7, float(figure.denominator), count)
        if figure.value is not None:
            write_number(row, 8, float(figure.value), cell)
        text(row, 9, figure.note)
        text(row, 10, figure.source)
        if figure.approved_at:
            if figure.approved_at not in serials:
                serials[figure.approved_at] = _excel_date(figure.approved_at)
            write_number(row, 11, serials[figure.approved_at], date)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(figures), 1), len(headers) - 1)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _excel_date(moment: datetime.datetime) -> float:
    """Days since Excel's epoch, in Vietnam time, as a date cell stores them."""
    local = moment.astimezone(VIETNAM).replace(tzinfo=None)
    return (local - EXCEL_EPOCH).total_seconds() / 86400


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text
