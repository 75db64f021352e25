"""Validation rules across measures on the form, at submission (every channel submits through
the same service) and in the admin: the default rules over the national measures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reporting.models import Report, ReportStatus, ValidationRule
from tests.conftest import make_user
from tests.reporting.conftest import entry_for, form_data

pytestmark = pytest.mark.django_db

# The case: neonatal mortality 4 ‰ above the under-5 mortality of 2,6 ‰.
BROKEN = {"3a": {"numerator": "40", "denominator": "10.000"},
          "3b": {"numerator": "26", "denominator": "10.000"},
          "3c": {"numerator": "26", "denominator": "10.000"}}
SAID = "Vi phạm quy tắc kiểm tra: Tỷ suất tử vong trẻ sơ sinh (3a) không thể cao hơn"


def _status(report) -> str:
    return Report.objects.get(pk=report.pk).status


@pytest.mark.parametrize(("figures", "said"), [
    (BROKEN, True),
    ({**BROKEN, "3a": {"numerator": "19", "denominator": "10.000"}}, False),
    ({**BROKEN, "3b": {"numerator": "", "denominator": ""}}, False),  # 3b missing: skipped
    ({"3a": {"value": "4"}, "3b": {"value": "2,6"}}, True),  # rates typed alone too
])
def test_the_form_tells_a_broken_rule_as_the_reporter_saves(client_for, alice, report,
                                                            figures, said):
    client = client_for(alice)
    saved = client.post(reverse("report_edit", args=[report.pk]), form_data(report, figures))
    assert saved.status_code == 302  # a draft keeps what was typed
    page = client.get(saved.url).content.decode()
    assert (SAID in page) is said
    if said:
        assert "(3a = 4, 3b = 2,6; cần 3a ≤ 3b.)" in page


def test_a_blocking_rule_refuses_the_submission_even_with_a_note(client_for, alice, report):
    client = client_for(alice)
    noted = {**BROKEN, "3a": {**BROKEN["3a"], "note": "Số liệu đúng", "confirm": True}}
    refused = client.post(reverse("report_submit", args=[report.pk]), form_data(report, noted))
    assert refused.status_code == 200
    assert SAID in refused.content.decode()
    assert "Hãy sửa số liệu trước khi nộp." in refused.content.decode()
    assert _status(report) == ReportStatus.DRAFT

    fixed = {**BROKEN, "3a": {"numerator": "19", "denominator": "10.000"}}
    client.post(reverse("report_submit", args=[report.pk]), form_data(report, fixed))
    assert _status(report) == ReportStatus.SUBMITTED


def test_a_rule_asking_for_confirmation_lets_a_noted_figure_through(client_for, other_report,
                                                                   tra_vinh_plan):
    from agencies.models import Agency

    ValidationRule.objects.create(left="17a + 17b", operator="le", right="100,0",
                                  severity="confirm", message="Hoàn thành và bỏ học vượt 100%.")
    dung = make_user("dung", role="reporter", agency=Agency.objects.get(
        unit=tra_vinh_plan.unit, name="Sở Giáo dục và Đào tạo"))
    client = client_for(dung)
    figures = {"17a": {"value": "97,5"}, "17b": {"value": "2,6"}}
    refused = client.post(reverse("report_submit", args=[other_report.pk]),
                          form_data(other_report, figures))
    assert "(17a + 17b = 100,1; cần 17a + 17b ≤ 100,0.)" in refused.content.decode()
    assert _status(other_report) == ReportStatus.DRAFT
    figures["17a"].update({"note": "Có học sinh chuyển đến", "confirm": True})
    client.post(reverse("report_submit", args=[other_report.pk]),
                form_data(other_report, figures))
    assert _status(other_report) == ReportStatus.SUBMITTED


def test_the_service_refuses_it_whatever_channel_wrote_the_figures(alice, report):
    """The Excel upload and the API write drafts and submit through report_submit."""
    from reporting.services import UnconfirmedFigures, report_save, report_submit

    report = report_save(report=report, by=alice, version=report.version,
                         entry=entry_for(report, {"3a": "4", "3b": "2.6"}))
    with pytest.raises(UnconfirmedFigures) as refused:
        report_submit(report=report, by=alice, version=report.version)
    assert SAID in str(refused.value)


def test_an_administrator_edits_the_rules_and_a_bad_side_is_refused(client):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    rules = client.get(reverse("admin:reporting_validationrule_changelist")).content.decode()
    assert "3a ≤ 3b" in rules and "3b ≤ 3c" in rules and "11b ≤ 11a" in rules
    response = client.post(reverse("admin:reporting_validationrule_add"), {
        "left": "3a - 3b", "operator": "le", "right": "3c", "severity": "block",
        "message": "Thử", "active": "on"})
    assert "vế trái: «3a - 3b» không phải mã chỉ tiêu hay một số." in response.content.decode()
    assert not ValidationRule.objects.filter(message="Thử").exists()


def test_a_rule_switched_off_is_not_checked(client_for, alice, report):
    ValidationRule.objects.filter(left="3a").update(active=False)
    client = client_for(alice)
    client.post(reverse("report_submit", args=[report.pk]), form_data(report, BROKEN))
    assert _status(report) == ReportStatus.SUBMITTED


def test_the_reviewer_reads_the_cycles_violations(client_for, alice, bob, dung, report,
                                                  other_report, django_assert_max_num_queries):
    from reporting.services import report_save

    report_save(report=report, by=alice, version=report.version,
                entry=entry_for(report, {"3a": "4", "3b": "2.6", "3c": "3"}))
    url = reverse("cycle_rule_violations", args=[report.cycle_id])
    client = client_for(bob)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert '<strong id="violation-count">1</strong> vi phạm' in page
    row = page[page.index(f'data-report="{report.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Sở Y tế" in row and "(3a = 4, 3b = 2,6; cần 3a ≤ 3b.)" in row and "Chặn nộp" in row
    assert f'data-report="{other_report.pk}"' not in page
    assert client_for(dung).get(url).status_code == 403


def test_the_cycle_page_reads_the_same_whatever_the_number_of_reports(
        client_for, alice, bob, report, other_report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.services import report_save

    url = reverse("cycle_rule_violations", args=[report.cycle_id])
    client = client_for(bob)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for each in report.cycle.reports.all():
        report_save(report=each, by=alice, version=each.version,
                    entry=entry_for(each, {code: "1" for code in
                                           each.measures().values_list("code", flat=True)}))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
