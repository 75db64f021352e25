"""The mid-term review (sơ kết 2025): its figures count where no annual one exists, and the
dashboard, the drill-down, the workbook, the statistics export and the Word report show the
same figures and the same verdicts on the 2025 targets."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from indicators.models import Measure
from progress.services import snapshots_recompute
from tests.progress.factories import cycle, figure

pytestmark = pytest.mark.django_db


def code(text: str) -> Measure:
    return Measure.objects.get(code=text, plan=None)


# The `reviewed` fixture (conftest.py): Trà Vinh with a mid-term review of 2025.
EXPECTED = {  # measure → (the 2025 figure as every output shows it, the verdict)
    "5a": ("96", "Đạt"),
    "3a": ("9,2", "Đạt"),
    "6": ("—", "Chưa đánh giá được"),
    "5b": ("95", "Không đạt"),
}


def test_the_dashboard_shows_the_review_s_verdict_beside_the_2025_target(reviewed, client_for,
                                                                         bob):
    response = client_for(bob).get(reverse("plan_progress", args=[reviewed.pk]))
    html = response.content.decode()
    assert "Sơ kết 2025: mục tiêu năm 2025 và kết quả" in html
    rows = {r.measure.code: r for b in response.context["blocks"] for r in b.rows}
    for measure, (value, verdict) in EXPECTED.items():
        review = rows[measure].reviews[0]
        assert (review.year, review.label) == (2025, verdict)
        shown = "—" if review.verdict.value is None else format_vn(review.verdict.value)
        assert shown == value
        assert f'data-review="2025" data-verdict="{review.result}">' in html
    # The 2025 value the row shows is the one judged: the review's where no annual exists.
    assert (rows["5a"].year, rows["5a"].value_text) == (2025, "96")
    assert (rows["3a"].year, rows["3a"].value_text) == (2025, "9,2")
    assert "Năm 2025: 96 (số liệu của kỳ sơ kết, tổng kết); đã đạt mục tiêu." in html


def format_vn(value):
    from indicators.numbers import format_figure

    return format_figure(value)


def test_a_plan_without_a_review_cycle_shows_no_verdict_column(tra_vinh_plan, client_for, bob):
    figure(tra_vinh_plan, 2025, tra_vinh_plan.unit, code("5a"), 960, 1000)
    snapshots_recompute(plan=tra_vinh_plan)
    cache.clear()
    response = client_for(bob).get(reverse("plan_progress", args=[tra_vinh_plan.pk]))
    assert "Sơ kết 2025" not in response.content.decode()
    assert all(r.reviews == [] for b in response.context["blocks"] for r in b.rows)


def test_every_output_reads_the_same_2025_figures_and_verdicts(reviewed, client_for, bob):
    from docx import Document

    from exchange.exports import snapshots
    from progress.papers.document import render_report
    from progress.papers.report import annual_report_for
    from progress.readers import measure_rows
    from progress.workbook.summary import summary_for
    from tests.reporting.excel_support import workbook_of

    page = {r.measure.code: r for b in client_for(bob).get(
        reverse("plan_progress", args=[reviewed.pk])).context["blocks"] for r in b.rows}
    drill = {m: measure_rows(reviewed, reviewed.unit, [code(m)])[0] for m in EXPECTED}
    summary = {r.measure.code: r for r in summary_for(plan=reviewed, unit=reviewed.unit,
                                                      year=2025).rows}
    exported = {o.measure: o.value for o in snapshots(reviewed, year=2025,
                                                      unit=reviewed.unit.code)}
    for measure in ("5a", "3a", "5b"):
        value = page[measure].value
        assert value == drill[measure].value == summary[measure].values[2025].value
        assert value == exported[measure]
        assert (page[measure].reviews[0].label == summary[measure].reviews[0].label
                == EXPECTED[measure][1])
    assert "6" not in exported and summary["6"].values[2025].value is None

    # The workbook's review sheet and the Word report's review table say the same.
    cycle_2025 = cycle(reviewed, 2025, "midterm")
    book = workbook_of(client_for(bob).get(reverse("summary_export", args=[cycle_2025.pk])))
    sheet = book["Sơ kết 2025"]
    rows = {str(r[1]).split(".")[0]: r for r in sheet.iter_rows(values_only=True)
            if r[1] and str(r[1]).split(".")[0] in EXPECTED}
    for measure, (_, verdict) in EXPECTED.items():
        assert rows[measure][5] == verdict
    assert rows["5a"][4] == pytest.approx(96)
    assert rows["3a"][4] == pytest.approx(9.2)
    assert rows["6"][4] is None

    report = annual_report_for(plan=reviewed, unit=reviewed.unit, year=2025, issuer=None,
                               on=__import__("datetime").date(2026, 1, 15))
    document = Document(io.BytesIO(render_report(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả so với mục tiêu năm 2025 (sơ kết" in text
    table = next(t for t in document.tables
                 if t.rows[0].cells[-1].text == "Đánh giá"
                 and "Mục tiêu năm 2025" in t.rows[0].cells[3].text)
    cells = {row.cells[1].text.split(".")[0]: [c.text for c in row.cells]
             for row in table.rows[1:]}
    for measure, (value, verdict) in EXPECTED.items():
        assert cells[measure][4:] == [value, verdict]


def test_the_verdicts_read_in_a_pinned_number_of_queries(reviewed, django_assert_num_queries):
    from progress.readers import plan_measures, unit_series
    from progress.reviews import review_cells

    measures = plan_measures(reviewed)
    series = unit_series(reviewed, reviewed.unit, measures)
    # The plan's review cycles and targets; then which 2025 figures came from a review: the
    # figures an annual one overtakes (two small reads), and the figures themselves.
    with django_assert_num_queries(5):
        cells = review_cells(reviewed, reviewed.unit, measures, series)
    assert len(cells) == len(measures) > 20


def test_without_an_annual_cycle_the_year_s_report_speaks_from_the_review(trieu_son_plan):
    import datetime

    from progress.papers.report import annual_report_for
    from reporting.models import Report

    value = figure(trieu_son_plan, 2025, trieu_son_plan.unit, code("5a"), 930, 1000,
                   kind="midterm")
    Report.objects.filter(pk=value.report_id).update(
        results="Sơ kết: 100% trạm y tế xã tiêm chủng đủ 8 loại vắc xin.")
    snapshots_recompute(plan=trieu_son_plan)
    report = annual_report_for(plan=trieu_son_plan, unit=trieu_son_plan.unit, year=2025,
                               issuer=None, on=datetime.date(2026, 1, 15))
    assert report.direction.startswith("Kỳ sơ kết giữa kỳ 2025 mở ngày 01/10/2025")
    assert [t.text for t in report.results] == [
        "Sơ kết: 100% trạm y tế xã tiêm chủng đủ 8 loại vắc xin."]
    line = next(row for row in report.lines if row.code == "5a")
    assert line.value == "93"
    assert [b.title for b in report.reviews] == ["Sơ kết 2025"]
