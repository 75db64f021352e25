"""The plan's overview on paper, for leaders: what the dashboard shows, as an A4 document.

The rows are the page's own (progress.cache.overview_data: the same reads, the same
values, statuses and review verdicts), written into a Word document with python-docx and
printed to PDF by LibreOffice (progress.papers.pdf). A4 landscape, so the table keeps the
page's columns at 11 pt; Times New Roman, nothing under 10 pt; the letterhead of the office
that consolidates the plan; the table's header repeated on every page; page numbers.
Numbers are Vietnamese (1.234,5) as text, whatever the reader's machine.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.numbers import format_figure
from progress.papers.document import fixed_widths, table_cell
from progress.papers.fields import page_number_field
from progress.papers.letterhead import MOTTO, NATIONAL_TITLE, Letterhead

FONT = "Times New Roman"
TEXT_WIDTH = 25.2  # cm: A4 landscape less the margins of NĐ 30/2020 (30 mm left, 15 right)
SMALLEST = 10  # pt: nothing printed smaller


@dataclass(frozen=True)
class Overview:
    head: Letterhead
    plan: Plan
    unit: AdminUnit
    on: datetime.date
    data: dict  # progress.cache.overview_data


def overview_docx(overview: Overview) -> bytes:
    document = Document()
    _page(document)
    _letterhead(document, overview.head)
    plan, unit = overview.plan, overview.unit
    _para(document, _("TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU VÌ TRẺ EM"), bold=True, size=14,
          center=True, after=0)
    basis = {"kind": plan.kind, "number": plan.number, "issuer": plan.issuer,
             "issued": plan.issued_label}
    basis_text = (_("(Theo %(kind)s %(number)s ngày %(issued)s của %(issuer)s)") if
                  plan.issued_label else _("(Theo %(kind)s %(number)s của %(issuer)s)"))
    _para(document, (basis_text % basis).replace("  ", " "), italic=True, center=True, after=0)
    _para(document, _("Địa bàn: %(unit)s — số liệu tổng hợp đến ngày %(on)s") % {
        "unit": unit.name, "on": f"{overview.on:%d/%m/%Y}"}, italic=True, center=True)
    blocks = overview.data["blocks"]
    _para(document, _("1. Các mục tiêu"), bold=True)
    _goals(document, blocks)
    _para(document, _("2. Các chỉ tiêu"), bold=True)
    _measures(document, blocks, overview.data.get("review_years", {}))
    children = overview.data.get("children") or []
    if children:
        _para(document, _("3. Các đơn vị trực thuộc"), bold=True)
        _children(document, children)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    for name, size in (("Normal", 13), ("Table Grid", 11)):
        style = document.styles[name]
        style.font.name, style.font.size = FONT, Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(key), FONT)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    _page_number(section.footer.paragraphs[0])


def _page_number(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(_("Trang") + " ").font.size = Pt(11)
    run = paragraph.add_run()
    run.font.size = Pt(11)
    page_number_field(run)


def _para(container, text: str, *, bold=False, italic=False, size=None, center=False,
          after=None, underline=False):
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True  # a heading never ends a page
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    return paragraph


def _letterhead(document, head: Letterhead) -> None:
    table = document.add_table(rows=1, cols=2)
    fixed_widths(table, [Cm(9), Cm(TEXT_WIDTH - 9)])
    left, right = table.rows[0].cells
    first = True
    for line in head.left:
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.font.size, run.bold = Pt(12), line == head.issuer
        first = False
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].paragraph_format.space_after = Pt(0)
    nation = right.paragraphs[0].add_run(NATIONAL_TITLE)
    nation.bold, nation.font.size = True, Pt(12)
    _para(right, MOTTO, bold=True, size=13, center=True, after=2, underline=True)
    _para(right, head.place_and_date, italic=True, size=13, center=True)


def _table(document, headers: list[str], widths: list[float]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        table_cell(cell, text, bold=True, center=True)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    return table, [Cm(w) for w in widths]


def _no_split(row) -> None:
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _counts_text(counts) -> str:
    return "; ".join(f"{label}: {n}" for _key, label, n, _rest in counts) or _("Chưa có số liệu")


def _goals(document, blocks) -> None:
    table, widths = _table(document, [_("Mục tiêu"), _("Đánh giá các chỉ tiêu")], [11.2, 14.0])
    for block in blocks:
        cells = table.add_row().cells
        name = str(block.goal) if block.goal else _("Chỉ tiêu riêng của kế hoạch")
        table_cell(cells[0], name)
        table_cell(cells[1], _counts_text(block.counts))
    fixed_widths(table, widths)


def _measures(document, blocks, review_years: dict[int, str]) -> None:
    headers = [_("Mã"), _("Chỉ tiêu"), _("Năm"), _("Giá trị"), _("Đơn vị tính"),
               pgettext("of an indicator", "Mục tiêu"), _("Đánh giá")]

    headers += [_("%(review)s: mục tiêu năm %(year)s và kết quả") % {"review": title,
                                                                      "year": year}
                for year, title in review_years.items()]
    fixed = [1.3, 1.4, 2.2, 2.4, 3.2, 2.8] + [3.6] * len(review_years)
    widths = [fixed[0], TEXT_WIDTH - sum(fixed), *fixed[1:]]
    table, widths = _table(document, headers, widths)
    for block in blocks:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        title = str(block.goal) if block.goal else _("Chỉ tiêu riêng của kế hoạch")
        table_cell(merged, title, bold=True)
        for row in block.rows:
            added = table.add_row()
            _no_split(added)
            cells = added.cells
            status = str(row.status_label)
            if row.computed:
                status += " " + _("(tính từ kết quả công nhận)")
            if row.mismatch:
                status += " " + _("(lệch số liệu trên 5%)")
            target = f"{row.target.display} ({row.target.year})" if row.target else "—"
            texts = [(row.measure.code, "center"), (row.measure.name, ""),
                     (str(row.year or "—"), "center"), (row.value_text, "right"),
                     (row.measure.unit_label, "center"), (target, ""), (status, "")]
            texts += [(f"{r.target or '—'}\n"
                       + _("Năm %(year)s: %(value)s") % {
                           "year": r.year, "value": format_figure(r.verdict.value) or "—"}
                       + f"\n{r.label}", "") for r in row.reviews]
            for cell, (text, align) in zip(cells, texts, strict=True):
                table_cell(cell, text, center=align == "center", right=align == "right")
            if row.note:
                _note(cells[1], row.note)
    fixed_widths(table, widths)


def _note(cell, text: str) -> None:
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.italic, run.font.size, run.font.name = True, Pt(SMALLEST), FONT


def _children(document, children) -> None:
    table, widths = _table(document, [_("Đơn vị"), _("Đánh giá các chỉ tiêu")], [8.2, 17.0])

    for child in children:
        cells = table.add_row().cells
        table_cell(cells[0], child.unit.name)
        table_cell(cells[1], _counts_text(child.counts))
    fixed_widths(table, widths)
