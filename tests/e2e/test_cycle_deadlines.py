"""The office sets its communes' deadline in Chromium, and a commune's reporter counts down
to it; a date after the cycle's own is refused, naming the field."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import current_office, make_user
from tests.e2e.test_commune_review import signed_in


@pytest.fixture
def cycle(seeded):
    from django.utils import timezone

    from agencies.services import commune_agency
    from childplan.models import Plan
    from reporting.services import cycle_open
    from tests.reporting.test_review_at_scale import add_communes

    plan = Plan.objects.get(key="tra-vinh-2021")
    communes = add_communes(plan, 3)
    today = timezone.localdate()
    cycle = cycle_open(plan=plan, year=2026, opens_on=today - datetime.timedelta(days=30),
                       deadline=today + datetime.timedelta(days=10))
    make_user("bob", agency=current_office(plan), role="reviewer", first_name="Bob")
    make_user("lan", agency=commune_agency(communes[0]), role="reporter", first_name="Lan")
    return cycle


@pytest.mark.e2e
def test_the_office_asks_its_communes_earlier_and_they_see_it(browser, live_server, cycle):
    from reporting.models import DeadlineChange, ReportKind

    commune_day = cycle.deadline - datetime.timedelta(days=7)  # three days from today
    page = signed_in(browser, live_server, "bob")
    page.goto(f"{live_server.url}/bao-cao/ky/{cycle.pk}/")
    page.get_by_role("link", name="Sửa hạn nộp").click()
    page.get_by_label("Hạn nộp của các xã, phường").fill(
        (cycle.deadline + datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu hạn nộp").click()
    page.get_by_text("Hạn nộp của các xã, phường không được sau hạn nộp của kỳ báo cáo").wait_for()
    assert not DeadlineChange.objects.exists()

    page.get_by_label("Hạn nộp của các xã, phường").fill(commune_day.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu hạn nộp").click()
    page.get_by_text("Đã lưu hạn nộp.").wait_for()
    assert f"các xã, phường: {commune_day:%d/%m/%Y}" in page.locator("#deadlines").inner_text()
    cycle.refresh_from_db()
    assert cycle.deadline_of(ReportKind.COMMUNE) == commune_day

    reporter = signed_in(browser, live_server, "lan")
    reporter.goto(f"{live_server.url}/bao-cao/")
    assert reporter.locator(".deadline").first.inner_text() == f"{commune_day:%d/%m/%Y}"
    assert reporter.locator(".countdown").first.inner_text() == "còn 3 ngày"
