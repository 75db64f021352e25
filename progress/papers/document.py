"""The annual report written into a Word template with docxtpl.

The default template is templates/bao-cao-nam.docx (made by scripts/make_report_template.py);
an administrator replaces it for a province by uploading another in the admin ("Mẫu báo
cáo năm"), checked here before it is kept. A template may use:

- head.authority, head.issuer, head.number, head.place_and_date: the letterhead;
- title, opening, direction, status_summary, budget_summary, recipient, year, years_label;
- goals (each: title, rows; a row: number, code, name, unit, target_2025, target_2030,
  value, status), results / difficulties / proposals (each: name, text), budget (number,
  name, amount): loops, with {%tr for … %} inside tables and {%p for … %} around paragraphs;
- reviews (each: year, title, heading, summary, rows; a row: number, name, unit, target,
  value, verdict, reason): the tables of the mid-term and final reviews, none without one;
- annex: the table of every year's figures ({{p annex }}), charts (each: image, caption).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from progress.papers import charts
from progress.papers.report import AnnualReport
from safe_files import MIB, Limits, UnsafeFile, open_archive

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "bao-cao-nam.docx"
TEMPLATE_LIMITS = Limits(entries=300, member_size=16 * MIB, total_size=32 * MIB, ratio=100,
                         xml_elements=500_000, xml_depth=100, text_length=200_000)
WHAT = gettext_lazy("mẫu báo cáo (.docx)")
CHART_WIDTH = Cm(16)


class TemplateError(ValueError):
    """The template cannot make a report; the message says why, in Vietnamese."""


def render_report(report: AnnualReport, template: bytes | None = None, *,
                  step: Callable[[str], None] = lambda _: None, chart_targets=None) -> bytes:
    """The .docx of `report`; `step` hears what is being done (for the progress shown)."""
    from docxtpl import DocxTemplate, InlineImage

    document = DocxTemplate(io.BytesIO(template or DEFAULT_TEMPLATE.read_bytes()))
    step("Vẽ biểu đồ")
    images = [{"image": InlineImage(document, io.BytesIO(png), width=CHART_WIDTH),
               "caption": caption}
              for caption, png in chart_images(report, chart_targets or {})]
    step("Ghép văn bản")
    context = {
        "head": report.head, "title": report.title, "opening": report.opening,
        "direction": report.direction, "status_summary": report.status_summary,
        "goals": report.goals, "results": report.results, "difficulties": report.difficulties,
        "proposals": report.proposals, "budget": report.budget,
        "budget_summary": report.budget_summary, "recipient": report.recipient,
        "year": report.year, "years_label": f"{report.years[0]}–{report.years[-1]}",
        "annex": _annex(document, report), "charts": images, "reviews": report.reviews,
    }
    try:
        document.render(context, autoescape=True)
    except Exception as error:  # Jinja's errors have no common base worth naming
        raise TemplateError(f"Mẫu báo cáo có thẻ không hợp lệ: {error}") from error
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def chart_images(report: AnnualReport, targets: dict[int, list]) -> list[tuple[str, bytes]]:
    """One chart a goal, of its measures that have figures; `targets`: measure id → the
    dashboard's target points (progress.readers.target_points)."""
    found = []
    for number, group in enumerate(report.summary.groups, start=1):
        panels = []
        for row in group.rows:
            values = [(y, c.value) for y, c in sorted(row.values.items()) if c.value is not None]
            if values:
                points = [(t.year, t.value) for t in targets.get(row.measure.pk, [])
                          if t.value is not None]
                panels.append(charts.Panel(f"{row.measure.code}. {row.measure.name}"[:60],
                                           row.measure.unit_label, values, points))
        if panels:
            png = charts.to_png(charts.goal_chart(group.title, panels))
            found.append((f"Biểu đồ {number}. {group.title}", png))
    return found


def _annex(document, report: AnnualReport):
    """Every year's figures: a table whose columns follow the plan's years."""
    annex = document.new_subdoc()
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", *[str(y) for y in report.years]]
    table = annex.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        table_cell(cell, text, bold=True, center=True)
    for goal in report.goals:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        table_cell(merged, goal.title, bold=True)
        for line in goal.rows:
            cells = table.add_row().cells
            table_cell(cells[0], str(line.number), center=True)
            table_cell(cells[1], line.name)
            table_cell(cells[2], line.unit, center=True)
            for cell, year in zip(cells[3:], report.years, strict=True):
                table_cell(cell, line.series[year], right=True)
    share = 7.3 / max(len(report.years), 1)
    fixed_widths(table, [Cm(1.1), Cm(6.0), Cm(2.1)] + [Cm(share)] * len(report.years))
    return annex


def fixed_widths(table, widths) -> None:
    """Column widths Word and LibreOffice both keep (a fixed layout)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def table_cell(cell, text: str, *, bold=False, center=False, right=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(11)
    run.font.name = "Times New Roman"


def check_template(data: bytes) -> None:
    """Refuse, with a message in the user's language, a file that is no safe Word template."""
    try:
        with open_archive(data, TEMPLATE_LIMITS, what=WHAT) as archive:
            if "word/document.xml" not in archive.namelist():
                raise TemplateError(_("Tệp tải lên không phải văn bản Word (.docx)."))
    except UnsafeFile as error:
        raise TemplateError(str(error)) from error
    from docxtpl import DocxTemplate

    try:
        variables = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    except Exception as error:  # a broken tag: Jinja says where
        raise TemplateError(_("Mẫu báo cáo có thẻ không hợp lệ: %(error)s")
                            % {"error": error}) from error
    if not variables & {"goals", "title", "head"}:
        raise TemplateError(_("Mẫu báo cáo không dùng số liệu nào của báo cáo (cần ít nhất một "
                              "trong các thẻ head, title, goals)."))
