"""A province's review in Chromium: 60 communes submitted, the reviewer approves the page at
once; a figure returned with a comment shows it to the commune's reporter beside that figure."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal

import pytest

from tests.conftest import current_office, make_user
from tests.e2e.conftest import signed_in

SHOTS = os.environ.get("CHILDPLAN_SCREENSHOTS", "")


def shoot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def communes_submitted(seeded):
    from django.utils import timezone

    from agencies.services import commune_agency
    from childplan.models import Plan
    from indicators.models import Measure
    from reporting.figures import Figure
    from reporting.services import Entry, FigureEntry, cycle_open, report_submit
    from tests.reporting.test_review_at_scale import add_communes

    plan = Plan.objects.get(key="tra-vinh-2021")
    communes = add_communes(plan, 60)
    today = timezone.localdate()
    cycle = cycle_open(plan=plan, year=2026, opens_on=today - datetime.timedelta(days=30),
                       deadline=today + datetime.timedelta(days=10))
    make_user("bob", agency=current_office(plan), role="reviewer", first_name="Bob")
    make_user("lan", agency=commune_agency(communes[0]), role="reporter", first_name="Lan")
    vaccines = Measure.objects.get(code="5a")
    for report in cycle.reports.of_communes():
        entry = Entry(figures={vaccines.pk: FigureEntry(
            Figure(Decimal(96), Decimal(100), Decimal(96)))})
        report_submit(report=report, by=None, version=report.version, entry=entry)
    return cycle, communes


@pytest.mark.e2e
def test_the_reviewer_approves_a_page_of_communes_and_comments_on_one_figure(
        browser, live_server, communes_submitted):
    from reporting.models import Report, ReportStatus

    cycle, communes = communes_submitted
    first = cycle.reports.get(unit=communes[0])
    page = signed_in(browser, live_server, "bob")
    page.goto(f"{live_server.url}/bao-cao/duyet/")
    assert page.locator("tr[data-report]").count() == 50
    shoot(page, "review-queue-desktop")
    # Return the first commune's report with a comment on its immunisation figure.
    page.goto(f"{live_server.url}/bao-cao/{first.pk}/")
    page.get_by_label("Ý kiến về chỉ tiêu 5a").fill("Mẫu số khác sổ tiêm chủng")
    page.get_by_role("button", name="Trả lại").click()
    page.get_by_text("Đã trả lại báo cáo cho cơ quan.").wait_for()

    page.goto(f"{live_server.url}/bao-cao/duyet/")
    page.locator("#select-all").check()
    page.get_by_role("button", name="Duyệt các báo cáo đã chọn").click()
    page.get_by_text("Đã duyệt 50 báo cáo.").wait_for()
    approved = Report.objects.filter(cycle=cycle, status=ReportStatus.APPROVED).count()
    assert approved == 50
    assert page.locator("tr[data-report]").count() == 9  # the rest of the 59 still waiting
    narrow = signed_in(browser, live_server, "bob", width=390)
    narrow.goto(f"{live_server.url}/bao-cao/ky/{cycle.pk}/?kind=xa")
    shoot(narrow, "completeness-390")
    page.goto(f"{live_server.url}/bao-cao/ky/{cycle.pk}/?kind=xa")
    shoot(page, "completeness-desktop")

    reporter = signed_in(browser, live_server, "lan", width=390)
    reporter.goto(f"{live_server.url}/bao-cao/{first.pk}/nhap/")
    row = reporter.locator('tr[data-measure="5a"]')
    assert "Mẫu số khác sổ tiêm chủng" in row.inner_text()
    shoot(reporter, "figure-comment-390")
