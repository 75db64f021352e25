"""An administrator imports texts the seed plans do not look like: an excerpt pasted without
any header, a yearly plan of a merged province, a plan with measures of its own."""

import os

from tests.childplan.test_plan_import_review_checks import EXCERPT, OWN, VINH_LONG
from tests.conftest import PASSWORD, make_user

SCREENS = os.environ.get("CHILDPLAN_SCREENSHOTS")


def paste(page, live_server, text):
    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.get_by_label("Hoặc dán nội dung văn bản").fill(text)
    page.get_by_role("button", name="Đọc văn bản").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/nhap/xem-lai/")


def shoot(page, name):
    if SCREENS:
        page.screenshot(path=f"{SCREENS}/{name}.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SCREENS}/{name}-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_an_excerpt_without_header_gives_its_targets(seeded, page, live_server, sign_in):
    make_user("an", is_staff=True, is_superuser=True)
    sign_in("an", PASSWORD)
    paste(page, live_server, EXCERPT)
    rows = page.locator("tr[data-measure]")
    assert rows.count() == 3
    row = page.locator("tr[data-measure='6'][data-year='2030']")
    assert row.locator("input[name$='-value']").input_value() == "2"
    assert "(0 chưa chắc chắn)" in " ".join(page.locator("p.lead").inner_text().split())
    shoot(page, "excerpt")


def test_a_plan_is_attached_only_to_a_unit_valid_at_its_date(seeded, page, live_server,
                                                             sign_in):
    make_user("an", is_staff=True, is_superuser=True)
    sign_in("an", PASSWORD)
    paste(page, live_server, VINH_LONG)
    unit = page.get_by_label("Địa bàn")
    options = unit.locator("option").all_inner_texts()
    assert options.count("Tỉnh Vĩnh Long (từ 01/07/2025)") == 1
    assert not any(o.startswith(("Tỉnh Vĩnh Long (đến", "Tỉnh Trà Vinh")) for o in options)
    assert unit.locator("option:checked").inner_text() == "Tỉnh Vĩnh Long (từ 01/07/2025)"
    outside = page.locator("tr.unsure[data-measure='3a'][data-year='2025']")
    assert "Năm 2025 nằm ngoài giai đoạn 2026–2026." in outside.inner_text()
    shoot(page, "vinh-long")


def test_a_local_measure_is_proposed_edited_and_accepted(seeded, page, live_server, sign_in):
    from childplan.models import Plan

    make_user("an", is_staff=True, is_superuser=True)
    sign_in("an", PASSWORD)
    paste(page, live_server, OWN)
    proposed = page.locator("tr[data-local='L1']")
    assert "100% Ban Bảo vệ trẻ em cấp xã" in proposed.inner_text()
    shoot(page, "local-measures")
    proposed.get_by_label("Nhận").check()
    proposed.locator("input[name$='-name']").fill("Tỷ lệ Ban Bảo vệ trẻ em cấp xã hiệu quả")
    page.get_by_label("Cơ quan ban hành").fill("UBND thành phố Điện Biên Phủ")
    page.get_by_label("Địa bàn").select_option(
        str(Plan.objects.get(key="dien-bien-phu-2021").unit_id))
    page.get_by_label("Mã nội bộ").fill("dbp-rieng")
    page.get_by_role("button", name="Xác nhận tạo kế hoạch").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/*/")
    assert page.get_by_text("Đã tạo kế hoạch với 2 mục tiêu").is_visible()
    plan = Plan.objects.get(key="dbp-rieng")
    assert {t.measure.name for t in plan.targets.select_related("measure")} == {
        "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng, trợ giúp",
        "Tỷ lệ Ban Bảo vệ trẻ em cấp xã hiệu quả"}
