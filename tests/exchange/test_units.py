"""Units by their official codes: today's by QĐ 19/2025/QĐ-TTg, older ones by their pre-2025
codes with their validity, and the crosswalk from an old code to today's."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def codes(units):
    return [(u["code"], u["name"]) for u in units]


def test_old_tra_vinh_leads_to_today_s_vinh_long(api, alice):
    found = api(alice).get("/api/v1/units/crosswalk", code="84").json()
    assert found["level"] == "province"
    assert [(u["code"], u["valid_to"]) for u in found["found"]] == [("84", "2025-06-30")]
    assert codes(found["today"]) == [("86", "Tỉnh Vĩnh Long")]


def test_an_old_district_leads_to_its_province_today(api, alice):
    found = api(alice).get("/api/v1/units/crosswalk", code="397").json()
    assert found["level"] == "district"
    assert codes(found["today"]) == [("38", "Tỉnh Thanh Hóa")]


def test_a_code_both_lists_use_returns_both_versions_and_today_s_unit(api, alice):
    found = api(alice).get("/api/v1/units/crosswalk", code="38").json()
    assert [u["valid_to"] for u in found["found"]] == ["2025-06-30", None]
    assert codes(found["today"]) == [("38", "Tỉnh Thanh Hóa")]


def test_an_unknown_code_finds_nothing(api, alice):
    found = api(alice).get("/api/v1/units/crosswalk", code="99999").json()
    assert (found["found"], found["today"]) == ([], [])


def test_today_s_provinces_are_34_with_two_digit_codes(api, alice):
    page = api(alice).get("/api/v1/units", level="province", current="true", limit=100).json()
    assert page["count"] == 34
    assert all(len(u["code"]) == 2 and u["valid_from"] == "2025-07-01" for u in page["items"])
    old = api(alice).get("/api/v1/units", level="province", current="false", limit=100).json()
    assert old["count"] == 63
    tra_vinh = next(u for u in old["items"] if u["code"] == "84")
    assert codes(tra_vinh["successors"]) == [("86", "Tỉnh Vĩnh Long")]


def test_a_bad_code_is_a_vietnamese_error(api, alice):
    response = api(alice).get("/api/v1/units/crosswalk", code="8'4")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["reason"]) == (
        "code", "không đúng dạng cho phép (xem lược đồ OpenAPI).")
