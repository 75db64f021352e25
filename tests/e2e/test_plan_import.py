"""An administrator imports the Triệu Sơn plan in the browser: paste, correct, confirm."""

from tests.childplan.plan_reader_support import FIXTURES
from tests.conftest import PASSWORD, make_user

TRIEU_SON = (FIXTURES / "documents" / "trieu-son-2021.txt").read_text(encoding="utf-8")


def test_an_administrator_pastes_corrects_and_confirms_a_plan(seeded, page, live_server,
                                                              sign_in):
    from childplan.models import Plan

    make_user("an", is_staff=True, is_superuser=True)
    sign_in("an", PASSWORD)
    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.get_by_label("Hoặc dán nội dung văn bản").fill(TRIEU_SON)
    page.get_by_role("button", name="Đọc văn bản").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/nhap/xem-lai/")

    unsure = page.locator("tr.unsure")
    assert unsure.count() == 2
    assert "Phần đầu 100% trẻ em gặp thiên tai" in unsure.first.inner_text()
    row = page.locator("tr[data-measure='3a'][data-year='2025']")
    assert "xuống dưới 2,5% vào năm 2025" in row.locator("td.source").inner_text()
    assert row.locator("input[name$='-value']").input_value() == "2,5"

    row.locator("input[name$='-value']").fill("2,4")
    page.get_by_label("Mã nội bộ").fill("trieu-son-nhap")
    page.get_by_role("button", name="Xác nhận tạo kế hoạch").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/*/")

    assert page.get_by_text("Đã tạo kế hoạch với 63 mục tiêu").is_visible()
    assert page.locator("tr[data-measure='3a'] td.target").first.inner_text() == "dưới 2,4"
    plan = Plan.objects.get(key="trieu-son-nhap")
    assert plan.issuer == "UBND huyện Triệu Sơn"


def test_a_reviewer_cannot_open_the_import_page(seeded, page, live_server, sign_in):
    from childplan.models import Plan

    make_user("bob", agency=Plan.objects.get(key="tra-vinh-2021").consolidating_agency,
              role="reviewer")
    sign_in("bob", PASSWORD)
    response = page.goto(f"{live_server.url}/ke-hoach/nhap/")
    assert response.status == 403
