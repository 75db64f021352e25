"""The reporting year through HTTP: alice enters and submits, bob returns and approves."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import Report, ReportStatus, Value
from tests.reporting.conftest import HEALTH_FIGURES, form_data

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC)


def _value(report, code) -> Value:
    return Value.objects.get(report=report, measure__code=code)


def test_it_opens_one_report_per_leading_agency(cycle):
    agencies = set(cycle.reports.values_list("agency__name", flat=True))
    # Sở LĐTBXH's indicators are Sở Y tế's since 01/03/2025 (tests/reporting/test_succession.py).
    assert agencies == {"Sở Tư pháp", "Công an tỉnh", "Sở Giáo dục và Đào tạo", "Sở Y tế",
                        "Sở Văn hóa, Thể thao và Du lịch"}
    assert all(r.unit_id == cycle.plan.unit_id for r in cycle.reports.all())
    assert cycle.deadline == datetime.date(2026, 11, 20)


def test_it_opens_a_cycle_once(cycle):
    from reporting.services import cycle_open

    again = cycle_open(plan=cycle.plan, year=2026)
    assert again.pk == cycle.pk
    assert again.reports.count() == 5


def test_it_lists_my_open_reports_with_the_days_left(clock, client_for, alice, report):
    with clock(BEFORE_DEADLINE):
        page = client_for(alice).get(reverse("my_reports")).content.decode()
    assert "còn 10 ngày" in page
    assert "Sở Y tế" in page and "Chưa bắt đầu" in page
    assert "Sở Giáo dục và Đào tạo" not in page


def test_it_shows_days_overdue(clock, client_for, alice, report):
    after = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    with clock(after):
        page = client_for(alice).get(reverse("my_reports")).content.decode()
    assert "quá hạn 3 ngày" in page


def test_it_shows_only_the_measures_the_agency_leads(client_for, alice, report):
    page = client_for(alice).get(reverse("report_edit", args=[report.pk])).content.decode()
    assert 'data-measure="3a"' in page and 'data-measure="6"' in page
    assert 'data-measure="16"' not in page  # education's
    assert "Số trẻ sơ sinh tử vong" in page  # numerator label beside the box
    assert "dưới 9 (năm 2030)" in page or "(năm 2030)" in page


def test_it_saves_a_draft_and_computes_ratios(client_for, alice, report):
    client = client_for(alice)
    response = client.post(reverse("report_edit", args=[report.pk]),
                           form_data(report, HEALTH_FIGURES, results="Đã triển khai"))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Đã lưu nháp." in page
    assert _value(report, "3a").value == Decimal("1.9")  # 19 / 10.000 × 1.000
    assert _value(report, "5a").value == Decimal("96.12")
    assert _value(report, "6").value == Decimal("1.9")
    assert _value(report, "6").aggregable is False
    assert _value(report, "3a").aggregable is True
    assert _value(report, "3a").source == "Sở Y tế, hệ thống A1"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.started_at is not None
    assert report.results == "Đã triển khai"


def test_it_names_the_field_of_a_bad_number_and_saves_nothing(client_for, alice, report):
    figures = {**HEALTH_FIGURES, "5a": {"numerator": "9,5", "denominator": "10.000"}}
    response = client_for(alice).post(reverse("report_edit", args=[report.pk]),
                                      form_data(report, figures))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ tiêu 5a, Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ" in page
    assert "số đếm phải là số nguyên" in page
    assert not Value.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.started_at is None


def test_it_refuses_a_numerator_above_its_denominator(client_for, alice, report):
    figures = {"5a": {"numerator": "10.001", "denominator": "10.000"}}
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]),
                                  form_data(report, figures)).content.decode()
    assert "tử số (10.001) lớn hơn mẫu số (10.000)" in page


def test_it_refuses_a_percentage_over_100_and_negatives(client_for, alice, report):
    figures = {"4a": {"value": "100,5"}, "3a": {"numerator": "-1", "denominator": "100"}}
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]),
                                  form_data(report, figures)).content.decode()
    assert "Chỉ tiêu 4a, giá trị: tỷ lệ phần trăm không thể lớn hơn 100" in page
    assert "Chỉ tiêu 3a, Số trẻ sơ sinh tử vong: không được âm" in page


def test_it_refuses_an_ambiguous_percentage(client_for, alice, report):
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]),
                                  form_data(report, {"4a": {"value": "1.234"}})).content.decode()
    assert "Chỉ tiêu 4a, giá trị: «1.234» không rõ là số thập phân hay số nghìn" in page


def test_the_whole_workflow(clock, client_for, alice, bob, report):
    # Every step on the clock, in order, from ten days before the deadline.
    with clock(BEFORE_DEADLINE, tick=True):
        alice_client = client_for(alice)
        submit = reverse("report_submit", args=[report.pk])
        response = alice_client.post(submit, form_data(report, HEALTH_FIGURES))
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED and not report.late
        assert report.submitted_by == alice

        bob_client = client_for(bob)
        queue = bob_client.get(reverse("review_queue")).content.decode()
        assert f'data-report="{report.pk}"' in queue
        response = bob_client.post(reverse("report_return", args=[report.pk]),
                                   {"comment": "Chỉ tiêu 6 thiếu nguồn số liệu."})
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == ReportStatus.RETURNED and report.reviewed_by == bob

        alice_client.force_login(alice)
        page = alice_client.get(reverse("report_edit", args=[report.pk])).content.decode()
        assert "Chỉ tiêu 6 thiếu nguồn số liệu." in page
        assert "Nộp lại báo cáo" in page
        fixed = {**HEALTH_FIGURES, "6": {"value": "1,8", "source": "Trung tâm Kiểm soát bệnh tật"}}
        alice_client.post(submit, form_data(report, fixed))
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED
        assert _value(report, "6").value == Decimal("1.8")

        bob_client.force_login(bob)
        bob_client.post(reverse("report_approve", args=[report.pk]))
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED

        alice_client.force_login(alice)
        response = alice_client.get(reverse("report_edit", args=[report.pk]))
        assert response.status_code == 302 and response.url == reverse("report_detail",
                                                                         args=[report.pk])
        page = alice_client.get(response.url).content.decode()
        assert "chỉ xem, không sửa được" in page
        alice_client.post(reverse("report_edit", args=[report.pk]), form_data(report, {}))
        assert _value(report, "6").value == Decimal("1.8")
        actions = list(report.events.values_list("action", flat=True))
        assert actions == ["submit", "return", "resubmit", "approve"]


def test_the_report_page_shows_each_value_change(client_for, alice, bob, report):
    client = client_for(alice)
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "2,1"}}))
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "1,9", "note": "Sửa theo số liệu CDC"}}))
    page = client_for(bob).get(reverse("report_detail", args=[report.pk])).content.decode()
    history = page[page.index("Lịch sử thay đổi số liệu"):]
    assert "2,1" in history and "1,9" in history and "Sửa theo số liệu CDC" in history
    assert history.count("alice") + history.count("Alice") >= 2
    assert _value(report, "6").history.count() == 2


def test_a_reviewer_undoes_an_approval_until_the_cycle_is_locked(client_for, alice, bob, report):
    client_for(alice).post(reverse("report_submit", args=[report.pk]),
                           form_data(report, HEALTH_FIGURES))
    client = client_for(bob)
    client.post(reverse("report_approve", args=[report.pk]))
    unconfirmed = client.post(reverse("report_unapprove", args=[report.pk]), follow=True)
    assert "Chưa hủy duyệt: hãy đánh dấu ô xác nhận" in unconfirmed.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(reverse("report_unapprove", args=[report.pk]), {"confirm": "yes"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.post(reverse("report_approve", args=[report.pk]))
    client.post(reverse("cycle_lock", args=[report.cycle_id]))
    response = client.post(reverse("report_unapprove", args=[report.pk]), {"confirm": "yes"},
                           follow=True)
    assert "Kỳ báo cáo đã khóa" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_returning_needs_a_comment(client_for, alice, bob, report):
    client_for(alice).post(reverse("report_submit", args=[report.pk]),
                           form_data(report, HEALTH_FIGURES))
    response = client_for(bob).post(reverse("report_return", args=[report.pk]),
                                    {"comment": "  "}, follow=True)
    assert "Lý do trả lại: chưa nhập" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_far_value_must_be_confirmed_with_a_note_before_submitting(client_for, alice,
                                                                    report, approved_history):
    client = client_for(alice)
    figures = {"6": {"value": "9,5"}}
    saved = client.post(reverse("report_edit", args=[report.pk]), form_data(report, figures))
    assert saved.status_code == 302  # a draft keeps it, with a warning
    page = client.get(saved.url).content.decode()
    assert "Chỉ tiêu 6: 9,5 khác xa số liệu các năm trước" in page
    refused = client.post(reverse("report_submit", args=[report.pk]), form_data(report, figures))
    assert refused.status_code == 200
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    confirmed = {"6": {"value": "9,5", "note": "Có ổ dịch", "confirm": True}}
    client.post(reverse("report_submit", args=[report.pk]), form_data(report, confirmed))
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert _value(report, "6").confirmed is True


def test_last_years_approved_value_shows_beside_the_field(client_for, alice, report,
                                                         approved_history):
    page = client_for(alice).get(reverse("report_edit", args=[report.pk])).content.decode()
    row = page[page.index('data-measure="6"'):]
    row = row[:row.index("</tr>")]
    assert "1,7" in row  # 2025, approved


def test_the_completeness_page_counts_and_shows_on_time_share(clock, client_for, alice, bob, report,
                                                               other_report):
    with clock(BEFORE_DEADLINE):
        client_for(alice).post(reverse("report_submit", args=[report.pk]),
                               form_data(report, HEALTH_FIGURES))
    page = client_for(bob).get(reverse("cycle_completeness",
                                       args=[report.cycle_id])).content.decode()
    assert "Chưa bắt đầu" in page and "Đã nộp" in page
    assert "20% (1/5)" in page  # one report of five in on time


def test_the_nav_shows_reporting_links_by_role(client_for, alice, bob):
    assert "Báo cáo của tôi" in client_for(alice).get(reverse("plan_list")).content.decode()
    page = client_for(bob).get(reverse("plan_list")).content.decode()
    assert "Duyệt báo cáo" in page and "Báo cáo của tôi" not in page



def test_it_refuses_a_note_or_a_source_longer_than_its_box(client_for, alice, report):
    figures = {"6": {"value": "1,9", "note": "Ghi chú." * 251, "source": "Sở Y tế," * 38}}
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]),
                                  form_data(report, figures)).content.decode()
    assert "Chỉ tiêu 6, ghi chú: dài 2.008 ký tự, tối đa 2.000." in page
    assert "Chỉ tiêu 6, nguồn số liệu: dài 304 ký tự, tối đa 300." in page
    assert not Value.objects.filter(report=report).exists()


def test_it_refuses_a_nul_character_in_vietnamese(client_for, alice, report):
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]), form_data(
        report, {"6": {"value": "1,9", "note": "ghi\x00chú"}})).content.decode()
    assert "Có ký tự rỗng (NUL) trong nội dung; hãy gõ lại." in page
    assert not Value.objects.filter(report=report).exists()
