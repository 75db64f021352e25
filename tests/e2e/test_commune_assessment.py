"""A child-friendly commune's year in Chromium: the commune scores itself live, uploads its
evidence (deleting a wrong file) and submits; the province recognises it; chỉ tiêu 1 on the
dashboard follows, and drops again when the province revokes the recognition."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from tests.conftest import make_user
from tests.e2e.test_reporting_workflow import signed_in

YEAR = 2026
BEST = {"2.1": "100", "3.1": "0", "4.1": "0", "5.1": "0", "6.1": "96", "6.2": "100",
        "7.1": "99", "8.1": "8", "8.2": "15", "9.1": "92", "10.1": "99,5", "12.2": "60",
        "13.1": "85"}
YES = ["1.1", "1.2", "1.3", "1.4", "11.1", "12.1"]


@pytest.fixture
def province_of_two(seeded):
    from agencies.models import AdminUnit, Agency
    from childplan.models import Plan
    from tests.progress.factories import cycle

    province = Plan.objects.get(key="tra-vinh-2021").unit.successors.get()
    communes = [AdminUnit.objects.create(code=code, name=name, level="commune",
                                         parent=province, valid_from=datetime.date(2025, 7, 1))
                for code, name in (("T8001", "Phường Hòa Thuận"), ("T8002", "Xã Long Hữu"))]
    agency = Agency.objects.create(name="UBND Phường Hòa Thuận", sector="ubnd", unit=communes[0])
    make_user("xuan", agency=agency, role="reporter", first_name="Xuân")
    office, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế",
                                             defaults={"sector": "yte"})
    make_user("thu", agency=office, role="reviewer", first_name="Thu")
    national = Plan.objects.get(key="national-2021")
    cycle(national, YEAR)
    return province, communes, national


def shoot(page, name: str) -> None:
    """Screenshots for a person to look at, when SCREENSHOTS_DIR is set."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    page.screenshot(path=f"{folder}/{name}.png", full_page=True)
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(400)  # charts redraw at the new width
    page.screenshot(path=f"{folder}/{name}-390.png", full_page=True)
    page.set_viewport_size({"width": width, "height": 800})


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.usefixtures("celery_eager")
def test_a_commune_is_assessed_recognised_and_counted(browser, live_server, province_of_two):
    province, communes, national = province_of_two
    xuan = signed_in(browser, live_server, "xuan")
    xuan.goto(f"{live_server.url}/xa-phu-hop-tre-em/?nam={YEAR}")
    xuan.get_by_role("button", name=f"Đánh giá năm {YEAR}").click()
    xuan.wait_for_url("**/nhap/")
    for code, figure in BEST.items():
        xuan.locator(f"[data-item='{code}']").fill(figure)
    for code in YES:
        xuan.locator(f"select[data-item='{code}']").select_option("1")
    expect(xuan.locator("#score-total")).to_have_text("1.000")
    expect(xuan.locator("#score-verdict")).to_have_text("Đủ điều kiện công nhận")
    # A criterion at zero is refused however high the total, as the commune types it.
    xuan.locator("select[data-item='11.1']").select_option("0")
    expect(xuan.locator("#score-verdict")).to_have_text(
        "Chưa đủ điều kiện: có tiêu chí 0 điểm")
    expect(xuan.locator("[data-points='criterion-11']")).to_have_text("0")
    expect(xuan.locator("#score-total")).to_have_text("950")
    xuan.locator("select[data-item='11.1']").select_option("1")
    expect(xuan.locator("#score-total")).to_have_text("1.000")
    shoot(xuan, "assessment-edit")
    xuan.get_by_role("button", name="Lưu nháp").click()
    assert xuan.get_by_text("Đã lưu nháp và tính lại điểm.").is_visible()
    for name in ("nham-tep.pdf", "bien-ban-dien-dan-tre-em.pdf"):
        xuan.locator("#id_file").set_input_files(files=[{
            "name": name, "mimeType": "application/pdf", "buffer": a_pdf()}])
        xuan.get_by_role("button", name="Tải lên").click()
        assert xuan.get_by_text(f"Đã tải lên minh chứng «{name}»").is_visible()
    xuan.get_by_role("button", name="Xóa minh chứng nham-tep.pdf").click()
    assert xuan.get_by_text("Đã xóa minh chứng «nham-tep.pdf»").is_visible()
    assert xuan.locator("#evidence li").count() == 1
    xuan.get_by_role("button", name="Gửi thẩm định").click()
    assert xuan.get_by_text("Đã gửi đánh giá để tỉnh thẩm định.").is_visible()
    assert xuan.locator("#assessment-status").inner_text() == "Đã gửi thẩm định"

    thu = signed_in(browser, live_server, "thu")
    thu.goto(f"{live_server.url}/xa-phu-hop-tre-em/tinh/{province.pk}/?nam={YEAR}")
    assert thu.locator(f"#xa-{communes[0].pk}").get_by_text("Đã gửi thẩm định").is_visible()
    thu.locator(f"#xa-{communes[0].pk}").get_by_role("link", name="Phường Hòa Thuận").click()
    thu.get_by_label("Số quyết định công nhận").fill("2451/QĐ-UBND")
    thu.get_by_label("Ngày quyết định (dd/mm/yyyy)").fill(f"25/11/{YEAR}")
    thu.get_by_role("button", name="Công nhận", exact=True).click()
    assert thu.locator("#decision").inner_text() == f"Số 2451/QĐ-UBND ngày 25/11/{YEAR}"
    shoot(thu, "assessment-detail")
    thu.goto(f"{live_server.url}/xa-phu-hop-tre-em/tinh/{province.pk}/?nam={YEAR}")
    assert "50 %" in thu.locator("#chi-tieu-1").inner_text()  # 1 of the 2 communes
    thu.locator("#scores-chart .main-svg").first.wait_for()
    shoot(thu, "province")

    thu.goto(f"{live_server.url}/tien-do/{national.pk}/?unit={province.pk}")
    row = thu.locator("tr", has_text="Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp")
    assert "50" in row.inner_text()
    assert "tính tự động" in row.inner_text()
    shoot(thu, "dashboard")

    # A figure found wrong: the province revokes the recognition, chỉ tiêu 1 follows.
    thu.goto(f"{live_server.url}/xa-phu-hop-tre-em/tinh/{province.pk}/?nam={YEAR}")
    thu.locator(f"#xa-{communes[0].pk}").get_by_role("link", name="Phường Hòa Thuận").click()
    thu.get_by_label("Lý do thu hồi").fill("Bỏ sót một vụ xâm hại trẻ em ở chỉ số 3.1.")
    thu.get_by_role("button", name="Thu hồi công nhận").click()
    assert thu.locator("#assessment-status").inner_text() == "Đã gửi thẩm định"
    assert thu.locator("#decision").count() == 0
    thu.goto(f"{live_server.url}/xa-phu-hop-tre-em/tinh/{province.pk}/?nam={YEAR}")
    assert ": 0 % — 0 trên 2" in thu.locator("#chi-tieu-1").inner_text()
