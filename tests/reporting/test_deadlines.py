"""The deadline is the end of 20/11 in Asia/Ho_Chi_Minh: late only from 21/11 00:00 there."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from reporting.deadlines import countdown, deadline_date, deadline_end, is_late
from tests.reporting.conftest import HEALTH_FIGURES, form_data

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime.date(2026, 11, 20)
LAST_SECOND = datetime.datetime(2026, 11, 20, 23, 59, 59, tzinfo=VN)
MIDNIGHT = datetime.datetime(2026, 11, 21, 0, 0, 0, tzinfo=VN)


@pytest.mark.parametrize(("moment", "late"), [
    (LAST_SECOND, False),
    (datetime.datetime(2026, 11, 20, 23, 59, 59, 999999, tzinfo=VN), False),
    (MIDNIGHT, True),
    (datetime.datetime(2026, 11, 21, 0, 0, 1, tzinfo=VN), True),
    # The same instants in UTC: 17:00 UTC on 20/11 is midnight in Vietnam.
    (datetime.datetime(2026, 11, 20, 16, 59, 59, tzinfo=datetime.UTC), False),
    (datetime.datetime(2026, 11, 20, 17, 0, 0, tzinfo=datetime.UTC), True),
    (datetime.datetime(2026, 11, 1, 8, 0, tzinfo=VN), False),
])
def test_it_flags_late_submissions(moment, late):
    assert is_late(moment, DEADLINE) is late


def test_it_refuses_a_naive_time():
    with pytest.raises(ValueError):
        is_late(datetime.datetime(2026, 11, 21), DEADLINE)  # noqa: DTZ001


def test_the_deadline_ends_at_midnight_vietnam_time():
    assert deadline_end(DEADLINE) == MIDNIGHT


def test_a_deadline_past_the_months_end_is_its_last_day():
    assert deadline_date(2026, 31, 11) == datetime.date(2026, 11, 30)
    assert deadline_date(2026, 15, 11) == datetime.date(2026, 11, 15)


@pytest.mark.parametrize(("today", "text"), [
    (datetime.date(2026, 11, 13), "còn 7 ngày"),
    (datetime.date(2026, 11, 19), "còn 1 ngày"),
    (datetime.date(2026, 11, 20), "hạn chót hôm nay"),
    (datetime.date(2026, 11, 21), "quá hạn 1 ngày"),
    (datetime.date(2026, 12, 1), "quá hạn 11 ngày"),
])
def test_it_counts_the_days(today, text):
    assert countdown(DEADLINE, today) == text


@pytest.mark.django_db
@pytest.mark.parametrize(("moment", "late"), [(LAST_SECOND, False), (MIDNIGHT, True)])
def test_a_report_submitted_either_side_of_midnight(clock, client_for, alice, bob, report, moment,
                                                    late):
    with clock(moment):
        response = client_for(alice).post(reverse("report_submit", args=[report.pk]),
                                          form_data(report, HEALTH_FIGURES), follow=True)
    report.refresh_from_db()
    assert report.status == "submitted"  # kept, never refused
    assert report.late is late
    page = response.content.decode()
    assert ("nộp muộn" in page) is late
    completeness = client_for(bob).get(reverse("cycle_completeness", args=[report.cycle_id]))
    assert ("Nộp muộn</span>" in completeness.content.decode()) is late


@pytest.mark.django_db
def test_a_resubmission_after_the_deadline_keeps_an_on_time_verdict(report, alice, bob):
    from reporting.services import report_return, report_submit
    from tests.reporting.conftest import entry_for

    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}), now=LAST_SECOND)
    report = report_return(report=report, by=bob, comment="Thiếu nguồn",
                           now=MIDNIGHT + datetime.timedelta(days=1))
    report = report_submit(report=report, by=alice, version=report.version,
                           now=MIDNIGHT + datetime.timedelta(days=3))
    assert report.late is False
    assert report.events.last().late is True  # the step itself was after the deadline


@pytest.mark.django_db
def test_the_last_step_is_last_even_when_two_steps_share_an_instant(report, alice, bob):
    from reporting.services import report_return, report_submit
    from tests.reporting.conftest import entry_for

    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}), now=LAST_SECOND)
    report = report_return(report=report, by=bob, comment="Thiếu nguồn", now=LAST_SECOND)
    assert report.events.last().action == "return"
    assert [e.action for e in report.events.all()][-2:] == ["submit", "return"]
