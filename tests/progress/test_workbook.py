"""The summary workbook a consolidating officer hands to the People's Committee."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.reporting.excel_support import approved, headers, row_of, workbook_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dien_bien_phu():
    from childplan.models import Plan

    return Plan.objects.get(key="dien-bien-phu-2021")


@pytest.fixture
def national():
    from childplan.models import Plan

    return Plan.objects.get(key="national-2021")


GROUPS = ["I. Mục tiêu 2. Về bảo vệ trẻ em",
          "II. Mục tiêu 4. Về sự tham gia của trẻ em vào các vấn đề về trẻ em",
          "III. Chỉ tiêu riêng của kế hoạch"]


def reviewer_of(plan, username="officer"):
    return make_user(username, agency=plan.consolidating_agency, role="reviewer")


def export(client, plan, year: int, **params):
    from progress.services import snapshots_recompute
    from reporting.models import ReportingCycle

    snapshots_recompute(plan=plan)  # what every approval queues: the workbook reads it
    cycle = ReportingCycle.objects.get(plan=plan, year=year, kind="annual")
    return client.get(reverse("summary_export", args=[cycle.pk]), params)


@pytest.fixture
def dien_bien_phu_figures(dien_bien_phu):
    unit = dien_bien_phu.unit
    approved(dien_bien_phu, unit=unit, agency_name="Phòng Y tế", year=2023,
             figures={"DBP-1": "96.5", "DBP-6": "10"})
    approved(dien_bien_phu, unit=unit, agency_name="Phòng Y tế", year=2024,
             figures={"DBP-1": {"numerator": 1960, "denominator": 2000, "note": "Ước tính"},
                      "DBP-6": "12", "8a": "1.25"})


def header_row(sheet) -> int:
    """The table's header: the row whose first cell reads "STT"."""
    return row_of(sheet, "STT", column=1)


def col(sheet, title: str) -> int:
    return headers(sheet, header_row(sheet)).index(title) + 1


def test_it_lays_out_the_summary_of_a_plan_with_local_measures(client, dien_bien_phu,
                                                                dien_bien_phu_figures):
    client.force_login(reviewer_of(dien_bien_phu))
    book = workbook_of(export(client, dien_bien_phu, 2024))

    assert book.sheetnames == ["Tổng hợp", "Các năm", "Theo đơn vị", "Số liệu gốc"]
    sheet = book["Tổng hợp"]
    assert row_of(sheet, "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", column=1) == 6
    assert "Thành phố Điện Biên Phủ" in sheet["A8"].value and "2024" in sheet["A8"].value
    # The latest three years beside the targets; every year on the second sheet.
    assert headers(sheet, 10) == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2025",
                                  "Mục tiêu 2030", "Năm 2022", "Năm 2023", "Năm 2024",
                                  "Đánh giá", "Cơ quan chủ trì", "Ghi chú"]
    assert headers(book["Các năm"], 10) == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2025",
                                           "Mục tiêu 2030", "Năm 2021", "Năm 2022",
                                           "Năm 2023", "Năm 2024"]

    local = row_of(sheet, "DBP-1.")
    assert sheet.cell(local, 3).value == "%"
    assert sheet.cell(local, 4).value == "đạt 100"
    assert sheet.cell(local, 5).value is None  # the plan ends in 2025
    assert sheet.cell(local, col(sheet, "Năm 2023")).value == 96.5
    assert sheet.cell(local, col(sheet, "Năm 2024")).value == 98
    assert sheet.cell(local, col(sheet, "Năm 2024")).number_format == "[$-42A]#,##0.0#"
    assert sheet.cell(local, col(sheet, "Đánh giá")).value == "Cần đẩy nhanh"
    assert sheet.cell(local, col(sheet, "Ghi chú")).value == "Ước tính"
    count = row_of(sheet, "DBP-6.")
    assert sheet.cell(count, col(sheet, "Năm 2024")).value == 12
    assert sheet.cell(count, col(sheet, "Năm 2024")).number_format == "[$-42A]#,##0"
    assert sheet.cell(count, col(sheet, "Đánh giá")).value == "Đã đạt"
    assert sheet.cell(row_of(sheet, "DBP-11."), col(sheet, "Năm 2024")).value is None
    assert sheet.cell(row_of(sheet, "DBP-11."), col(sheet, "Đánh giá")).value == "Chưa có số liệu"

    groups = [sheet.cell(r, 1).value for r in range(11, sheet.max_row + 1)
              if sheet.cell(r, 2).value is None and sheet.cell(r, 1).value
              and sheet.cell(r, 1).value[0] in "IVX"]
    assert groups == GROUPS
    assert row_of(sheet, "8a.") < local < count


def test_it_prints_on_a4_landscape_one_page_wide_with_the_header_on_every_page(
        client, dien_bien_phu, dien_bien_phu_figures):
    client.force_login(reviewer_of(dien_bien_phu))
    book = workbook_of(export(client, dien_bien_phu, 2024))

    for sheet in (book["Tổng hợp"], book["Các năm"]):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # One page wide (1 is the file format's default, so it is left out) and as tall as
        # needed (test_workbook_paper: printed at 100 %, no text under 10 pt).
        assert sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$10:$10"
        assert "&P" in sheet.oddFooter.center.text


def test_it_shows_targets_set_for_2030_only(client, national):
    province = national.unit.children.get(code="01", valid_to=None)
    approved(national, unit=province, agency_name="Sở Y tế", year=2024,
             figures={"5b": {"numerator": 950, "denominator": 1000}, "6": "1.9"})
    client.force_login(reviewer_of(national))
    sheet = workbook_of(export(client, national, 2024))["Tổng hợp"]

    b5 = row_of(sheet, "5b.")
    assert (sheet.cell(b5, 4).value, sheet.cell(b5, 5).value) == (None, "đạt 98")
    six = row_of(sheet, "6.")
    assert (sheet.cell(six, 4).value, sheet.cell(six, 5).value) == (None, "là 2")
    assert sheet.cell(six, col(sheet, "Năm 2024")).value == 1.9
    assert sheet.cell(six, col(sheet, "Đánh giá")).value == "Đã đạt"  # against 2030 only
    a3 = row_of(sheet, "3a.")
    assert (sheet.cell(a3, 4).value, sheet.cell(a3, 5).value) == ("dưới 9,5", "dưới 9")
    area = row_of(sheet, "4c.")
    assert sheet.cell(area, 4).value == "nông thôn: dưới 5; thành thị: dưới 10"


def test_it_adds_up_ratios_as_a_ratio_of_sums_never_a_mean(client, national):
    hanoi = national.unit.children.get(code="01", valid_to=None)
    cao_bang = national.unit.children.get(code="04", valid_to=None)
    approved(national, unit=hanoi, agency_name="Sở Y tế", year=2024,
             figures={"5b": {"numerator": 980, "denominator": 1000, "note": "=1+1"}})
    approved(national, unit=cao_bang, agency_name="Sở Y tế", year=2024,
             figures={"5b": {"numerator": 90, "denominator": 100}})
    approved(national, unit=cao_bang, agency_name="Sở Y tế", year=2023,
             figures={"5b": {"numerator": 50, "denominator": 100}}, status="submitted")
    client.force_login(reviewer_of(national))
    book = workbook_of(export(client, national, 2024))

    sheet = book["Tổng hợp"]
    b5 = row_of(sheet, "5b.")
    # 1.070 / 1.100, not (98 + 90) / 2
    assert round(sheet.cell(b5, col(sheet, "Năm 2024")).value, 4) == 97.2727
    assert sheet.cell(b5, col(sheet, "Năm 2023")).value is None  # submitted is not approved

    units = book["Theo đơn vị"]
    start = row_of(units, "5b.", column=1)
    rows = [[units.cell(r, c).value for c in range(2, 7)] for r in range(start + 1, start + 4)]
    assert rows == [["Thành phố Hà Nội", "Sở Y tế", 980, 1000, 98],
                    ["Tỉnh Cao Bằng", "Sở Y tế", 90, 100, 90],
                    ["Tổng hợp Việt Nam", None, 1070, 1100, 97.2727]]

    raw = book["Số liệu gốc"]
    assert headers(raw, 1)[:9] == ["Năm", "Đơn vị", "Cơ quan", "Mã chỉ tiêu", "Chỉ tiêu",
                                   "Đơn vị tính", "Tử số", "Mẫu số", "Giá trị"]
    assert raw.max_row == 3
    assert [raw.cell(2, c).value for c in (1, 2, 4, 7, 8, 9)] == [
        2024, "Thành phố Hà Nội", "5b", 980, 1000, 98]
    assert f"{raw.cell(2, 12).value:%d/%m/%Y %H:%M}" == "25/11/2024 10:00"  # Vietnam time


def test_it_writes_formula_looking_text_as_text(client, national):
    hanoi = national.unit.children.get(code="01", valid_to=None)
    approved(national, unit=hanoi, agency_name="=cmd|' /C calc'!A0", year=2024,
             figures={"6": {"value": "1.9", "note": "=HYPERLINK(\"http://x\",\"bấm\")",
                            "source": "@SUM(1+1)"},
                      "5b": {"value": "97", "note": "-2+3", "source": "+84 912"}})
    client.force_login(reviewer_of(national))
    raw = workbook_of(export(client, national, 2024))["Số liệu gốc"]

    cells = [raw.cell(r, c) for r in (2, 3) for c in (3, 10, 11)]
    assert {c.value for c in cells} == {"=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"bấm\")",
                                        "@SUM(1+1)", "-2+3", "+84 912"}
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)


def test_it_exports_a_unit_below_the_plan_on_request(client, national):
    hanoi = national.unit.children.get(code="01", valid_to=None)
    approved(national, unit=hanoi, agency_name="Sở Y tế", year=2024, figures={"6": "1.5"})
    client.force_login(reviewer_of(national))
    book = workbook_of(export(client, national, 2024, **{"don-vi": hanoi.pk}))

    assert "Thành phố Hà Nội" in book["Tổng hợp"]["A8"].value
    assert export(client, national, 2024, **{"don-vi": "x"}).status_code == 404


def test_a_leader_of_the_unit_exports_and_others_are_refused(client, tra_vinh_plan, alice, bob,
                                                             vy, charlie):
    from tests.reporting.conftest import approve_figures

    approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6"})
    for user, status in ((alice, 403), (charlie, 403), (vy, 200), (bob, 200)):
        client.force_login(user)
        response = export(client, tra_vinh_plan, 2024)
        assert response.status_code == status, user
    sheet = workbook_of(response)["Tổng hợp"]
    assert sheet.cell(row_of(sheet, "6."), col(sheet, "Năm 2024")).value == 1.6
    client.logout()
    response = export(client, tra_vinh_plan, 2024)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def openpyxl_column(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def test_the_completeness_page_links_to_the_summary(client, bob, tra_vinh_plan):
    import datetime

    from reporting.services import cycle_open

    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=datetime.date(2026, 10, 1))
    client.force_login(bob)
    page = client.get(reverse("cycle_completeness", args=[cycle.pk])).content.decode()
    assert reverse("summary_export", args=[cycle.pk]) in page


@pytest.mark.parametrize("provinces", [("01",), ("01", "04", "86")])
def test_the_export_reads_in_a_pinned_number_of_queries(client, national, provinces,
                                                         django_assert_num_queries):
    from django.core.cache import cache

    from progress.services import snapshots_recompute
    from reporting.models import ReportingCycle

    for code in provinces:
        unit = national.unit.children.get(code=code, valid_to=None)
        for year in (2023, 2024):
            approved(national, unit=unit, agency_name="Sở Y tế", year=year,
                     figures={"5b": {"numerator": 900 + year - 2023, "denominator": 1000},
                              "6": "1.9"})
    snapshots_recompute(plan=national)
    client.force_login(reviewer_of(national))
    cycle = ReportingCycle.objects.get(plan=national, year=2024, kind="annual")
    cache.clear()
    # The same count whatever the number of units and figures (the review cycles: one).
    with django_assert_num_queries(13):
        workbook_of(client.get(reverse("summary_export", args=[cycle.pk])))
