"""A reporter fills the Excel template of their report and uploads it back."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tests.reporting.conftest import approve_figures

pytestmark = pytest.mark.django_db

FIRST = 7  # the template's first row of figures
TARGET_6 = "là 2 (năm 2030)"  # the Trà Vinh plan's next target for measure 6


def download(client, report) -> openpyxl.Workbook:
    response = client.get(reverse("report_excel_template", args=[report.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def row_for(sheet, code: str) -> int:
    for row in range(FIRST, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise AssertionError(code)


def fill(book, figures: dict[str, dict]) -> bytes:
    """Type into the template: code → {"Tử số": …, "Mẫu số": …, "Giá trị": …, "Ghi chú": …}."""
    sheet = book["Số liệu"]
    columns = {sheet.cell(6, c).value: c for c in range(1, sheet.max_column + 1)}
    for code, boxes in figures.items():
        for name, typed in boxes.items():
            sheet.cell(row_for(sheet, code), columns[name]).value = typed
    return saved(book)


def saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, report, content: bytes, name: str = "bao-cao.xlsx"):
    return client.post(reverse("report_excel_upload", args=[report.pk]),
                       {"file": SimpleUploadedFile(name, content)})


def confirm(client, report, preview_response):
    payload = preview_response.context["confirm"]["payload"].value()
    return client.post(reverse("report_excel_confirm", args=[report.pk]), {"payload": payload})


def stored(report) -> dict[str, tuple]:
    return {v.measure.code: (v.numerator, v.denominator, v.value, v.note)
            for v in report.values.select_related("measure")}


def test_it_round_trips_a_template_through_preview_and_confirm(client, alice, report,
                                                               tra_vinh_plan):
    approve_figures(tra_vinh_plan, "Sở Y tế", 2025, {"6": "1.7"})
    client.force_login(alice)
    book = download(client, report)
    sheet = book["Số liệu"]
    assert [sheet.cell(6, c).value for c in range(1, 11)] == [
        "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Năm 2025", "Tử số", "Mẫu số",
        "Giá trị", "Ghi chú", "Nguồn số liệu"]
    codes = [sheet.cell(r, 1).value for r in range(FIRST, sheet.max_row + 1)]
    assert codes == [m.code for m in report.measures()]
    six = row_for(sheet, "6")
    assert sheet.cell(six, 5).value == 1.7  # last year's approved figure
    assert sheet.cell(six, 4).value == TARGET_6
    assert sheet.protection.sheet
    assert sheet.cell(six, 2).protection.locked and not sheet.cell(six, 8).protection.locked
    assert book["_childplan"].sheet_state == "veryHidden"

    content = fill(book, {"3a": {"Tử số": 19, "Mẫu số": 10000, "Nguồn số liệu": "A1"},
                          "6": {"Giá trị": 1.9, "Ghi chú": "Theo báo cáo quý"},
                          "4a": {"Giá trị": "7,9"}})
    response = upload(client, report, content)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok, [str(p) for p in preview.problems]
    kinds = {c.measure.code: c.kind for c in preview.changes}
    assert kinds["3a"] == kinds["6"] == kinds["4a"] == "new" and kinds["3b"] == "same"
    assert "Thêm mới" in response.content.decode()
    assert stored(report) == {}  # a preview writes nothing

    done = confirm(client, report, response)
    assert done.status_code == 302 and done["Location"].endswith(f"/bao-cao/{report.pk}/")
    values = stored(report)
    assert values["3a"] == (Decimal(19), Decimal(10000), Decimal("1.9"), "")
    assert values["6"] == (None, None, Decimal("1.9"), "Theo báo cáo quý")
    assert values["4a"][2] == Decimal("7.9")
    report.refresh_from_db()
    assert report.version == 2 and report.updated_by == alice
    assert report.events.get().action == "save"
    assert report.values.get(measure__code="3a").history.get().history_user == alice


def test_a_second_upload_changes_and_clears_and_keeps_history(client, alice, report):
    client.force_login(alice)
    first = fill(download(client, report), {"6": {"Giá trị": 1.9}, "4a": {"Giá trị": 7.9}})
    confirm(client, report, upload(client, report, first))

    book = download(client, report)
    assert book["Số liệu"].cell(row_for(book["Số liệu"], "6"), 8).value == 1.9  # pre-filled
    again = fill(book, {"6": {"Giá trị": 2.1}, "4a": {"Giá trị": None}})
    response = upload(client, report, again)
    kinds = {c.measure.code: c.kind for c in response.context["preview"].changes}
    assert (kinds["6"], kinds["4a"]) == ("changed", "cleared")
    confirm(client, report, response)

    assert stored(report)["6"][2] == Decimal("2.1")
    assert stored(report)["4a"][2] is None
    six = report.values.get(measure__code="6")
    assert [h.history_type for h in six.history.order_by("history_id")] == ["+", "~"]


def test_confirm_refuses_a_stale_preview(client, alice, report):
    from reporting.services import report_save
    from tests.reporting.conftest import entry_for

    client.force_login(alice)
    response = upload(client, report, fill(download(client, report), {"6": {"Giá trị": 1.9}}))
    report_save(report=report, by=alice, version=report.version,
                entry=entry_for(report, {"6": "1.8"}))

    done = confirm(client, report, response)
    assert done.status_code == 302
    assert stored(report)["6"][2] == Decimal("1.8")
    page = client.get(done["Location"])
    assert "Báo cáo vừa được cập nhật" in page.content.decode()


def test_a_submitted_report_takes_no_upload(client, alice, report):
    from reporting.services import report_submit

    client.force_login(alice)
    response = upload(client, report, fill(download(client, report), {"6": {"Giá trị": 1.9}}))
    report_submit(report=report, by=alice, version=report.version)

    done = confirm(client, report, response)
    assert done.status_code == 302 and done["Location"].endswith(f"/bao-cao/{report.pk}/")
    assert stored(report) == {}
    again = client.get(reverse("report_excel_upload", args=[report.pk]))
    assert again.status_code == 302


# The confirmation: every row checked again on the server, whatever the signature says.

def forged_confirm(client, report, rows: list) -> str:
    """Post a confirmation built by hand and signed with the server's key, as anyone who
    holds the development key can; returns the message shown after it."""
    from django.core import signing

    from reporting.excel.upload import PAYLOAD_SALT

    payload = signing.dumps({"report": report.pk, "version": report.version, "rows": rows},
                            salt=PAYLOAD_SALT, compress=True)
    done = client.post(reverse("report_excel_confirm", args=[report.pk]), {"payload": payload})
    assert done.status_code == 302 and done["Location"].endswith(
        reverse("report_excel_upload", args=[report.pk]))
    return " ".join(str(m) for m in client.get(done["Location"]).context["messages"])


def nothing_written(report, before: tuple) -> bool:
    from reporting.models import Value

    report.refresh_from_db()
    return (stored(report), report.version, Value.history.filter(report_id=report.pk).count(),
            report.events.count()) == before


def test_a_forged_confirmation_is_refused_whole_naming_its_rows(client, alice, report,
                                                                other_report):
    client.force_login(alice)
    not_led = other_report.measures().first().code  # Sở Giáo dục và Đào tạo's
    assert not report.measures().filter(code=not_led).exists()
    before = (stored(report), report.version, 0, 0)

    message = forged_confirm(client, report, [[7, not_led, "999", "10", "", "", ""],
                                              [8, "3a", "-5", "1", "", "", ""],
                                              [9, "6", "", "", "1,9", "", ""]])
    assert message.startswith("Không lưu số liệu nào")
    assert f"Dòng 7, cột «Mã chỉ tiêu»: «{not_led}» không phải chỉ tiêu của báo cáo này" in message
    assert "Dòng 8, cột «Tử số»: không được âm (-5)." in message
    assert "Dòng 9" not in message
    assert nothing_written(report, before)


@pytest.mark.parametrize(("row", "expected"), [
    pytest.param([7, "5a", "10.001", "10.000", "", "", ""],
                 "Dòng 7, cột «Tử số»: tử số (10.001) lớn hơn mẫu số (10.000).",
                 id="numerator-over-denominator"),
    pytest.param([7, "4a", "", "", "120", "", ""],
                 "Dòng 7, cột «Giá trị»: tỷ lệ phần trăm không thể lớn hơn 100 (120).",
                 id="percent-over-100"),
    pytest.param([7, "6", "", "", "1,23456", "", ""],
                 "Dòng 7, cột «Giá trị»: nhiều nhất 4 chữ số sau dấu phẩy.", id="decimal-places"),
    pytest.param([7, "6", "", "", "1,9", "x" * 2001, ""],
                 "Dòng 7, cột «Ghi chú»: dài 2.001 ký tự, tối đa 2.000.", id="long-note"),
    pytest.param([7, "6", "", "", "1,9", "", "y" * 301],
                 "Dòng 7, cột «Nguồn số liệu»: dài 301 ký tự, tối đa 300.", id="long-source"),
    pytest.param([7, "6", "", "", "1,9", "", ""], "Dòng 8, cột «Mã chỉ tiêu»: chỉ tiêu 6 đã "
                 "có ở dòng 7", id="measure-twice"),
])
def test_a_forged_confirmation_gets_the_checks_of_the_form(client, alice, report, row,
                                                           expected):
    client.force_login(alice)
    rows = [row] + ([[8, "6", "", "", "2", "", ""]] if "đã có" in expected else [])
    before = (stored(report), report.version, 0, 0)
    assert expected in forged_confirm(client, report, rows)
    assert nothing_written(report, before)


def test_a_confirmation_of_another_shape_is_refused(client, alice, report):
    client.force_login(alice)
    before = (stored(report), report.version, 0, 0)
    message = forged_confirm(client, report, [[7, 6, None, None, 1.9, True, "", ""]])
    assert message == "Dữ liệu xác nhận không hợp lệ; hãy tải tệp lên lại."
    assert nothing_written(report, before)


# Files that do not fit: refused with their message, nothing written.

def refused(client, report, content: bytes, name: str = "bao-cao.xlsx") -> str:
    before = (report.values.count(), report.version)
    response = upload(client, report, content, name)
    assert response.status_code == 200
    assert response.context["confirm"] is None
    report.refresh_from_db()
    assert (report.values.count(), report.version) == before
    form = response.context["form"]
    if form.errors:
        return " ".join(form.errors["file"])
    return " ".join(str(p) for p in response.context["preview"].problems)


def test_it_refuses_another_reports_template(client, alice, report, cycle):
    from agencies.models import Membership

    other = cycle.reports.get(agency__name="Sở Giáo dục và Đào tạo")
    Membership.objects.create(user=alice, agency=other.agency, role="reporter")
    client.force_login(alice)
    content = fill(download(client, other), {})

    assert "mẫu của một báo cáo khác" in refused(client, report, content)


def test_it_refuses_a_workbook_that_is_not_a_template(client, alice, report):
    client.force_login(alice)
    book = openpyxl.Workbook()
    book.active.append(["Mã chỉ tiêu", "Giá trị"])
    assert "không phải mẫu nhập số liệu" in refused(client, report, saved(book))


def test_it_refuses_a_forged_signature(client, alice, report):
    client.force_login(alice)
    book = download(client, report)
    book["_childplan"]["B1"] = "report:999:forged"
    assert "không xác định được báo cáo" in refused(client, report, saved(book))


@pytest.mark.parametrize(("header", "text", "expected"), [
    ("Giá trị", "Số liệu", "thiếu cột «Giá trị»; có cột lạ «Số liệu»"),
    ("Nguồn số liệu", None, "thiếu cột «Nguồn số liệu»"),
])
def test_it_refuses_renamed_or_missing_columns(client, alice, report, header, text, expected):
    client.force_login(alice)
    book = download(client, report)
    sheet = book["Số liệu"]
    column = next(c for c in range(1, 11) if sheet.cell(6, c).value == header)
    sheet.cell(6, column).value = text
    message = refused(client, report, saved(book))
    assert "Dòng tiêu đề (dòng 6) không đúng mẫu" in message and expected in message


def test_it_refuses_a_formula_in_a_value_cell(client, alice, report):
    client.force_login(alice)
    content = fill(download(client, report), {"6": {"Giá trị": "=1+0.9"}, "4a": {"Giá trị": 7}})
    message = refused(client, report, content)
    assert message.startswith("Dòng ") and "cột «Giá trị»: ô chứa công thức (=1+0.9)" in message


def test_it_refuses_text_in_a_number_cell(client, alice, report):
    client.force_login(alice)
    content = fill(download(client, report), {"3a": {"Tử số": "khoảng 20", "Mẫu số": 1000}})
    sheet_row = row_for(download(client, report)["Số liệu"], "3a")
    message = refused(client, report, content)
    assert message == (f"Dòng {sheet_row}, cột «Tử số»: «khoảng 20» có ký tự «k» không phải "
                       "chữ số.")


def test_it_refuses_a_figure_the_form_would_refuse(client, alice, report):
    client.force_login(alice)
    content = fill(download(client, report), {"3a": {"Tử số": 200, "Mẫu số": 100},
                                              "6": {"Giá trị": 120}})
    message = refused(client, report, content)
    assert "cột «Tử số»: tử số (200) lớn hơn mẫu số (100)." in message
    assert "cột «Giá trị»: tỷ lệ phần trăm không thể lớn hơn 100 (120)." in message


def test_it_refuses_a_file_that_is_not_xlsx(client, alice, report):
    client.force_login(alice)
    message = refused(client, report, b"Ma chi tieu;Gia tri\n6;1,9\n", name="bao-cao.csv")
    assert "không phải bảng tính Excel .xlsx" in message
    assert "không phải bảng tính Excel .xlsx" in refused(client, report, b"PK\x03\x04 broken")


def test_it_refuses_a_workbook_with_macros(client, alice, report):
    client.force_login(alice)
    content = fill(download(client, report), {"6": {"Giá trị": 1.9}})
    assert "macro" in refused(client, report, content, name="bao-cao.xlsm")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    assert "có chứa macro" in refused(client, report, buffer.getvalue())


@override_settings(CHILDPLAN_UPLOAD_MAX_BYTES=1024)
def test_it_refuses_a_file_over_the_size_limit(client, alice, report):
    client.force_login(alice)
    content = fill(download(client, report), {"6": {"Giá trị": 1.9}})
    message = refused(client, report, content)
    assert message.startswith("Tệp nặng ") and "vượt giới hạn 1 KB" in message


# Who may use it.

def test_another_agencys_reporter_cannot_download_or_upload(client, dung, report):
    client.force_login(dung)
    assert client.get(reverse("report_excel_template", args=[report.pk])).status_code == 404
    assert upload(client, report, b"x").status_code == 404


def test_a_viewer_cannot_upload(client, vy, report):
    client.force_login(vy)
    assert client.get(reverse("report_excel_template", args=[report.pk])).status_code == 403
    assert upload(client, report, b"x").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, report):
    for name in ("report_excel_template", "report_excel_upload", "report_excel_confirm"):
        response = client.get(reverse(name, args=[report.pk]))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_report_page_links_to_the_excel_upload(client, alice, report):
    client.force_login(alice)
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert reverse("report_excel_upload", args=[report.pk]) in page
    upload_page = client.get(reverse("report_excel_upload", args=[report.pk])).content.decode()
    assert reverse("report_excel_template", args=[report.pk]) in upload_page


def test_a_template_in_english_reads_in_english_and_uploads_in_either_language(client, alice,
                                                                              report):
    """An English reader's template names its sheet and columns in English, and its number
    cells come back as their values: a percent of 1.234 is not a thousands figure in English.
    A Vietnamese colleague may upload the same file."""
    client.force_login(alice)
    client.post(reverse("language_switch"), {"language": "en", "next": "/"})
    book = download(client, report)
    assert "Figures" in book.sheetnames and "Số liệu" not in book.sheetnames
    sheet = book["Figures"]
    headers = [sheet.cell(6, c).value for c in range(1, 11)]
    assert headers[0] == "Indicator code" and headers[5:] == [
        "Numerator", "Denominator", "Value", "Notes", "Data source"]
    sheet.cell(row_for(sheet, "4a"), 8).value = 1.234
    sheet.cell(row_for(sheet, "6"), 8).value = "x"
    refused = upload(client, report, saved(book))
    assert not refused.context["preview"].ok
    assert (f"Row {row_for(sheet, '6')}, column «Value»: «x» contains «x», which is not a "
            "digit.") in refused.content.decode()
    sheet.cell(row_for(sheet, "6"), 8).value = None
    content = saved(book)
    response = upload(client, report, content)
    assert response.context["preview"].ok
    confirm(client, report, response)
    assert stored(report)["4a"][2] == Decimal("1.234")

    client.post(reverse("language_switch"), {"language": "vi", "next": "/"})
    again = upload(client, report, content)
    assert again.context["preview"].ok, [str(p) for p in again.context["preview"].problems]


def test_a_renamed_column_is_named_in_the_template_s_own_language(client, alice, report):
    """An English reader uploads a Vietnamese colleague's template with a renamed column: the
    message names the missing column as that template wrote it."""
    client.force_login(alice)
    book = download(client, report)
    book["Số liệu"].cell(6, 8).value = "Số"
    client.post(reverse("language_switch"), {"language": "en", "next": "/"})
    page = upload(client, report, saved(book)).content.decode()
    assert "missing columns «Giá trị»" in page and "unknown columns «Số»" in page
