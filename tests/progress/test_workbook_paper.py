"""The summary workbook as a paper to sign: the blocks of NĐ 30/2020 in their places, and
what LibreOffice prints from it (A4, nothing under 10 pt, Vietnamese numbers)."""

from __future__ import annotations

import pytest

from tests.progress.office import is_a4, read_pdf, to_pdf
from tests.progress.test_workbook import export, header_row, reviewer_of
from tests.reporting.excel_support import approved, row_of, workbook_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tra_vinh_book(client, tra_vinh_plan, bob, clock):
    from tests.reporting.conftest import approve_figures

    approve_figures(tra_vinh_plan, "Sở Y tế", 2023, {"6": "2.1", "3a": "9.8"})
    approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6", "3a": "10.4"})
    client.force_login(bob)
    with clock("2025-12-05T09:00:00+07:00"):
        return export(client, tra_vinh_plan, 2024)


def merged_text(sheet, row: int) -> list[tuple[int, str]]:
    """(first column, text) of each block written on `row`."""
    return [(col, sheet.cell(row, col).value) for col in range(1, sheet.max_column + 1)
            if sheet.cell(row, col).value]


def test_it_carries_the_letterhead_title_and_signatures_in_their_places(tra_vinh_book,
                                                                       tra_vinh_plan):
    book = workbook_of(tra_vinh_book)
    for name in ("Tổng hợp", "Các năm"):
        sheet = book[name]
        left, right = zip(*[merged_text(sheet, r) for r in (1, 2, 3)], strict=True)
        # The cycle's office (Sở Y tế since 03/2025 took over the plan's Sở LĐTBXH).
        assert [text for _, text in left] == ["UBND TỈNH TRÀ VINH", "SỞ Y TẾ", "Số:          /BC"]
        assert [text for _, text in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                               "Độc lập - Tự do - Hạnh phúc",
                                               "Trà Vinh, ngày 05 tháng 12 năm 2025"]
        assert all(col == 1 for col, _ in left) and all(col > 2 for col, _ in right)
        assert sheet["A1"].font.b is False and sheet["A2"].font.b
        assert sheet.cell(2, right[1][0]).font.u == "single"  # the motto underlined
        assert sheet.cell(3, right[2][0]).font.i  # the place-and-date line in italics
        assert sheet["A5"].value.startswith("Biểu số 0")
        assert sheet["A6"].value.startswith("BIỂU TỔNG HỢP") and sheet["A6"].font.b
        assert tra_vinh_plan.number in sheet["A7"].value

        foot = row_of(sheet, "NGƯỜI LẬP BIỂU", column=1)
        assert foot > row_of(sheet, "24.")  # below the table's last row
        hints = merged_text(sheet, foot + 1)
        assert [text for _, text in hints] == ["(Ký, ghi rõ họ tên)",
                                               "(Ký, ghi rõ họ tên, đóng dấu)"]
        assert [text for _, text in merged_text(sheet, foot)][1] == "THỦ TRƯỞNG CƠ QUAN"

        fonts = {(c.font.name, c.font.sz) for row in sheet.iter_rows() for c in row
                 if c.value is not None}
        assert {name for name, _ in fonts} == {"Times New Roman"}
        assert min(size for _, size in fonts) >= 11


def test_rows_grow_with_their_wrapped_text(tra_vinh_book):
    sheet = workbook_of(tra_vinh_book)["Tổng hợp"]
    header = header_row(sheet)
    short = row_of(sheet, "6.")  # one line: "6. Tỷ suất mắc, chết..." is short
    long_ = row_of(sheet, "3a.")  # "‰ (trên 1.000 trẻ đẻ sống)" wraps in its narrow column
    heights = {r: sheet.row_dimensions[r].height for r in (header, short, long_)}
    assert all(h for h in heights.values())  # written, not left to the program
    assert heights[long_] >= 3 * 15
    for row in range(header + 1, row_of(sheet, "24.") + 1):
        assert sheet.row_dimensions[row].height, row


def test_libreoffice_prints_it_on_a4_at_ten_points_or_more(tra_vinh_book, tmp_path):
    path = tmp_path / "bieu-tong-hop.xlsx"
    path.write_bytes(tra_vinh_book.content)
    printed = read_pdf(to_pdf(path))

    assert all(is_a4(page) and page[0] > page[1] for page in printed.pages)  # landscape
    assert printed.smallest >= 10, [s for s in printed.sizes if s[0] < 10][:5]
    # 34 measures: four pages a paper sheet (the header on each), then the unit sheet and the
    # raw table (printed at 100 %, two pages wide); each sheet numbers its own pages.
    assert printed.text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2
    assert printed.text.count("THỦ TRƯỞNG CƠ QUAN") == 2
    assert len(printed.pages) == 4 + 4 + 3 + 2, len(printed.pages)
    assert printed.text.count("Trang 1\n") + printed.text.endswith("Trang 1") == 4
    assert "10,4" in printed.text and "9,8" in printed.text  # Vietnamese numbers
    assert "‰ (trên" in printed.text and "1.000 trẻ" in printed.text  # the unit not cut


@pytest.fixture
def national():
    from childplan.models import Plan

    return Plan.objects.get(key="national-2021")


def test_the_all_years_sheet_keeps_every_year_of_a_long_plan(client, national):
    hanoi = national.unit.children.get(code="01", valid_to=None)
    approved(national, unit=hanoi, agency_name="Sở Y tế", year=2021, figures={"6": "2.4"})
    approved(national, unit=hanoi, agency_name="Sở Y tế", year=2024, figures={"6": "1.9"})
    client.force_login(reviewer_of(national))
    book = workbook_of(export(client, national, 2024))

    years = book["Các năm"]
    assert years.cell(row_of(years, "6."), 6).value == 2.4  # 2021, off the first sheet
    assert "Năm 2021" not in [c.value for c in book["Tổng hợp"][header_row(book["Tổng hợp"])]]
    assert years["A1"].value == "BỘ Y TẾ"  # a ministry: no authority above it
    assert [c.value for c in years[3] if c.value][-1].startswith("Hà Nội, ngày ")
