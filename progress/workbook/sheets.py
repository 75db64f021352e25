"""The summary workbook (Biểu tổng hợp kết quả thực hiện các chỉ tiêu), written with XlsxWriter.

Four sheets. The first two are papers to sign and send (Nghị định 30/2020/NĐ-CP): the
letterhead, "Biểu số …", the title, the table by goal and measure, the signatures; the
first with the latest years beside the 2025/2030 targets, so it prints on A4 landscape at
100 % (Times New Roman 11 pt), the second with every year of the plan. Then each measure
broken down by the units whose figures counted in the year, and the counted figures as a
flat table.

Every row's height is written (workbook/fit.py): wrapped text grows its row in Excel and
LibreOffice alike instead of printing over the next one. Figures stay numbers; their
formats carry the Vietnamese language, so LibreOffice shows 1.234,5 whatever the machine's
locale (Excel shows a number with the separators of the machine's settings).

Rows are streamed (constant_memory), so every sheet is written top to bottom and merges
stay within one row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, UnitLevel
from progress.papers.letterhead import MOTTO, NATIONAL_TITLE, Letterhead, letterhead
from progress.workbook.fit import row_height
from progress.workbook.summary import MILESTONES, Row, Summary
from reporting.excel.cells import (
    FONT,
    Formats,
    is_risky,
    new_workbook,
    number_format,
    write_number,
    write_text,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = gettext_lazy("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
REVIEW_TITLE = gettext_lazy("BIỂU ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU SO VỚI MỤC TIÊU NĂM")
SHEETS = (gettext_lazy("Tổng hợp"), gettext_lazy("Các năm"), gettext_lazy("Theo đơn vị"),
          gettext_lazy("Số liệu gốc"))
HEADER_ROW = 9  # the letterhead, the form number, the title and its lines take rows 1–9
UNITS_HEADER_ROW = 5  # the unit-by-unit sheet: its title block takes rows 1–4
RECENT_YEARS = 3  # the years the first sheet shows beside the targets
PAGE_WIDTH = 134  # column units that fit A4 landscape within the margins at 100 %
A4 = 9
VIETNAMESE_NUMBERS = "[$-42A]"  # the format's language: LibreOffice then shows 1.234,5
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 (a spreadsheet date has no zone)

STYLES = {
    "authority": {"font_size": 12, "align": "center", "valign": "vcenter"},
    "issuer": {"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"},
    "nation": {"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"},
    "motto": {"bold": True, "font_size": 13, "underline": True, "align": "center",
              "valign": "vcenter"},
    "number_line": {"font_size": 12, "align": "center", "valign": "vcenter"},
    "place_date": {"italic": True, "font_size": 12, "align": "center", "valign": "vcenter"},
    "form": {"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"},
    "title": {"bold": True, "font_size": 13, "align": "center", "valign": "vcenter",
              "text_wrap": True},
    "subtitle": {"italic": True, "align": "center", "valign": "vcenter", "text_wrap": True},
    "header": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
               "border": 1, "bg_color": "#D9E1F2"},
    "group": {"bold": True, "border": 1, "bg_color": "#F2F2F2", "valign": "vcenter",
              "text_wrap": True},
    "text": {"border": 1, "valign": "top", "text_wrap": True},
    "center": {"border": 1, "valign": "top", "align": "center", "text_wrap": True},
    "total": {"bold": True, "border": 1, "valign": "top", "text_wrap": True},
    "date": {"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"},
    "sign_title": {"bold": True, "align": "center", "valign": "vcenter"},
    "sign_hint": {"italic": True, "align": "center", "valign": "vcenter"},
}


def file_name(summary: Summary) -> str:
    return f"bieu-tong-hop-{summary.plan.key}-{summary.unit.code}-{summary.year}.xlsx"


def export_summary(summary: Summary, target, *, now: datetime.datetime | None = None,
                   issuer: Agency | None = None) -> None:
    """Write the workbook of `summary` to `target` (a path or a binary file object).

    `issuer` is the office whose letterhead the paper carries (the cycle's consolidating
    office); by default the one the plan names for the day of writing.
    """
    now = (now or datetime.datetime.now(tz=VIETNAM)).astimezone(VIETNAM)
    head = _letterhead(summary, issuer, now.date())
    workbook = new_workbook(target)
    workbook.formats[0].set_font_name("Times New Roman")  # the default for unformatted cells
    formats = Formats(workbook, STYLES)
    numbers = _number_formats(workbook, summary)
    recent = summary.years[-RECENT_YEARS:]
    _paper_sheet(workbook.add_worksheet(str(SHEETS[0])), summary, formats, numbers, head,
                 _recent_columns(recent), form=_("Biểu số 01"), title=str(TITLE))
    _paper_sheet(workbook.add_worksheet(str(SHEETS[1])), summary, formats, numbers, head,
                 _all_years_columns(summary.years), form=_("Biểu số 02"),
                 title=_("%(title)s CÁC NĂM %(first)s–%(last)s") % {
                     "title": TITLE, "first": summary.years[0], "last": summary.years[-1]})
    for number, (year, review) in enumerate(summary.review_years.items(), start=3):
        _paper_sheet(workbook.add_worksheet(str(review)), summary, formats, numbers, head,
                     _review_columns(year), form=_("Biểu số %(number)02d") % {"number": number},
                     title=f"{REVIEW_TITLE} {year} ({str(review).upper()})")
    _breakdown_sheet(workbook.add_worksheet(str(SHEETS[2])), summary, formats, numbers, now)
    _raw_sheet(workbook.add_worksheet(str(SHEETS[3])), summary, formats, numbers)
    workbook.close()


def _letterhead(summary: Summary, issuer: Agency | None, on: datetime.date) -> Letterhead:
    if issuer is None:
        issuer = summary.plan.consolidating_agency_on(on)
    if issuer is None:
        return letterhead(issuer_name="", unit_name=summary.plan.unit.name, on=on)
    unit = issuer.unit
    return letterhead(issuer_name=issuer.name, unit_name=unit.name, on=on,
                      national=unit.level == UnitLevel.NATION)


def vietnamese_format(unit_kind: str) -> str:
    return VIETNAMESE_NUMBERS + number_format(unit_kind)


def _number_formats(workbook, summary: Summary) -> dict[str, object]:
    kinds = {m.unit_kind for m in summary.measures.values()} | {"count"}
    return {kind: workbook.add_format({"font_name": "Times New Roman", "font_size": 11,
                                       "border": 1, "valign": "top",
                                       "num_format": vietnamese_format(kind)})
            for kind in kinds}


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    cell: Callable[[Row], tuple[str, object]]  # row → ("text", style) or ("number", value)


def _recent_columns(years: list[int]) -> list[Column]:
    columns = _first_columns(33)
    columns += [Column(_("Mục tiêu %(year)s") % {"year": m}, 11, _target(m)) for m in MILESTONES]
    columns += [Column(_("Năm %(year)s") % {"year": y}, 9, _value(y)) for y in years]
    columns += [Column(_("Đánh giá"), 12, lambda r: ("text", r.status)),
                Column(_("Cơ quan chủ trì"), 14, lambda r: ("text", r.lead)),
                Column(_("Ghi chú"), 14, lambda r: ("text", "\n".join(r.notes)))]
    return columns


def _first_columns(name_width: int) -> list[Column]:
    return [Column(_("STT"), 4, lambda r: ("count", r.number)),
            Column(_("Chỉ tiêu"), name_width,
                   lambda r: ("text", f"{r.measure.code}. {r.measure.name}")),
            Column(_("Đơn vị tính"), 8, lambda r: ("center", r.measure.unit_label))]


def _all_years_columns(years: list[int]) -> list[Column]:
    columns = _first_columns(34)
    columns += [Column(_("Mục tiêu %(year)s") % {"year": m}, 10, _target(m)) for m in MILESTONES]
    room = PAGE_WIDTH - sum(c.width for c in columns)
    width = max(7, min(10, room // max(len(years), 1)))
    return columns + [Column(_("Năm %(year)s") % {"year": y}, width, _value(y)) for y in years]


def _review_columns(year: int) -> list[Column]:
    """A review's table (sơ kết, tổng kết): each target of `year` beside what was reached
    that year and the verdict (progress.verdicts), with why."""
    def review(r: Row):
        return next(c for c in r.reviews if c.year == year)

    return [Column(_("STT"), 4, lambda r: ("count", r.number)),
            Column(_("Chỉ tiêu"), 40, lambda r: ("text", f"{r.measure.code}. {r.measure.name}")),
            Column(_("Đơn vị tính"), 9, lambda r: ("center", r.measure.unit_label)),
            Column(_("Mục tiêu năm %(year)s") % {"year": year}, 16,
                   lambda r: ("text", review(r).target or "—")),
            Column(_("Thực hiện năm %(year)s") % {"year": year}, 11, _value(year)),
            Column(_("Đánh giá"), 14, lambda r: ("text", review(r).label)),
            Column(_("Ghi chú"), 40, lambda r: ("text", review(r).verdict.reason))]



def _target(milestone: int):
    return lambda r: ("text", r.targets[milestone])


def _value(year: int):
    return lambda r: ("value", r.values[year].value)


def _split(columns: list[Column], share: float = 0.4) -> int:
    """The first column of the right-hand block: the left one takes about `share`."""
    total, running = sum(c.width for c in columns), 0.0
    for index, column in enumerate(columns):
        running += column.width
        if running >= total * share:
            return index + 1
    return len(columns) - 1


def _merged(sheet, row: int, first: int, last: int, text: str, formats: Formats,
            style: str) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, "", formats[style])
    write_text(sheet, row, first, text, formats, style)


def _letterhead_rows(sheet, head: Letterhead, columns: list[Column], formats: Formats) -> None:
    split, last = _split(columns), len(columns) - 1
    left = [(line, "authority" if line == head.authority else "issuer") for line in head.left]
    left.append((head.number, "number_line"))
    right = [(NATIONAL_TITLE, "nation"), (MOTTO, "motto"), (head.place_and_date, "place_date")]
    for row in range(3):
        sheet.set_row(row, 19)
        text, style = left[row] if row < len(left) else ("", "authority")
        _merged(sheet, row, 0, split - 1, text, formats, style)
        _merged(sheet, row, split, last, right[row][0], formats, right[row][1])


def _paper_sheet(sheet, summary: Summary, formats: Formats, numbers, head: Letterhead,
                 columns: list[Column], *, form: str, title: str) -> None:
    """A paper as NĐ 30/2020 lays it out: letterhead, form number, title, the table with
    its header repeated on every page, the signatures at the foot."""
    last = len(columns) - 1
    total = sum(c.width for c in columns)
    plan = summary.plan
    _letterhead_rows(sheet, head, columns, formats)
    sheet.set_row(3, 8)
    lines = [(form, "form"), (title, "title"),
             (f"({_implementing(plan)})", "subtitle"), (_territory(summary), "subtitle")]
    for row, (text, style) in enumerate(lines, start=4):
        bold = style in ("form", "title")
        sheet.set_row(row, row_height([(text, total)], bold=bold,
                                      points_per_line=19 if style == "title" else 16))
        _merged(sheet, row, 0, last, text, formats, style)
    sheet.set_row(HEADER_ROW - 1, 8)
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
    sheet.set_row(HEADER_ROW, row_height([(c.title, c.width) for c in columns], bold=True))
    for col, column in enumerate(columns):
        write_text(sheet, HEADER_ROW, col, column.title, formats, "header")
    row = HEADER_ROW + 1
    for number, group in enumerate(summary.groups, start=1):
        text = f"{_roman(number)}. {group.title}"
        sheet.set_row(row, row_height([(text, total)], bold=True))
        _merged(sheet, row, 0, last, text, formats, "group")
        row += 1
        for item in group.rows:
            cells = [column.cell(item) for column in columns]
            sheet.set_row(row, row_height([(value, column.width) for (kind, value), column
                                           in zip(cells, columns, strict=True)
                                           if isinstance(value, str)]))
            for col, (kind, value) in enumerate(cells):
                if kind == "value":
                    write_number(sheet, row, col, value, numbers[item.measure.unit_kind])
                elif kind == "count":
                    sheet.write_number(row, col, value, formats["center"])
                else:
                    write_text(sheet, row, col, value, formats, kind)
            row += 1
    _signatures(sheet, row + 1, columns, formats)
    _print_setup(sheet, HEADER_ROW, len(columns))
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW, last)


def _signatures(sheet, row: int, columns: list[Column], formats: Formats) -> None:
    split, last = _split(columns, 0.5), len(columns) - 1
    blocks = [(_("NGƯỜI LẬP BIỂU"), _("(Ký, ghi rõ họ tên)")),
              (_("THỦ TRƯỞNG CƠ QUAN"), _("(Ký, ghi rõ họ tên, đóng dấu)"))]
    for offset, style in enumerate(("sign_title", "sign_hint")):
        sheet.set_row(row + offset, 18)
        _merged(sheet, row + offset, 0, split - 1, blocks[0][offset], formats, style)
        _merged(sheet, row + offset, split, last, blocks[1][offset], formats, style)
    for space in range(2, 6):  # room for the signatures and the seal
        sheet.set_row(row + space, 20)


def _title_block(sheet, summary: Summary, formats: Formats, width: int, heading: str,
                 now: datetime.datetime) -> None:
    lines = [
        (heading, "title"),
        (_implementing(summary.plan), "subtitle"),
        (_territory(summary), "subtitle"),
        (_("Ngày xuất: %(date)s") % {"date": f"{now:%d/%m/%Y}"}, "subtitle"),
    ]
    for row, (text, style) in enumerate(lines):
        sheet.set_row(row, 22 if style == "title" else 17)
        sheet.merge_range(row, 0, row, width - 1, "", formats[style])
        write_text(sheet, row, 0, text, formats, style)


def _print_setup(sheet, header_row: int, width: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    sheet.repeat_rows(header_row)
    # NĐ 30/2020: a wider left margin for binding; the widths fit at 100 % between them.
    sheet.set_margins(left=0.8, right=0.4, top=0.6, bottom=0.7)
    sheet.center_horizontally()
    # Each sheet numbers its own pages (a PDF of the whole workbook runs on otherwise).
    sheet.set_start_page(1)
    sheet.set_footer('&C&"Times New Roman,Regular"&11Trang &P')


def _headers(sheet, row: int, headers: list[tuple[str, float]], formats: Formats) -> None:
    for col, (_text, width) in enumerate(headers):
        sheet.set_column(col, col, width)
    sheet.set_row(row, row_height([(t, w) for t, w in headers], bold=True))
    for col, (text, _width) in enumerate(headers):
        write_text(sheet, row, col, text, formats, "header")


def _implementing(plan) -> str:
    """The line naming the plan implemented; its kind, number and issuer as the plan wrote them."""
    if plan.issued_label:
        return _("Thực hiện %(kind)s %(number)s ngày %(date)s của %(issuer)s") % {
            "kind": plan.kind, "number": plan.number, "date": plan.issued_label,
            "issuer": plan.issuer}
    return _("Thực hiện %(kind)s %(number)s của %(issuer)s") % {
        "kind": plan.kind, "number": plan.number, "issuer": plan.issuer}


def _territory(summary: Summary) -> str:
    return _("Địa bàn: %(unit)s - Năm báo cáo: %(year)s") % {"unit": summary.unit.name,
                                                            "year": summary.year}


def _breakdown_sheet(sheet, summary: Summary, formats: Formats, numbers, now) -> None:
    headers = [(_("STT"), 4), (_("Đơn vị"), 28), (_("Cơ quan báo cáo"), 28), (_("Tử số"), 12),
               (_("Mẫu số"), 12), (_("Giá trị %(year)s") % {"year": summary.year}, 10),
               (_("Ghi chú"), 40)]
    widths = [w for _title, w in headers]
    width = len(headers)
    _title_block(sheet, summary, formats, width,
                 _("KẾT QUẢ NĂM %(year)s THEO ĐƠN VỊ BÁO CÁO") % {"year": summary.year}, now)
    _headers(sheet, UNITS_HEADER_ROW, headers, formats)
    row = UNITS_HEADER_ROW + 1
    count = numbers["count"]
    for item in summary.rows:
        measure = item.measure
        heading = f"{measure.code}. {measure.name} ({measure.unit_label})"
        sheet.set_row(row, row_height([(heading, sum(widths))], bold=True))
        sheet.merge_range(row, 0, row, width - 1, "", formats["group"])
        write_text(sheet, row, 0, heading, formats, "group")
        row += 1
        cell = numbers[measure.unit_kind]
        for number, figure in enumerate(item.breakdown, start=1):
            sheet.set_row(row, row_height(list(zip(
                ("", figure.unit_name, figure.agency, "", "", "", figure.note), widths,
                strict=True))))
            sheet.write_number(row, 0, number, formats["center"])
            write_text(sheet, row, 1, figure.unit_name, formats, "text")
            write_text(sheet, row, 2, figure.agency, formats, "text")
            write_number(sheet, row, 3, figure.numerator, count)
            write_number(sheet, row, 4, figure.denominator, count)
            write_number(sheet, row, 5, figure.value, cell)
            write_text(sheet, row, 6, figure.note, formats, "text")
            row += 1
        combined = item.values[summary.year]
        closing = combined.note or ("" if item.breakdown else _("Chưa có số liệu được duyệt."))
        total = _("Tổng hợp %(unit)s") % {"unit": summary.unit.name}
        sheet.set_row(row, row_height([(total, widths[1]), (closing, widths[6])], bold=True))
        write_text(sheet, row, 0, "", formats, "total")
        write_text(sheet, row, 1, total, formats, "total")
        write_text(sheet, row, 2, "", formats, "total")
        write_number(sheet, row, 3, combined.numerator, count)
        write_number(sheet, row, 4, combined.denominator, count)
        write_number(sheet, row, 5, combined.value, cell)
        write_text(sheet, row, 6, closing, formats, "text")
        row += 1
    _print_setup(sheet, UNITS_HEADER_ROW, width)
    sheet.freeze_panes(UNITS_HEADER_ROW + 1, 2)
    sheet.autofilter(UNITS_HEADER_ROW, 0, UNITS_HEADER_ROW, width - 1)


def _raw_sheet(sheet, summary: Summary, formats: Formats, numbers) -> None:
    """The flat table: plain cells, nothing written where there is no figure or text.

    It holds every approved figure (tens of thousands of rows for a province with its
    communes), so cells go straight to XlsxWriter without borders or blank cells.
    """
    headers = [(_("Năm"), 7), (_("Đơn vị"), 28), (_("Cơ quan"), 28), (_("Mã chỉ tiêu"), 9),
               (_("Chỉ tiêu"), 40), (_("Đơn vị tính"), 10), (_("Tử số"), 12), (_("Mẫu số"), 12),
               (_("Giá trị"), 10), (_("Ghi chú"), 30), (_("Nguồn số liệu"), 24),
               (_("Ngày duyệt"), 12)]
    _headers(sheet, 0, headers, formats)
    order = {m_id: i for i, m_id in enumerate(r.measure.pk for r in summary.rows)}
    figures = sorted(summary.figures, key=lambda f: (f.year, f.unit_name, f.agency,
                                                     order.get(f.measure_id, 0)))
    workbook_format = formats.workbook.add_format
    plain = {kind: workbook_format({**FONT, "num_format": vietnamese_format(kind)})
             for kind in {m.unit_kind for m in summary.measures.values()} | {"count"}}
    date = workbook_format({**FONT, "num_format": "dd/mm/yyyy"})
    quoted = workbook_format({**FONT, "quote_prefix": True})
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
    # A table to filter and add up, not a paper: printed at 100 %, as many pages as it takes.
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(0)
    sheet.set_start_page(1)
    sheet.set_footer('&C&"Times New Roman,Regular"&11Trang &P')


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
