"""A report's figures sent through the API: the form's checks, its messages, its service;
all rows or none; the page shows what the API wrote, and the history names the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import ReportEvent, Value
from reporting.services import cycle_open
from tests.reporting.conftest import HEALTH_FIGURES, form_data

pytestmark = pytest.mark.django_db

FIGURES = [
    {"measure": "3a", "numerator": 19, "denominator": 10000, "source": "Sở Y tế, hệ thống A1"},
    {"measure": "3b", "numerator": "101", "denominator": "10000"},
    {"measure": "3c", "numerator": 152, "denominator": 10000},
    {"measure": "4a", "value": 7.9, "note": "Theo điều tra dinh dưỡng"},
    {"measure": "5a", "numerator": 9612, "denominator": 10000},
    {"measure": "6", "value": "1.9"},
]


def url(report, action="figures"):
    return f"/api/v1/reports/{report.pk}/{action}"


def stored(report):
    return {v.measure.code: (v.numerator, v.denominator, v.value, v.note, v.source)
            for v in Value.objects.filter(report=report).select_related("measure")}


def test_it_saves_what_the_form_would_save_from_the_same_figures(api, alice, report, client_for,
                                                                  tra_vinh_plan):
    response = api(alice).post(url(report), {"version": report.version, "figures": FIGURES})
    assert response.status_code == 200, response.content
    by_api = stored(report)

    # The same figures typed into the page, on the agency's report of another cycle.
    twin = cycle_open(plan=tra_vinh_plan, year=2026, kind="adhoc",
                      opens_on=report.cycle.opens_on).reports.get(
        agency=report.agency)
    client_for(alice).post(reverse("report_edit", args=[twin.pk]),
                           form_data(twin, HEALTH_FIGURES))
    assert stored(twin) == by_api
    assert by_api["3a"][2] == Decimal("1.9")  # per 1.000 live births
    assert response.json()["status"] == "draft"


def test_the_report_page_shows_the_figures_the_api_sent(api, alice, report, client_for):
    api(alice).post(url(report), {"version": report.version, "figures": FIGURES})
    page = client_for(alice).get(reverse("report_edit", args=[report.pk])).content.decode()
    three_a = Value.objects.get(report=report, measure__code="3a").measure_id
    assert f'name="m{three_a}_numerator" value="19"' in page
    assert f'name="m{three_a}_denominator" value="10.000"' in page


def test_the_history_names_the_api_as_the_channel(api, alice, report):
    api(alice).post(url(report), {"version": report.version, "figures": FIGURES[:1]})
    detail = api(alice).get(f"/api/v1/reports/{report.pk}").json()
    assert [(h["measure"], h["by"], h["channel"]) for h in detail["history"]] == [
        ("3a", "Alice", "api")]
    assert Value.history.get().channel == "api"


def test_a_document_changes_only_the_measures_it_sends(api, alice, report):
    api(alice).post(url(report), {"version": report.version, "figures": FIGURES})
    report.refresh_from_db()
    api(alice).post(url(report), {"version": report.version,
                                  "figures": [{"measure": "6", "value": 2.1}]})
    values = stored(report)
    assert values["6"][2] == Decimal("2.1")
    assert values["3a"][:3] == (Decimal(19), Decimal(10000), Decimal("1.9"))


def test_one_bad_row_and_nothing_is_written_with_each_reason_named(api, alice, report):
    figures = [*FIGURES[:2], {"measure": "3c", "numerator": 152, "denominator": 0},
               {"measure": "5a", "numerator": 12000, "denominator": 10000},
               {"measure": "99z", "value": 1}]
    response = api(alice).post(url(report), {"version": report.version, "figures": figures})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["field"], e["measure"]) for e in errors] == [
        (5, "figures[4].measure", "99z")]
    assert "không thuộc báo cáo này" in errors[0]["reason"]
    response = api(alice).post(url(report), {"version": report.version, "figures": figures[:4]})
    errors = response.json()["errors"]
    assert {(e["row"], e["field"]) for e in errors} == {(3, "figures[2].denominator"),
                                                        (4, "figures[3].numerator")}
    assert any("mẫu số phải lớn hơn 0" in e["reason"] for e in errors)
    assert Value.objects.filter(report=report).count() == 0
    report.refresh_from_db()
    assert (report.version, report.events.count()) == (1, 0)


@pytest.mark.parametrize("document, field, words", [
    ({"figures": []}, "version", "chưa có"),
    ({"version": 1, "figures": [{"measure": "6", "value": "1,9"}]}, "figures[0].value",
     "không phải là số"),
    ({"version": 1, "figures": [{"measure": "6", "value": 1, "colour": "red"}]},
     "figures[0].colour", "không có trong tài liệu"),
    ({"version": 1, "figures": [{"measure": "6", "value": 1, "note": "a\x00b"}]},
     "figures[0].note", "ký tự điều khiển"),
    ({"version": 1, "figures": [{"measure": "6", "value": "1E+999999"}]}, "figures[0].value",
     "số quá lớn"),
    ({"version": 1, "figures": [{"measure": "6", "value": -3}]}, "figures[0].value",
     "không được âm"),
    ({"version": 1, "figures": [{"measure": "4a", "value": 7, "numerator": 1}]},
     "figures[0].denominator", "cần cả tử số và mẫu số"),
])
def test_bad_input_is_a_vietnamese_error_naming_the_field(api, alice, report, document, field,
                                                           words):
    response = api(alice).post(url(report), document)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors[0]["field"] == field
    assert words in errors[0]["reason"]
    assert not Value.objects.filter(report=report).exists()


def test_a_document_that_is_not_json_is_refused_in_vietnamese(api, alice, report):
    response = api(alice).post(url(report), body="{figures: ")
    assert response.status_code == 400
    assert "JSON hợp lệ" in response.json()["detail"]


def test_a_stale_version_is_refused_and_the_newer_figures_kept(api, alice, report):
    api(alice).post(url(report), {"version": report.version, "figures": FIGURES[:1]})
    response = api(alice).post(url(report), {"version": report.version,
                                             "figures": [{"measure": "3a", "numerator": 1,
                                                          "denominator": 10}]})
    assert response.status_code == 409
    assert "vừa được cập nhật" in response.json()["detail"]
    assert stored(report)["3a"][0] == Decimal(19)


def test_submitting_asks_for_a_note_on_a_far_figure_as_the_form_does(api, alice, report,
                                                                     approved_history):
    response = api(alice).post(url(report), {"version": report.version, "submit": True,
                                             "figures": [{"measure": "6", "value": 9.5}]})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["measure"]) == ("figures[0].note", "6")
    assert "khác xa số liệu các năm trước" in error["reason"]

    response = api(alice).post(url(report), {
        "version": report.version, "submit": True,
        "figures": [{"measure": "6", "value": 9.5, "note": "Đợt rà soát mới", "confirmed": True,
                     "confirm_for": 9.5}]})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert list(report.events.values_list("action", flat=True)) == [ReportEvent.Action.SUBMIT]


def snapshot(report) -> tuple:
    report.refresh_from_db()
    return (report.version, report.status, sorted(Value.objects.filter(report=report)
                                                  .values_list("measure__code", "value", "note",
                                                               "confirmed_value")),
            report.events.count())


def test_a_confirmation_without_the_value_it_confirms_is_refused(api, alice, report,
                                                                 approved_history):
    before = snapshot(report)
    response = api(alice).post(url(report), {
        "version": report.version, "submit": True,
        "figures": [{"measure": "6", "value": 9.5, "note": "Đợt rà soát mới", "confirmed": True}]})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["measure"], error["row"]) == ("figures[0].confirm_for", "6", 1)
    assert "phải kèm giá trị được xác nhận (confirm_for)" in error["reason"]
    assert snapshot(report) == before


def test_a_confirmation_of_another_value_is_refused_naming_both(api, alice, report,
                                                                approved_history):
    before = snapshot(report)
    response = api(alice).post(url(report), {
        "version": report.version,
        "figures": [{"measure": "6", "value": 9.6, "note": "Đợt rà soát mới", "confirmed": True,
                     "confirm_for": 9.5}]})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "figures[0].confirm_for"
    assert "xác nhận cho giá trị 9,5, nhưng giá trị của dòng là 9,6" in error["reason"]
    assert snapshot(report) == before


def test_a_confirmed_figure_not_sent_again_stays_confirmed(api, alice, report, approved_history):
    api(alice).post(url(report), {"version": report.version, "figures": [
        {"measure": "6", "value": 9.5, "note": "Đợt rà soát mới", "confirmed": True,
         "confirm_for": "9.5"}]})
    report.refresh_from_db()
    response = api(alice).post(url(report), {"version": report.version, "submit": True,
                                             "figures": FIGURES[:1]})
    assert response.status_code == 200, response.content
    assert Value.objects.get(report=report, measure__code="6").confirmed
    assert response.json()["status"] == "submitted"


def test_a_reviewer_approves_and_returns_through_the_api(api, alice, bob, report, cycle):
    api(alice).post(url(report), {"version": report.version, "submit": True,
                                  "figures": FIGURES})
    response = api(bob).post(url(report, "return"), {"comment": "  "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "comment"

    response = api(bob).post(url(report, "return"), {"comment": "Thiếu nguồn số liệu 3b"})
    assert (response.status_code, response.json()["status"]) == (200, "returned")
    report.refresh_from_db()
    response = api(alice).post(url(report), {"version": report.version, "submit": True,
                                             "figures": [{"measure": "3b", "numerator": 101,
                                                          "denominator": 10000,
                                                          "source": "Sở Y tế"}]})
    assert response.json()["status"] == "submitted"
    response = api(bob).post(url(report, "approve"))
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    assert response.json()["events"][-1]["action"] == "approve"

    again = api(bob).post(url(report, "approve"))
    assert again.status_code == 409
    assert again.json()["detail"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_json_number_is_read_as_its_value_whatever_the_caller_s_language(api, alice, report,
                                                                           language):
    """A JSON number has no notation: 1.234 is the same number in any language, never a
    thousands figure to refuse as ambiguous (an English caller's 1.234 once was)."""
    caller = api(alice)
    caller.headers["Accept-Language"] = language
    response = caller.post(url(report), {"version": report.version, "figures": [
        {"measure": "4a", "value": 1.234}, {"measure": "5a", "numerator": 9612,
                                            "denominator": 10000}]})
    assert response.status_code == 200, response.content
    assert stored(report)["4a"][2] == Decimal("1.234")
