"""Write the default template of the annual report (progress/papers/templates/bao-cao-nam.docx).

The template is an ordinary Word document with docxtpl's Jinja tags; a province replaces it
with its own (letterhead, fonts, wording) through the admin, "Mẫu báo cáo năm", without
code. Run again after changing this script: python scripts/make_report_template.py
The tags a template may use are listed in progress/papers/document.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from progress.papers.fields import page_number_field  # noqa: E402

TARGET = Path(__file__).resolve().parent.parent / "progress/papers/templates/bao-cao-nam.docx"
FONT = "Times New Roman"
LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _fonts(document) -> None:
    for name, size in (("Normal", 13), ("Table Grid", 11)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(key), FONT)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.first_line_indent = Cm(1)
    normal.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def para(document_or_cell, text="", *, bold=False, italic=False, size=None, center=False,
         indent=True, underline=False, after=None):
    paragraph = document_or_cell.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not indent or center:
        paragraph.paragraph_format.first_line_indent = Cm(0)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _letterhead(document) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Cm(6.3), Cm(10.2)])
    left, right = table.rows[0].cells
    left.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run("{{ head.authority }}").font.size = Pt(12)
    issuer = para(left, "{{ head.issuer }}", bold=True, size=12, center=True, after=2)
    issuer.paragraph_format.space_after = Pt(2)
    para(left, "{{ head.number }}", size=13, center=True)
    right.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    nation = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    nation.bold, nation.font.size = True, Pt(12)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, center=True,
         underline=True, after=2)
    para(right, "{{ head.place_and_date }}", italic=True, size=13, center=True)


def _widths(table, widths) -> None:
    """Fixed column widths: Word and LibreOffice both keep them."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _table(document, headers, widths, row_cells, loop, aligns):
    end = "{%tr endfor %}"
    table = document.add_table(rows=4, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(w) for w in widths])
    for row in table.rows:
        for cell in row.cells:
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(11)
    _repeat_header(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].add_run(loop)
    for cell, text, align in zip(table.rows[2].cells, row_cells, aligns, strict=True):
        cell.paragraphs[0].alignment = align
        cell.paragraphs[0].add_run(text).font.size = Pt(11)
    table.rows[3].cells[0].paragraphs[0].add_run(end)
    return table


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def build() -> None:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    # NĐ 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _fonts(document)
    _page_number(section)
    _letterhead(document)

    para(document, "BÁO CÁO", bold=True, size=14, center=True, after=0)
    para(document, "{{ title }}", bold=True, size=14, center=True)
    para(document, "{{ opening }}")
    para(document, "I. KẾT QUẢ THỰC HIỆN", bold=True, indent=False)
    para(document, "1. Công tác chỉ đạo, điều hành", bold=True, indent=False)
    para(document, "{{ direction }}")
    para(document, "2. Kết quả thực hiện các chỉ tiêu", bold=True, indent=False)
    para(document, "{{ status_summary }}")
    para(document, "{%p for goal in goals %}", indent=False)
    para(document, "{{ goal.title }}", bold=True, italic=True, indent=False)
    _table(document, ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2025", "Mục tiêu 2030",
                      "Năm {{ year }}", "Đánh giá"], [1.2, 5.2, 2.0, 2.0, 2.0, 1.7, 2.4],
           ["{{ row.number }}", "{{ row.name }}", "{{ row.unit }}", "{{ row.target_2025 }}",
            "{{ row.target_2030 }}", "{{ row.value }}", "{{ row.status }}"],
           "{%tr for row in goal.rows %}", [CENTER, LEFT, CENTER, LEFT, LEFT, RIGHT, LEFT])
    para(document, "{%p endfor %}", indent=False)
    # The reviews (sơ kết 2025, tổng kết 2030): each target of the year beside what was reached.
    para(document, "{%p for review in reviews %}", indent=False)
    para(document, "{{ review.heading }}", bold=True, italic=True, indent=False)
    para(document, "{{ review.summary }}")
    _table(document, ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu năm {{ review.year }}",
                      "Thực hiện năm {{ review.year }}", "Đánh giá"],
           [1.2, 5.8, 2.0, 2.8, 2.0, 2.6],
           ["{{ row.number }}", "{{ row.name }}", "{{ row.unit }}", "{{ row.target }}",
            "{{ row.value }}", "{{ row.verdict }}"],
           "{%tr for row in review.rows %}", [CENTER, LEFT, CENTER, LEFT, RIGHT, LEFT])
    para(document, "{%p endfor %}", indent=False)
    para(document, "3. Kết quả đạt được của các cơ quan, đơn vị", bold=True, indent=False)
    para(document, "{%p for agency in results %}", indent=False)
    para(document, "{{ agency.name }}", bold=True, italic=True)
    para(document, "{{ agency.text }}")
    para(document, "{%p endfor %}", indent=False)
    para(document, "II. KHÓ KHĂN, VƯỚNG MẮC", bold=True, indent=False)
    para(document, "{%p for agency in difficulties %}", indent=False)
    para(document, "- {{ agency.name }}: {{ agency.text }}")
    para(document, "{%p endfor %}", indent=False)
    para(document, "III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True, indent=False)
    para(document, "{%p for agency in proposals %}", indent=False)
    para(document, "- {{ agency.name }}: {{ agency.text }}")
    para(document, "{%p endfor %}", indent=False)
    para(document, "IV. KINH PHÍ THỰC HIỆN", bold=True, indent=False)
    para(document, "{{ budget_summary }}")
    _table(document, ["STT", "Cơ quan, đơn vị", "Kinh phí đã sử dụng (đồng)"], [1.2, 9.8, 5.0],
           ["{{ line.number }}", "{{ line.name }}", "{{ line.amount }}"],
           "{%tr for line in budget %}", [CENTER, LEFT, RIGHT])
    _signatures(document)

    document.add_page_break()
    para(document, "PHỤ LỤC 1", bold=True, center=True, after=0)
    para(document, "SỐ LIỆU CÁC CHỈ TIÊU CÁC NĂM {{ years_label }}", bold=True, center=True)
    para(document, "{{p annex }}", indent=False)
    para(document, "PHỤ LỤC 2", bold=True, center=True, after=0)
    para(document, "BIỂU ĐỒ CÁC CHỈ TIÊU", bold=True, center=True)
    para(document, "{%p for chart in charts %}", indent=False)
    para(document, "{{ chart.image }}", center=True, after=0)
    para(document, "{{ chart.caption }}", italic=True, size=12, center=True)
    para(document, "{%p endfor %}", indent=False)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(TARGET)


def _signatures(document) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Cm(7.5), Cm(9)])
    left, right = table.rows[0].cells
    left.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    recipients = left.paragraphs[0].add_run("Nơi nhận:")
    recipients.bold, recipients.italic, recipients.font.size = True, True, Pt(12)
    for line in ("- {{ recipient }};", "- Lưu: VT."):
        paragraph = para(left, line, size=11, indent=False, after=0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    right.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run("THỦ TRƯỞNG CƠ QUAN").bold = True
    para(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=13, center=True)


def _page_number(section) -> None:
    """The page number centred at the top (NĐ 30/2020), a field Word fills in."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(paragraph.add_run())
    section.different_first_page_header_footer = True  # none on the first page


if __name__ == "__main__":
    build()
    print(TARGET)
