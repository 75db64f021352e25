"""The draft plan's page on a 390 px phone: no page wider than the screen (the targets and the
assignments scroll in their own boxes, the first column leaving room beside it), no serious
axe violation, and a target and an assignment edited and saved from the keyboard."""

from __future__ import annotations

import datetime
from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_user
from tests.e2e.test_accessibility import AXE_OPTIONS, PHONE, SHOTS, blocking, signed_in


def test_the_draft_page_fits_a_phone_and_saves_from_the_keyboard(seeded, browser, live_server):
    from agencies.models import Agency
    from agencies.unit_loading import current_province
    from childplan.models import Plan
    from childplan.services import plan_create_successor

    vinh_long = current_province("86")
    draft = plan_create_successor(
        predecessors=[Plan.objects.get(key="tra-vinh-2021")], key="vinh-long-2026",
        title="Kế hoạch 2026–2030", issuer="UBND tỉnh Vĩnh Long", unit=vinh_long,
        period_start=2026, period_end=2030, on=datetime.date(2026, 1, 1))
    make_user("hoa", agency=Agency.objects.get(unit=vinh_long, name="Sở Y tế"), role="reviewer")

    page = signed_in(browser, live_server, "hoa", PHONE)
    page.goto(f"{live_server.url}/ke-hoach/{draft.pk}/du-thao/")
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "phone-draft-plan.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    scroller = page.locator(".table-scroll", has=page.locator("table.draft-targets"))
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    assigned = page.locator(".table-scroll", has=page.locator("table.draft-assignments"))
    assert assigned.evaluate("box => box.scrollWidth > box.clientWidth")
    added = page.locator("table.draft-assignments tr.added td").first.bounding_box()
    assert added is not None and added["width"] <= PHONE["width"] / 2
    first = page.locator("table.draft-targets tr.added td").first.bounding_box()
    assert first is not None and first["width"] <= PHONE["width"] / 2
    assert blocking(Axe().run(page, options=AXE_OPTIONS)) == []

    page.get_by_label("Vai trò, phân công chỉ tiêu 9, Công an tỉnh").select_option("support")
    value = page.get_by_label("Giá trị, mục tiêu 16 năm 2030")
    value.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("99,6")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Đã lưu dự thảo.").is_visible()
    assert draft.targets.get(measure__code="16").value == Decimal("99.6")
    assert draft.assignments.get(indicator__number=9, agency__name="Công an tỉnh").role == \
        "support"
