"""The pure rules of the papers: the letterhead's lines and the heights of wrapped rows."""

from __future__ import annotations

import datetime

import pytest

from progress.papers.letterhead import date_line, letterhead, place_name
from progress.workbook.fit import LINE_POINTS, row_height, wrapped_lines


@pytest.mark.parametrize(("unit", "place"), [
    ("Tỉnh Trà Vinh", "Trà Vinh"),
    ("Thành phố Hà Nội", "Hà Nội"),
    ("Thành phố Điện Biên Phủ", "Điện Biên Phủ"),
    ("Huyện Triệu Sơn", "Triệu Sơn"),
    ("Xã Thọ Xuân", "Thọ Xuân"),
    ("Phường Ba Đình", "Ba Đình"),
    ("Thị xã Sơn Tây", "Sơn Tây"),
    ("Đặc khu Phú Quốc", "Phú Quốc"),
    ("Việt Nam", "Việt Nam"),
    ("Tỉnh", "Tỉnh"),  # nothing after the level word: left as it is
])
def test_the_place_is_the_unit_without_its_level(unit, place):
    assert place_name(unit) == place


@pytest.mark.parametrize(("day", "line"), [
    (datetime.date(2026, 1, 5), "Trà Vinh, ngày 05 tháng 01 năm 2026"),
    (datetime.date(2026, 2, 28), "Trà Vinh, ngày 28 tháng 02 năm 2026"),
    (datetime.date(2026, 3, 9), "Trà Vinh, ngày 09 tháng 3 năm 2026"),
    (datetime.date(2026, 11, 30), "Trà Vinh, ngày 30 tháng 11 năm 2026"),
    (datetime.date(2026, 12, 10), "Trà Vinh, ngày 10 tháng 12 năm 2026"),
])
def test_days_under_ten_and_the_first_two_months_take_a_zero(day, line):
    assert date_line("Trà Vinh", day) == line


@pytest.mark.parametrize(("issuer", "unit", "national", "left"), [
    ("Sở Y tế", "Tỉnh Trà Vinh", False, ["UBND TỈNH TRÀ VINH", "SỞ Y TẾ"]),
    ("Phòng Văn hóa - Xã hội", "Xã Thọ Xuân", False, ["UBND XÃ THỌ XUÂN",
                                                      "PHÒNG VĂN HÓA - XÃ HỘI"]),
    ("UBND tỉnh Trà Vinh", "Tỉnh Trà Vinh", False, ["UBND TỈNH TRÀ VINH"]),
    ("Ủy ban nhân dân xã Thọ Xuân", "Xã Thọ Xuân", False, ["ỦY BAN NHÂN DÂN XÃ THỌ XUÂN"]),
    ("Bộ Y tế", "Việt Nam", True, ["BỘ Y TẾ"]),
    ("", "Tỉnh Trà Vinh", False, ["UBND TỈNH TRÀ VINH"]),  # no office: the committee
])
def test_the_issuing_body_stands_under_its_authority(issuer, unit, national, left):
    head = letterhead(issuer_name=issuer, unit_name=unit, on=datetime.date(2026, 5, 4),
                      national=national)
    assert head.left == left
    assert head.number.startswith("Số:")
    assert head.place_and_date.endswith("ngày 04 tháng 5 năm 2026")


@pytest.mark.parametrize(("text", "width", "lines"), [
    (None, 10, 1),
    ("", 10, 1),
    ("%", 8, 1),
    ("‰ (trên 1.000 trẻ đẻ sống)", 8, 3),
    ("‰ (trên 1.000 trẻ đẻ sống)", 40, 1),
    ("Chưa có số liệu", 12, 2),
    ("một\nhai\nba", 40, 3),  # each line break starts a line
    ("x" * 100, 10, 10),  # 11 characters a line: a word longer than the column is broken
])
def test_wrapped_lines(text, width, lines):
    assert wrapped_lines(text, width) == lines


def test_bold_text_takes_more_lines_never_fewer():
    text = "I. Mục tiêu 1. Về phát triển toàn diện trẻ em, chăm sóc sức khỏe, dinh dưỡng cho trẻ em"
    assert wrapped_lines(text, 30, bold=True) >= wrapped_lines(text, 30)


def test_a_row_is_as_tall_as_its_tallest_cell():
    one = row_height([("%", 8)])
    three = row_height([("%", 8), ("‰ (trên 1.000 trẻ đẻ sống)", 8), ("ngắn", 30)])
    assert three - one == 2 * LINE_POINTS
    assert row_height([]) == one
