"""Review at a province's scale: 100 and more communes report in one cycle.

- bob: reviewer of the Trà Vinh plan's office (Sở Y tế since 01/03/2025)
- lan: reporter of the first commune's People's Committee
- son: reviewer of Phòng LĐTBXH Triệu Sơn, who reviews nothing of Trà Vinh
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import REFORM_2025, AdminUnit, UnitLevel, UnitSuccession
from agencies.unit_loading import current_province
from indicators.models import Measure
from reporting.figures import Figure
from reporting.models import Report, ReportEvent, ReportStatus, Value
from reporting.review import PAGE_SIZE
from reporting.services import Entry, FigureEntry, cycle_open, report_submit
from tests.reporting.conftest import commune_reporter

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2026, 10, 1)
ON_TIME = datetime.datetime(2026, 11, 10, 2, 0, tzinfo=datetime.UTC)
LATE = datetime.datetime(2026, 11, 25, 2, 0, tzinfo=datetime.UTC)


def add_communes(plan, n: int, start: int = 0) -> list[AdminUnit]:
    """`n` communes of today's Vĩnh Long, each taking over a commune of old Trà Vinh."""
    vinh_long = current_province("86")
    retired = REFORM_2025 - datetime.timedelta(days=1)
    olds = AdminUnit.objects.bulk_create(
        [AdminUnit(level=UnitLevel.COMMUNE, code=f"7{i:04d}", name=f"Xã Cũ {i:03d}",
                   parent=plan.unit, valid_to=retired) for i in range(start, start + n)])
    news = AdminUnit.objects.bulk_create(
        [AdminUnit(level=UnitLevel.COMMUNE, code=f"6{i:04d}", name=f"Xã Số {i:03d}",
                   parent=vinh_long, valid_from=REFORM_2025) for i in range(start, start + n)])
    UnitSuccession.objects.bulk_create(
        [UnitSuccession(old=o, new=c) for o, c in zip(olds, news, strict=True)])
    return news


def submit(report, now=ON_TIME, by=None) -> Report:
    """Measure 5a (full immunisation): 96 of 100 children under one."""
    figure = Figure(Decimal(96), Decimal(100), Decimal(96))
    entry = Entry(figures={Measure.objects.get(code="5a").pk: FigureEntry(figure)})
    return report_submit(report=report, by=by, version=report.version, entry=entry, now=now)


def past_figure(report, value: str) -> None:
    """An approved 2025 figure of the same commune, come in after the 2026 one was submitted:
    the 2026 figure now looks far from it, without a confirmed note."""
    cycle = cycle_open(plan=report.cycle.plan, year=2025, opens_on=datetime.date(2025, 10, 1))
    past = Report.objects.get(cycle=cycle, unit=report.unit, agency=report.agency)
    Report.objects.filter(pk=past.pk).update(status=ReportStatus.APPROVED)
    Value.objects.create(report=past, measure=Measure.objects.get(code="5a"),
                         value=Decimal(value))


@pytest.fixture
def hundred(tra_vinh_plan):
    """The 2026 cycle with 100 commune reports, all submitted; three of them have a figure far
    from the commune's 2025 figure without a confirmed note."""
    add_communes(tra_vinh_plan, 100)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    reports = list(cycle.reports.of_communes().select_related("unit").order_by("unit__name"))
    assert len(reports) == 100
    for report in reports:
        submit(report)
    for report in reports[:3]:
        past_figure(report, "40")
    return cycle, reports


def approve_events(report) -> int:
    return ReportEvent.objects.filter(report=report, action="approve").count()


def test_bulk_approval_of_100_communes_approves_the_clean_ones_once_and_names_the_skipped(
        client_for, bob, hundred, django_capture_on_commit_callbacks, celery_eager):
    from progress.models import Refresh, Snapshot

    cycle, reports = hundred
    client = client_for(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("review_bulk_approve"),
                               {"report": [r.pk for r in reports]}, follow=True)
    page = response.content.decode()
    assert "Đã duyệt 97 báo cáo." in page
    for report in reports[:3]:
        assert f"Chưa duyệt {report.agency.name} ({report.unit.name}): 1 số liệu khác xa" in page
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED and approve_events(report) == 0
    for report in reports[3:]:
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED and report.reviewed_by == bob
        assert approve_events(report) == 1
    # Clicking again (a double submit) approves nothing twice.
    again = client.post(reverse("review_bulk_approve"), {"report": [r.pk for r in reports]},
                        follow=True).content.decode()
    assert not re.search(r"Đã duyệt \d+ báo cáo", again)
    assert all(approve_events(r) == 1 for r in reports[3:])
    # The dashboards are fresh and count the 97 communes' figures.
    assert not Refresh.objects.get(plan=cycle.plan).is_stale
    snapshot = Snapshot.objects.get(plan=cycle.plan, unit=cycle.plan.unit, year=2026,
                                    measure__code="5a")
    assert (snapshot.numerator, snapshot.denominator) == (97 * 96, 97 * 100)


def bulk_approval_queries(client, reports) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("review_bulk_approve"), {"report": [r.pk for r in reports]})
    assert response.status_code == 302
    return len(captured)


def test_a_bulk_approval_costs_the_same_queries_for_3_reports_as_for_40(client_for, bob,
                                                                        tra_vinh_plan):
    """The recompute of the dashboards, once per plan after the commit, is not counted."""
    add_communes(tra_vinh_plan, 43)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    reports = list(cycle.reports.of_communes().order_by("unit__name"))
    for report in reports:
        submit(report)
    client = client_for(bob)
    bulk_approval_queries(client, reports[:1])  # the new communes are rolled up
    few, many = bulk_approval_queries(client, reports[1:4]), bulk_approval_queries(
        client, reports[4:])
    assert few == many
    assert cycle.reports.of_communes().filter(status="approved").count() == 43
    assert ReportEvent.objects.filter(action="approve").count() == 43


def test_the_skipped_reports_cost_a_few_queries_each_to_say_why(client_for, bob, hundred):
    _, reports = hundred
    client = client_for(bob)
    bulk_approval_queries(client, reports[99:])  # the new communes are rolled up
    one_blocked = bulk_approval_queries(client, reports[2:12])
    two_blocked = bulk_approval_queries(client, reports[:2] + reports[12:22])
    assert two_blocked == one_blocked  # blocked by their figures: read with the others
    own = reports[30:32]
    Report.objects.filter(pk__in=[r.pk for r in own]).update(submitted_by=bob)
    Report.objects.filter(pk__in=[r.pk for r in reports[22:30]]).update(status="approved")
    assert bulk_approval_queries(client, reports[22:32]) <= one_blocked + 10 * 3
    assert [approve_events(r) for r in own] == [0, 0]


def test_bulk_approval_refuses_what_the_reviewer_does_not_review(client_for, son, hundred):
    _, reports = hundred
    response = client_for(son).post(reverse("review_bulk_approve"),
                                    {"report": [r.pk for r in reports[3:13]]}, follow=True)
    assert "Chưa chọn báo cáo nào để duyệt." in response.content.decode()
    assert not ReportEvent.objects.filter(action="approve").exists()


def test_bulk_approval_skips_a_report_the_reviewer_submitted(client_for, bob, tra_vinh_plan):
    add_communes(tra_vinh_plan, 2)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    own, other = cycle.reports.of_communes().order_by("unit__name")
    submit(own, by=bob)
    submit(other)
    page = client_for(bob).post(reverse("review_bulk_approve"), {"report": [own.pk, other.pk]},
                                follow=True).content.decode()
    assert "Đã duyệt 1 báo cáo." in page
    assert f"Chưa duyệt {own.agency.name} ({own.unit.name}): Bạn đã nộp" in page
    assert Report.objects.get(pk=own.pk).status == ReportStatus.SUBMITTED


def listed(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-report="(\d+)"', page)]


def test_the_queue_filters_and_pages_a_province_s_reports(client_for, bob, tra_vinh_plan):
    communes = add_communes(tra_vinh_plan, 70)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    reports = {r.unit_id: r for r in cycle.reports.of_communes()}
    for commune in communes[:60]:
        submit(reports[commune.pk], now=LATE if commune.name.endswith("7") else ON_TIME)
    client = client_for(bob)
    url = reverse("review_queue")

    first = client.get(url).content.decode()
    assert len(listed(first)) == PAGE_SIZE and "Trang 1/2 · 60 báo cáo" in first
    second = client.get(url, {"state": "submitted", "page": 2}).content.decode()
    assert len(listed(second)) == 10
    assert not set(listed(first)) & set(listed(second))

    late = listed(client.get(url, {"state": "submitted", "late": "on"}).content.decode())
    assert sorted(late) == sorted(r.pk for c, r in reports.items()
                                  if r.unit.name.endswith("7") and r.status == "submitted")
    found = listed(client.get(url, {"state": "", "q": "Số 065"}).content.decode())
    assert found == [reports[communes[65].pk].pk]
    not_started = listed(client.get(url, {"state": "not_started", "kind": "xa"}
                                    ).content.decode())
    assert len(not_started) == 10
    agencies = listed(client.get(url, {"state": "", "kind": "co-quan"}).content.decode())
    assert agencies and not set(agencies) & {r.pk for r in reports.values()}


def test_the_unusual_filter_finds_reports_with_a_confirmed_far_figure(client_for, bob,
                                                                        tra_vinh_plan):
    add_communes(tra_vinh_plan, 3)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    plain, unusual, _ = cycle.reports.of_communes().order_by("unit__name")
    submit(plain)
    past_figure(unusual, "40")
    entry = Entry(figures={Measure.objects.get(code="5a").pk: FigureEntry(
        Figure(value=Decimal(96)), note="Chiến dịch tiêm bù năm 2026", confirmed=True)})
    report_submit(report=unusual, by=None, version=unusual.version, now=ON_TIME, entry=entry)
    client = client_for(bob)
    page = client.get(reverse("review_queue"), {"state": "", "unusual": "on"}).content.decode()
    assert listed(page) == [unusual.pk]
    assert "số liệu bất thường" in page
    # Confirmed and explained, it is approved with the others.
    done = client.post(reverse("review_bulk_approve"), {"report": [plain.pk, unusual.pk]},
                       follow=True).content.decode()
    assert "Đã duyệt 2 báo cáo." in done


def test_a_comment_on_one_figure_reaches_the_reporter_beside_that_figure(client_for, bob,
                                                                         tra_vinh_plan):
    communes = add_communes(tra_vinh_plan, 1)
    lan = commune_reporter("lan", communes[0])
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    report = cycle.reports.get(unit=communes[0])
    submit(report, by=lan)
    vaccines, births = Measure.objects.get(code="5a"), Measure.objects.get(code="14")
    client = client_for(bob)
    detail = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert f'name="f{vaccines.pk}"' in detail and 'form="return-form"' in detail
    client.post(reverse("report_return", args=[report.pk]),
                {"comment": "", f"f{vaccines.pk}": "Mẫu số khác số trẻ dưới 1 tuổi của trạm y tế"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    form = client_for(lan).get(reverse("report_edit", args=[report.pk])).content.decode()
    row = re.search(r'<tr data-measure="5a">.*?</tr>', form, re.S).group(0)
    assert "Mẫu số khác số trẻ dưới 1 tuổi của trạm y tế" in row
    other = re.search(r'<tr data-measure="14">.*?</tr>', form, re.S).group(0)
    assert "Ý kiến của cán bộ tổng hợp" not in other
    assert births.pk != vaccines.pk


def test_a_return_needs_a_comment_somewhere(client_for, bob, tra_vinh_plan):
    communes = add_communes(tra_vinh_plan, 1)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    report = submit(cycle.reports.get(unit=communes[0]))
    page = client_for(bob).post(reverse("report_return", args=[report.pk]), {"comment": " "},
                                follow=True).content.decode()
    assert "Lý do trả lại: chưa nhập" in page
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_completeness_lists_every_commune_with_its_state_and_who_to_call(client_for, bob,
                                                                         tra_vinh_plan):
    communes = add_communes(tra_vinh_plan, 60)
    lan = commune_reporter("lan", communes[0])
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    submit(cycle.reports.get(unit=communes[1]))
    client = client_for(bob)
    url = reverse("cycle_completeness", args=[cycle.pk])
    page = client.get(url, {"kind": "xa"}).content.decode()
    assert len(listed(page)) == PAGE_SIZE and "Trang 1/2 · 60 báo cáo" in page
    first = re.search(rf'<tr data-report="{cycle.reports.get(unit=communes[0]).pk}">.*?</tr>',
                      page, re.S).group(0)
    assert "Chưa bắt đầu" in first and "lan@example.vn" in first
    waiting = client.get(url, {"state": "not_started", "kind": "xa"}).content.decode()
    assert "59 báo cáo" in waiting
    submitted = listed(client.get(url, {"state": "submitted"}).content.decode())
    assert submitted == [cycle.reports.get(unit=communes[1]).pk]
    assert lan.email == "lan@example.vn"


def measured(client, url: str, params=None) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_the_queue_and_completeness_read_130_communes_in_the_queries_of_3(client_for, bob,
                                                                          tra_vinh_plan):
    add_communes(tra_vinh_plan, 3)
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    for report in cycle.reports.of_communes():
        commune_reporter(f"u{report.pk}", report.unit)
        submit(report)
    client = client_for(bob)
    queue, completeness = reverse("review_queue"), reverse("cycle_completeness",
                                                           args=[cycle.pk])
    few = (measured(client, queue), measured(client, completeness, {"kind": "xa"}))
    add_communes(tra_vinh_plan, 127, start=3)
    cycle_open(plan=tra_vinh_plan, year=2026)
    for report in cycle.reports.of_communes().filter(status="draft"):
        commune_reporter(f"u{report.pk}", report.unit)
        submit(report)
    assert cycle.reports.of_communes().filter(status="submitted").count() == 130
    assert (measured(client, queue), measured(client, completeness, {"kind": "xa"})) == few
    assert few == (9, 11)


def test_the_queue_lists_its_cycles_under_the_name_of_their_plan_s_unit(client_for, bob,
                                                                        tra_vinh_plan):
    """The cycle filter reads "Báo cáo năm 2026" under the plan's unit: the title is the
    interface's words, the unit's name is marked as written (Vietnamese) in any language."""
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    client = client_for(bob)
    page = client.get(reverse("review_queue"), {"state": ""}).content.decode()
    box = re.search(r'<select name="cycle".*?</select>', page, re.S).group(0)
    assert f'<optgroup label="{tra_vinh_plan.unit.name}" lang="vi">' in box
    assert re.search(rf'<option value="{cycle.pk}"[^>]*>Báo cáo năm 2026</option>', box)
    client.post(reverse("language_switch"), {"language": "en", "next": "/"})
    english = client.get(reverse("review_queue"), {"state": ""}).content.decode()
    assert re.search(rf'<option value="{cycle.pk}"[^>]*>Report for 2026</option>', english)
