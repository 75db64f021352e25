"""The consolidating office sets its open cycle's deadlines: the communes' may be earlier than
the agencies'; every page, flag and filter reads each report's own.

- bob: reviewer of the office consolidating the 2026 cycle (Sở Y tế since 03/2025)
- lan: reporter of UBND Phường Trà Vinh (a commune)
- alice: reporter of Sở Y tế Trà Vinh (a provincial agency)
- vy: leader of UBND tỉnh Trà Vinh, reads only
- son: reviewer of Phòng LĐTBXH Triệu Sơn (another plan's office)
- lam: reviewer of Sở LĐTBXH Trà Vinh only, whose child-affairs work passed to Sở Y tế
- charlie: no role anywhere
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reporting.models import DeadlineChange, Report, ReportingCycle, ReportKind
from reporting.services import cycle_lock, report_submit
from tests.conftest import make_user
from tests.reporting.conftest import commune_reporter, entry_for
from tests.reporting.test_review_at_scale import submit

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2026, 10, 1)
SENT_12_11 = datetime.datetime(2026, 11, 12, 3, 0, tzinfo=datetime.UTC)
ON_13_11 = datetime.datetime(2026, 11, 13, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def cycle(tra_vinh_plan, tra_vinh_communes):
    from reporting.services import cycle_open

    return cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)


@pytest.fixture
def lan(tra_vinh_communes):
    return commune_reporter("lan", tra_vinh_communes["Phường Trà Vinh"])


@pytest.fixture
def lam(tra_vinh_plan):
    return make_user("lam", agency=tra_vinh_plan.consolidating_agency, role="reviewer")


def post(client, cycle, deadline="20/11/2026", commune_deadline="10/11/2026"):
    return client.post(reverse("cycle_deadlines", args=[cycle.pk]),
                       {"deadline": deadline, "commune_deadline": commune_deadline}, follow=True)


def commune_report(cycle) -> Report:
    return cycle.reports.with_context().get(unit__name="Phường Trà Vinh")


def test_the_office_sets_an_earlier_deadline_for_the_communes(client_for, bob, cycle):
    client = client_for(bob)
    completeness = client.get(reverse("cycle_completeness", args=[cycle.pk])).content.decode()
    assert f'href="{reverse("cycle_deadlines", args=[cycle.pk])}"' in completeness
    form = client.get(reverse("cycle_deadlines", args=[cycle.pk])).content.decode()
    assert 'value="20/11/2026"' in form
    page = post(client, cycle).content.decode()
    assert "Đã lưu hạn nộp." in page
    assert "các xã, phường: <strong>10/11/2026</strong>" in page
    assert "các cơ quan cấp tỉnh: <strong>20/11/2026</strong>" in page
    cycle.refresh_from_db()
    assert (cycle.deadline, cycle.commune_deadline) == (datetime.date(2026, 11, 20),
                                                        datetime.date(2026, 11, 10))
    change = DeadlineChange.objects.get(cycle=cycle)
    assert (change.kind, change.before, change.after, change.by) == (
        ReportKind.COMMUNE, datetime.date(2026, 11, 20), datetime.date(2026, 11, 10), bob)
    history = client.get(reverse("cycle_deadlines", args=[cycle.pk])).content.decode()
    assert "20/11/2026</td><td>10/11/2026" in history and "Các xã, phường" in history
    queue = client.get(reverse("review_queue")).content.decode()
    assert "hạn các cơ quan cấp tỉnh 20/11/2026; các xã, phường 10/11/2026" in queue
    assert f'href="{reverse("cycle_deadlines", args=[cycle.pk])}"' in queue


def test_each_reporter_sees_the_deadline_of_their_own_report(clock, client_for, bob, lan, alice,
                                                             cycle):
    post(client_for(bob), cycle)
    with clock(ON_13_11):
        communes = client_for(lan).get(reverse("my_reports")).content.decode()
        agencies = client_for(alice).get(reverse("my_reports")).content.decode()
        form = client_for(lan).get(reverse("report_edit", args=[commune_report(cycle).pk]))
    assert '<strong class="deadline">10/11/2026</strong>' in communes
    assert '<span class="countdown overdue">quá hạn 3 ngày</span>' in communes
    assert '<strong class="deadline">20/11/2026</strong>' in agencies
    assert "còn 7 ngày" in agencies and "quá hạn" not in agencies
    assert '<span class="deadline">10/11/2026</span>' in form.content.decode()


def test_a_commune_report_sent_after_its_deadline_is_late_and_an_extension_clears_it(
        client_for, bob, cycle):
    post(client_for(bob), cycle)
    report = submit(commune_report(cycle), now=SENT_12_11)
    assert report.late is True
    queue = client_for(bob).get(reverse("review_queue"), {"late": "on", "state": ""})
    assert f'data-report="{report.pk}"' in queue.content.decode()
    post(client_for(bob), cycle, commune_deadline="15/11/2026")
    report.refresh_from_db()
    assert report.late is False
    assert report.events.get(action="submit").late is False
    queue = client_for(bob).get(reverse("review_queue"), {"late": "on", "state": ""})
    assert f'data-report="{report.pk}"' not in queue.content.decode()


def test_an_agency_report_sent_between_the_two_deadlines_is_on_time(client_for, bob, alice,
                                                                     cycle):
    post(client_for(bob), cycle)
    report = cycle.reports.get(agency__name="Sở Y tế", unit=cycle.plan.unit)
    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}), now=SENT_12_11)
    assert report.late is False


def test_a_submitted_kind_is_not_shown_overdue(clock, client_for, bob, cycle):
    post(client_for(bob), cycle)
    for report in cycle.reports.of_communes():
        submit(report, now=SENT_12_11)
    with clock(ON_13_11):
        page = client_for(bob).get(reverse("cycle_completeness", args=[cycle.pk]))
    text = page.content.decode()
    assert "các xã, phường: <strong>10/11/2026</strong> (<span class=\"countdown\">đã nộp tất " \
           "cả báo cáo</span>)" in text
    assert "quá hạn" not in text


@pytest.mark.parametrize(("deadline", "commune_deadline", "message"), [
    ("20/11/2026", "25/11/2026", "Hạn nộp của các xã, phường không được sau hạn nộp của kỳ "
                                 "báo cáo (20/11/2026)"),
    ("20/11/2026", "30/09/2026", "Hạn nộp của các xã, phường không được trước ngày mở kỳ "
                                 "(01/10/2026)"),
    ("30/09/2026", "", "Hạn nộp của kỳ báo cáo không được trước ngày mở kỳ (01/10/2026)"),
    ("31/02/2026", "10/11/2026", "Hạn nộp của kỳ báo cáo: hãy nhập ngày theo dạng"),
    ("20/11/2026", "2026-11-10", "Hạn nộp của các xã, phường: hãy nhập ngày theo dạng"),
    ("", "10/11/2026", "Hãy nhập hạn nộp của kỳ báo cáo"),
])
def test_bad_dates_are_refused_naming_the_field(client_for, bob, cycle, deadline,
                                                commune_deadline, message):
    page = post(client_for(bob), cycle, deadline, commune_deadline).content.decode()
    assert message in page
    cycle.refresh_from_db()
    assert (cycle.deadline, cycle.commune_deadline) == (datetime.date(2026, 11, 20), None)
    assert not DeadlineChange.objects.exists()


def test_the_same_day_for_the_communes_keeps_one_deadline(client_for, bob, cycle):
    post(client_for(bob), cycle, "25/11/2026", "25/11/2026")
    cycle.refresh_from_db()
    assert (cycle.deadline, cycle.commune_deadline) == (datetime.date(2026, 11, 25), None)
    assert set(DeadlineChange.objects.values_list("kind", flat=True)) == {"agency", "commune"}
    assert commune_report(cycle).deadline == datetime.date(2026, 11, 25)


@pytest.mark.parametrize(("persona", "status"), [
    ("alice", 403), ("lan", 404), ("vy", 403), ("lam", 403), ("son", 404), ("charlie", 403)])
def test_anyone_outside_the_office_is_refused(request, client_for, cycle, persona, status):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    url = reverse("cycle_deadlines", args=[cycle.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {"deadline": "30/11/2026", "commune_deadline": "01/11/2026"})
    assert response.status_code == status
    cycle.refresh_from_db()
    assert (cycle.deadline, cycle.commune_deadline) == (datetime.date(2026, 11, 20), None)
    assert not DeadlineChange.objects.exists()


def test_the_link_is_not_offered_outside_the_office(client_for, vy, cycle):
    page = client_for(vy).get(reverse("cycle_completeness", args=[cycle.pk])).content.decode()
    assert reverse("cycle_deadlines", args=[cycle.pk]) not in page


def test_a_locked_cycle_keeps_its_deadlines(client_for, bob, cycle):
    cycle_lock(cycle=cycle, by=bob)
    page = post(client_for(bob), cycle).content.decode()
    assert "Kỳ báo cáo đã khóa: không sửa hạn nộp được nữa." in page
    cycle.refresh_from_db()
    assert cycle.commune_deadline is None and not DeadlineChange.objects.exists()


def test_every_report_s_deadline_reads_the_same_in_python_and_in_sql(cycle, bob):
    """Report.deadline and the annotation reminders filter on are one rule."""
    from reporting.cycle_deadlines import cycle_set_deadlines

    cycle_set_deadlines(cycle=cycle, by=bob, deadline=datetime.date(2026, 11, 20),
                        commune_deadline=datetime.date(2026, 11, 10))
    reports = list(Report.objects.filter(cycle=cycle).with_context().with_deadline())
    assert {r.due_on for r in reports} == {datetime.date(2026, 11, 10),
                                           datetime.date(2026, 11, 20)}
    for report in reports:
        assert report.due_on == report.deadline
        assert report.deadline == (datetime.date(2026, 11, 10) if report.is_commune_report
                                   else datetime.date(2026, 11, 20))
    assert ReportingCycle.objects.get(pk=cycle.pk).has_own_commune_deadline


def test_the_demo_asks_vinh_long_s_communes_ten_days_before_its_agencies(tra_vinh_plan):
    from reporting.demo import load_reporting_demo
    from tests.reporting.test_review_at_scale import add_communes

    add_communes(tra_vinh_plan, 20)  # the demo's states, each commune in one
    load_reporting_demo()
    cycle = ReportingCycle.objects.get(plan__key="vinh-long-2026", year=2026)
    assert cycle.deadline_of(ReportKind.COMMUNE) == datetime.date(2026, 11, 10)
    assert cycle.deadline_of(ReportKind.AGENCY) == datetime.date(2026, 11, 20)
    communes = list(cycle.reports.of_communes().with_context())
    late = [r for r in communes if r.late]
    assert late and all(r.first_submitted_at.date() == datetime.date(2026, 11, 11) for r in late)
    on_time = [r for r in communes if r.first_submitted_at and not r.late]
    assert on_time and all(r.first_submitted_at.date() <= datetime.date(2026, 11, 10)
                           for r in on_time)


def test_the_completeness_page_marks_each_report_overdue_on_its_own_deadline(
        clock, client_for, bob, cycle):
    post(client_for(bob), cycle)
    commune = commune_report(cycle)
    agency = cycle.reports.get(agency__name="Sở Y tế", unit=cycle.plan.unit)
    sent = submit(cycle.reports.with_context().get(unit__name="Xã Càng Long"), now=SENT_12_11)
    with clock(ON_13_11):
        page = client_for(bob).get(reverse("cycle_completeness", args=[cycle.pk])).content.decode()
    rows = {pk: page.split(f'data-report="{pk}"')[1].split("</tr>")[0]
            for pk in (commune.pk, agency.pk, sent.pk)}
    assert '<span class="status status-late overdue">quá hạn 3 ngày</span>' in rows[commune.pk]
    assert "quá hạn" not in rows[agency.pk]  # the agencies have until 20/11
    assert "quá hạn" not in rows[sent.pk]  # sent, late: flagged late, never overdue
    assert "Nộp muộn" in rows[sent.pk]
