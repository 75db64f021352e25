"""The 2026 chain end to end in Chromium, as its users see it: a commune of today's Vĩnh Long
enters and submits its immunisation figure → Sở Y tế Vĩnh Long's reviewer approves it → the
province dashboard lists the commune with that figure → the summary workbook the reviewer
downloads holds the same figure."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import make_user
from tests.e2e.conftest import signed_in

COMMUNE = "Phường Trà Vinh"
OTHERS = ("Xã Hòa Thuận", "Xã Long Đức")
NUMERATOR, DENOMINATOR = "187", "200"
SHOWN = "93,5"  # 187 of 200 children under 1 fully immunised, in per cent


@pytest.fixture
def vinh_long_cycle(seeded, celery_eager):
    """Vĩnh Long's 2026–2030 plan (successor of old Trà Vinh's) with three communes of today,
    its 2026 cycle open; tam reports for Phường Trà Vinh, hoa reviews for Sở Y tế."""
    from django.utils import timezone

    from agencies.services import commune_agency
    from agencies.unit_loading import current_province
    from progress.rollup import rollup_rebuild
    from reporting.demo import vinh_long_plan
    from reporting.services import cycle_open
    from tests.progress.factories import commune

    province = current_province("86")
    communes = [commune(province, name) for name in (COMMUNE, *OTHERS)]
    rollup_rebuild()
    plan = vinh_long_plan()
    today = timezone.localdate()
    cycle = cycle_open(plan=plan, year=2026, opens_on=today - datetime.timedelta(days=30),
                       deadline=today + datetime.timedelta(days=10))
    make_user("tam", agency=commune_agency(communes[0]), role="reporter", first_name="Tâm")
    make_user("hoa", agency=plan.consolidating_agency, role="reviewer", first_name="Hoa")
    return plan, cycle, cycle.reports.get(unit=communes[0])


@pytest.mark.e2e
def test_a_commune_s_figure_goes_from_its_reporter_to_the_province_s_workbook(
        browser, live_server, vinh_long_cycle, tmp_path):
    from indicators.models import Measure

    plan, cycle, report = vinh_long_cycle
    vaccines = Measure.objects.get(code="5a", plan=None)
    base = live_server.url

    # 1. The commune's reporter finds the report among theirs, enters the figure, submits.
    reporter = signed_in(browser, live_server, "tam")
    reporter.goto(f"{base}/bao-cao/")
    mine = reporter.locator(f'tr[data-report="{report.pk}"]')
    assert COMMUNE in mine.inner_text()
    mine.get_by_role("link", name="Nhập số liệu").click()
    row = reporter.locator('tr[data-measure="5a"]')
    row.locator("input[name$='_numerator']").fill(NUMERATOR)
    row.locator("input[name$='_denominator']").fill(DENOMINATOR)
    assert row.locator("output.computed").inner_text() == SHOWN
    reporter.get_by_role("button", name="Nộp báo cáo").click()
    reporter.get_by_text("Đã nộp báo cáo.").wait_for()

    # 2. Sở Y tế's reviewer sees it waiting, reads the figure, approves.
    reviewer = signed_in(browser, live_server, "hoa")
    reviewer.goto(f"{base}/bao-cao/duyet/")
    waiting = reviewer.locator(f'tr[data-report="{report.pk}"]')
    assert COMMUNE in waiting.inner_text()
    waiting.get_by_role("link", name="Xem và duyệt").click()
    assert reviewer.locator('tr[data-measure="5a"] td.value').inner_text().startswith(SHOWN)
    reviewer.get_by_role("button", name="Duyệt báo cáo").click()
    reviewer.get_by_text("Đã duyệt báo cáo.").wait_for()
    assert reviewer.locator("#report-status").inner_text() == "Đã duyệt"

    # 3. The province dashboard lists the commune, and on the measure its figure.
    reviewer.goto(f"{base}/tien-do/{plan.pk}/")
    children = reviewer.locator("table", has_text="Đánh giá các chỉ tiêu")
    for name in (COMMUNE, *OTHERS):
        assert name in children.inner_text()
    reviewer.goto(f"{base}/tien-do/{plan.pk}/chi-tieu/{vaccines.pk}/")
    assert reviewer.locator("#series-table tr", has_text="2026").locator("td").first \
        .inner_text() == SHOWN  # the province, from its one reporting commune
    units = reviewer.locator("table[aria-labelledby='children-heading']")
    assert units.locator("tr", has_text=COMMUNE).locator("td.num").inner_text() == SHOWN

    # 4. The summary workbook, downloaded from the cycle's page, holds the same figure.
    reviewer.goto(f"{base}/bao-cao/ky/{cycle.pk}/")
    with reviewer.expect_download() as download:
        reviewer.locator("#summary-export").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook["Theo đơn vị"].iter_rows(values_only=True))
    heading = next(i for i, r in enumerate(rows) if str(r[0] or "").startswith("5a."))
    commune_row = next(r for r in rows[heading + 1:] if r[1] == COMMUNE)
    assert commune_row[3:6] == (187, 200, 93.5)
    summary = workbook["Tổng hợp"]
    header = next(r for r in summary.iter_rows(values_only=True) if "Năm 2026" in r)
    measure_row = next(r for r in summary.iter_rows(values_only=True)
                       if str(r[1] or "").startswith("5a."))
    assert measure_row[header.index("Năm 2026")] == 93.5
