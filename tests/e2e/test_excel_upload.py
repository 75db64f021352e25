"""In the browser: a reporter downloads the template, fills it, uploads, checks and confirms."""

import datetime

import openpyxl

from tests.conftest import PASSWORD, make_user


def test_a_reporter_fills_the_excel_template_and_confirms_the_upload(seeded, page, live_server,
                                                                     sign_in, tmp_path):
    from agencies.models import Agency
    from childplan.models import Plan
    from reporting.services import cycle_open

    plan = Plan.objects.get(key="tra-vinh-2021")
    cycle = cycle_open(plan=plan, year=2026, opens_on=datetime.date(2026, 10, 1))
    report = cycle.reports.get(agency__name="Sở Y tế")
    make_user("alice", agency=Agency.objects.get(unit=plan.unit, name="Sở Y tế"),
              role="reporter")
    sign_in("alice", PASSWORD)

    page.goto(f"{live_server.url}/bao-cao/{report.pk}/")
    page.get_by_role("link", name="Nhập từ tệp Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel của báo cáo này").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    assert download.value.suggested_filename == f"mau-bao-cao-2026-{report.pk}.xlsx"

    book = openpyxl.load_workbook(template)
    sheet = book["Số liệu"]
    row = next(r for r in range(7, sheet.max_row + 1) if sheet.cell(r, 1).value == "6")
    sheet.cell(row, 8).value = 1.9
    sheet.cell(row, 9).value = "Theo hệ thống báo cáo HIV"
    filled = tmp_path / "bao-cao.xlsx"
    book.save(filled)

    page.get_by_label("Tệp Excel đã nhập số liệu (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Tải lên và xem trước").click()
    change = page.locator("#preview tr[data-measure='6']")
    assert "Thêm mới" in change.inner_text() and "1,9" in change.inner_text()
    assert report.values.count() == 0

    page.get_by_role("button", name="Xác nhận lưu").click()
    page.wait_for_url(f"{live_server.url}/bao-cao/{report.pk}/")
    assert "Đã lưu 1 số liệu từ tệp Excel" in page.locator(".messages").inner_text()
    assert page.locator("tr[data-measure='6'] td.value").inner_text().startswith("1,9")
    assert report.values.get(measure__code="6").note == "Theo hệ thống báo cáo HIV"


def test_a_file_that_is_not_xlsx_is_refused_with_its_message(seeded, page, live_server, sign_in,
                                                             tmp_path):
    from agencies.models import Agency
    from childplan.models import Plan
    from reporting.services import cycle_open

    plan = Plan.objects.get(key="tra-vinh-2021")
    report = cycle_open(plan=plan, year=2026, opens_on=datetime.date(2026, 10, 1)).reports.get(
        agency__name="Sở Y tế")
    make_user("alice", agency=Agency.objects.get(unit=plan.unit, name="Sở Y tế"),
              role="reporter")
    sign_in("alice", PASSWORD)
    wrong = tmp_path / "bao-cao.csv"
    wrong.write_text("Mã chỉ tiêu;Giá trị\n6;1,9\n", encoding="utf-8")

    page.goto(f"{live_server.url}/bao-cao/{report.pk}/excel/tai-len/")
    page.get_by_label("Tệp Excel đã nhập số liệu (.xlsx)").set_input_files(wrong)
    page.get_by_role("button", name="Tải lên và xem trước").click()

    assert "không phải bảng tính Excel .xlsx" in page.locator("#upload-errors").inner_text()
    assert page.get_by_role("button", name="Xác nhận lưu").count() == 0
    assert report.values.count() == 0
