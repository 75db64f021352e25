"""The 2025 transfer in the reporting year: Sở LĐTBXH Trà Vinh's child-affairs work is Sở Y tế's
from 01/03/2025, so the plan's 2024 cycle stays Sở LĐTBXH's and its 2026 cycle is Sở Y tế's.

- lam: reviewer of Sở LĐTBXH Trà Vinh only, the office the plan names
- nga: reviewer of Sở Y tế Trà Vinh only, the office consolidating since 01/03/2025
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import Membership
from reporting.models import Report, ReportEvent, ReportStatus
from reporting.reminders import reminder_send_digest
from reporting.services import cycle_open, report_submit
from tests.conftest import current_office, make_user
from tests.reporting.conftest import entry_for

pytestmark = pytest.mark.django_db

LABOUR = "Sở Lao động - Thương binh và Xã hội"


@pytest.fixture
def labour(tra_vinh_plan):
    return tra_vinh_plan.consolidating_agency


@pytest.fixture
def health(tra_vinh_plan):
    return current_office(tra_vinh_plan)


@pytest.fixture
def lam(labour):
    return make_user("lam", agency=labour, role="reviewer", email="lam@example.vn")


@pytest.fixture
def nga(health):
    return make_user("nga", agency=health, role="reviewer", email="nga@example.vn")


@pytest.fixture
def cycle_2024(tra_vinh_plan):
    return cycle_open(plan=tra_vinh_plan, year=2024, opens_on=datetime.date(2024, 10, 1))


def _submitted(report, code: str, value: str, by=None) -> Report:
    return report_submit(report=report, by=by, version=report.version,
                         entry=entry_for(report, {code: value}))


def _unchanged(report: Report) -> bool:
    after = Report.objects.get(pk=report.pk)
    return ((after.status, after.version, after.reviewed_by_id) ==
            (report.status, report.version, report.reviewed_by_id)
            and not ReportEvent.objects.filter(report=report, action="approve").exists())


def test_a_2024_report_stays_sở_ldtbxh_s_and_its_cycle_is_consolidated_by_ldtbxh(
        cycle_2024, labour):
    assert cycle_2024.consolidating_agency == labour
    labour_report = cycle_2024.reports.get(agency=labour)
    assert {m.code for m in labour_report.measures()} >= {"8a", "9", "10", "22"}
    health_report = cycle_2024.reports.get(agency__name="Sở Y tế")
    assert "8a" not in {m.code for m in health_report.measures()}


def test_a_2026_cycle_of_the_same_plan_is_consolidated_by_sở_y_tế(cycle, labour, health):
    assert cycle.consolidating_agency == health
    assert not cycle.reports.filter(agency=labour).exists()
    # Sở LĐTBXH's indicators are asked of Sở Y tế, with its own, in one report.
    health_report = cycle.reports.get(agency=health)
    codes = {m.code for m in health_report.measures()}
    assert {"3a", "6", "8a", "9", "10", "22"} <= codes
    assert "16" not in codes  # still education's


def test_the_2024_cycle_is_reviewed_by_ldtbxh_and_not_by_sở_y_tế(client_for, cycle_2024, labour,
                                                                lam, nga):
    report = _submitted(cycle_2024.reports.get(agency=labour), "8a", "5.1")
    refused = client_for(nga).post(reverse("report_approve", args=[report.pk]))
    assert refused.status_code == 403 and _unchanged(report)
    client_for(lam).post(reverse("report_approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.reviewed_by == lam


def test_a_former_ldtbxh_reviewer_cannot_approve_2026_reports(client_for, cycle, health, lam):
    report = _submitted(cycle.reports.get(agency=health), "8a", "5.1")
    client = client_for(lam)
    assert client.post(reverse("report_approve", args=[report.pk])).status_code == 403
    assert client.post(reverse("report_return", args=[report.pk]),
                       {"comment": "Sai"}).status_code == 403
    assert _unchanged(report)
    assert Report.objects.get(pk=report.pk).review_comment == ""
    # Not in their queue either, and no lock of the cycle.
    queue = client.get(reverse("review_queue")).content.decode()
    assert f'data-report="{report.pk}"' not in queue
    assert client.post(reverse("cycle_lock", args=[cycle.pk])).status_code == 403
    cycle.refresh_from_db()
    assert not cycle.locked


def test_given_a_role_at_sở_y_tế_the_former_reviewer_approves_2026_reports(
        client_for, cycle, health, lam):
    report = _submitted(cycle.reports.get(agency=health), "8a", "5.1")
    Membership.objects.create(user=lam, agency=health, role="reviewer")
    client = client_for(lam)
    assert f'data-report="{report.pk}"' in client.get(reverse("review_queue")).content.decode()
    client.post(reverse("report_approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.reviewed_by == lam


def test_sở_y_tế_reads_the_history_of_the_office_it_took_over_but_does_not_review_it(
        client_for, cycle_2024, labour, nga):
    report = _submitted(cycle_2024.reports.get(agency=labour), "8a", "5.1")
    client = client_for(nga)
    assert client.get(reverse("report_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("cycle_completeness", args=[cycle_2024.pk])).status_code == 200
    assert client.post(reverse("cycle_lock", args=[cycle_2024.pk])).status_code == 403
    queue = client.get(reverse("review_queue")).content.decode()
    assert f'data-report="{report.pk}"' not in queue


def test_the_report_page_says_nay_la_for_the_retired_office(client_for, cycle_2024, labour, nga):
    report = cycle_2024.reports.get(agency=labour)
    page = client_for(nga).get(reverse("report_detail", args=[report.pk])).content.decode()
    assert (f'<span lang="vi">{LABOUR}</span> <span class="muted now-is">'
            '(nay là <span lang="vi">Sở Y tế</span>)</span>') in page
    assert "Duyệt báo cáo</button>" not in page


def test_the_plan_page_says_nay_la_with_the_date_and_basis(client_for, bob, tra_vinh_plan):
    page = client_for(bob).get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert 'nay là <span lang="vi">Sở Y tế</span>, tổng hợp các kỳ báo cáo mở từ 01/03/2025' in page
    assert "Nghị định 45/2025/NĐ-CP" in page
    assert '(nay là <span lang="vi">Sở Y tế</span>)' in page  # beside Sở LĐTBXH in the assignments


def test_a_district_office_is_now_the_province_s_health_department(client_for, bob,
                                                                   trieu_son_plan):
    page = client_for(bob).get(reverse("plan_detail", args=[trieu_son_plan.pk])).content.decode()
    assert ('nay là <span lang="vi">Sở Y tế (Tỉnh Thanh Hóa)</span>, '
            'tổng hợp các kỳ báo cáo mở từ 01/07/2025') in page


def test_last_year_s_value_beside_a_figure_comes_from_the_office_taken_over(
        cycle_2024, labour, health, tra_vinh_plan):
    from tests.reporting.conftest import approve_figures

    approve_figures(tra_vinh_plan, LABOUR, 2024, {"8a": "5.4"})
    report = cycle_open(plan=tra_vinh_plan, year=2026,
                        opens_on=datetime.date(2026, 10, 1)).reports.get(agency=health)
    earlier = report.earlier_values(report.measures())
    eight_a = next(m for m in report.measures() if m.code == "8a")
    assert str(earlier[eight_a.pk][2024].value) == "5.4000"


def test_the_digest_goes_to_the_office_consolidating_the_cycle(cycle, health, lam, nga):
    _submitted(cycle.reports.get(agency=health), "8a", "5.1")
    assert reminder_send_digest(today=cycle.deadline + datetime.timedelta(days=1)) == 1
    assert [m.to for m in mail.outbox] == [["nga@example.vn"]]


def test_a_cycle_opened_before_the_transfer_day_is_not_moved_by_it(tra_vinh_plan, labour):
    cycle = cycle_open(plan=tra_vinh_plan, year=2025, kind="midterm",
                       opens_on=datetime.date(2025, 2, 28))
    assert cycle.consolidating_agency == labour
    on_the_day = cycle_open(plan=tra_vinh_plan, year=2025, opens_on=datetime.date(2025, 3, 1))
    assert on_the_day.consolidating_agency.name == "Sở Y tế"

