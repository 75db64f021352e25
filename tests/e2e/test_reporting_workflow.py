"""A report's year in Chromium: entered the Vietnamese way, returned, corrected, approved."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import PASSWORD, current_office, make_user


@pytest.fixture
def health_report(seeded):
    from agencies.models import Agency
    from childplan.models import Plan
    from reporting.services import cycle_open

    plan = Plan.objects.get(key="tra-vinh-2021")
    from django.utils import timezone

    # A deadline ten days ahead, whatever day the suite runs: the report is on time.
    today = timezone.localdate()
    cycle = cycle_open(plan=plan, year=2026, opens_on=today - datetime.timedelta(days=30),
                       deadline=today + datetime.timedelta(days=10))
    make_user("alice", agency=Agency.objects.get(unit=plan.unit, name="Sở Y tế"),
              role="reporter", first_name="Alice")
    # Sở Y tế consolidates the 2026 cycle: Sở LĐTBXH's child affairs are its own since 03/2025.
    make_user("bob", agency=current_office(plan), role="reviewer", first_name="Bob")
    return cycle.reports.get(agency__name="Sở Y tế")


def signed_in(browser, live_server, username):
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/")
    return page


def box(page, code, name):
    return page.locator(f"tr[data-measure='{code}'] [name$='_{name}']")


def test_a_report_goes_from_entry_to_approval(browser, live_server, health_report):
    alice = signed_in(browser, live_server, "alice")
    alice.get_by_role("link", name="Báo cáo của tôi").click()
    assert alice.get_by_text("Chưa bắt đầu").is_visible()
    assert alice.get_by_text("còn 10 ngày").is_visible()
    alice.get_by_role("link", name="Nhập số liệu").click()

    box(alice, "3a", "numerator").fill("19")
    box(alice, "3a", "denominator").fill("10.000")
    assert alice.locator("tr[data-measure='3a'] output.computed").inner_text() == "1,9"
    alice.locator("tr[data-measure='6'] summary").click()
    box(alice, "6", "value").fill("1,9")
    box(alice, "5a", "numerator").fill("9.612")
    box(alice, "5a", "denominator").fill("10.000")
    alice.locator("tr[data-measure='4a'] summary").click()
    box(alice, "4a", "value").fill("7,9")
    alice.get_by_label("Kết quả đạt được").fill("Tỷ suất tử vong sơ sinh giảm so với năm trước.")
    alice.get_by_label("Kinh phí đã sử dụng (đồng)").fill("120.000.000")
    alice.get_by_role("button", name="Nộp báo cáo").click()

    assert alice.get_by_text("Đã nộp báo cáo.").is_visible()
    assert alice.locator("#report-status").inner_text() == "Đã nộp"
    assert alice.locator("tr[data-measure='3a'] td.value").inner_text() == "1,9"
    assert alice.locator("tr[data-measure='5a'] td.value").inner_text() == "96,12"
    assert "không cộng dồn" in alice.locator("tr[data-measure='6'] td.value").inner_text()
    assert alice.get_by_text("120.000.000 đồng").is_visible()

    bob = signed_in(browser, live_server, "bob")
    bob.get_by_role("link", name="Duyệt báo cáo").click()
    bob.get_by_role("link", name="Xem và duyệt").click()
    bob.get_by_label("Lý do trả lại").fill("Chỉ tiêu 6: đề nghị ghi nguồn số liệu.")
    bob.get_by_role("button", name="Trả lại").click()
    assert bob.get_by_text("Đã trả lại báo cáo cho cơ quan.").is_visible()

    alice.get_by_role("link", name="Báo cáo của tôi").click()
    alice.get_by_role("link", name="Sửa và nộp lại").click()
    assert alice.locator("#return-comment").inner_text().endswith(
        "Chỉ tiêu 6: đề nghị ghi nguồn số liệu.")
    assert box(alice, "3a", "numerator").input_value() == "19"
    assert box(alice, "3a", "denominator").input_value() == "10.000"
    box(alice, "6", "value").fill("1,8")
    box(alice, "6", "source").fill("Trung tâm Kiểm soát bệnh tật tỉnh")
    alice.get_by_role("button", name="Nộp lại báo cáo").click()
    assert alice.get_by_text("Đã nộp báo cáo.").is_visible()

    bob.reload()
    assert bob.locator("#report-status").inner_text() == "Đã nộp"
    bob.get_by_role("button", name="Duyệt báo cáo").click()
    assert bob.get_by_text("Đã duyệt báo cáo.").is_visible()
    assert bob.get_by_role("button", name="Hủy duyệt").is_visible()

    alice.reload()
    assert alice.locator("#report-status").inner_text() == "Đã duyệt"
    assert alice.get_by_text("chỉ xem, không sửa được").is_visible()
    assert alice.get_by_role("link", name="Sửa và nộp lại").count() == 0
    alice.goto(f"{live_server.url}/bao-cao/{health_report.pk}/nhap/")
    assert alice.url.endswith(f"/bao-cao/{health_report.pk}/")
    assert alice.locator("input[name$='_value']").count() == 0
    history = alice.locator("table.history").inner_text()
    assert "1,9" in history and "1,8" in history
