"""Reminders reach exactly the reporters and reviewers who should get them, once."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from reporting.reminders import reminder_send_digest, reminder_send_due
from reporting.services import report_submit
from tests.conftest import make_user
from tests.reporting.conftest import entry_for

pytestmark = pytest.mark.django_db

SEVEN_BEFORE = datetime.date(2026, 11, 13)
ONE_BEFORE = datetime.date(2026, 11, 19)
DAY_AFTER = datetime.date(2026, 11, 21)


@pytest.fixture
def people(alice, bob, vy, dung, son, charlie, report):
    """Everyone with an e-mail address, and a reporter of Sở Y tế without one."""
    for user in (alice, bob, vy, charlie):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    make_user("khongthu", agency=report.agency, role="reporter")
    return {"alice": alice, "bob": bob, "dung": dung}


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_seven_days_before_it_reminds_each_reporter_with_a_report_not_submitted(people, report):
    assert reminder_send_due(days_before=7, today=SEVEN_BEFORE) == 2
    assert recipients() == ["alice@example.vn", "dung@example.vn"]
    to_alice = next(m for m in mail.outbox if m.to == ["alice@example.vn"])
    assert "Còn 7 ngày" in to_alice.subject and "Sở Y tế" in to_alice.subject
    assert "20/11/2026" in to_alice.body


def test_a_submitted_report_is_not_reminded(people, report, alice):
    report_submit(report=report, by=alice, version=report.version,
                  entry=entry_for(report, {"6": "1.9"}))
    reminder_send_due(days_before=1, today=ONE_BEFORE)
    assert recipients() == ["dung@example.vn"]


def test_a_returned_report_is_reminded(people, report, alice, bob):
    from reporting.services import report_return

    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}))
    report_return(report=report, by=bob, comment="Thiếu nguồn")
    reminder_send_due(days_before=1, today=ONE_BEFORE)
    assert recipients() == ["alice@example.vn", "dung@example.vn"]


def test_running_twice_sends_once(people, report):
    reminder_send_due(days_before=7, today=SEVEN_BEFORE)
    assert reminder_send_due(days_before=7, today=SEVEN_BEFORE) == 0
    call_command("send_deadline_reminders", "--days", "7", "--date", "2026-11-13",
                 stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_the_one_day_reminder_is_its_own(people, report):
    reminder_send_due(days_before=7, today=SEVEN_BEFORE)
    reminder_send_due(days_before=1, today=ONE_BEFORE)
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("today", [datetime.date(2026, 11, 12), datetime.date(2026, 11, 14),
                                   datetime.date(2026, 11, 20), DAY_AFTER])
def test_no_reminder_on_other_days(people, report, today):
    assert reminder_send_due(days_before=7, today=today) == 0
    assert reminder_send_due(days_before=1, today=today) == 0
    assert mail.outbox == []


def test_a_locked_cycle_is_not_chased(people, report, bob):
    from reporting.services import cycle_lock

    cycle_lock(cycle=report.cycle, by=bob)
    assert reminder_send_due(days_before=7, today=SEVEN_BEFORE) == 0
    assert reminder_send_digest(today=DAY_AFTER) == 0


def test_after_the_deadline_the_reviewers_get_a_daily_digest(people, report, alice):
    report_submit(report=report, by=alice, version=report.version,
                  entry=entry_for(report, {"6": "1.9"}))
    assert reminder_send_digest(today=report.cycle.deadline) == 0  # not on the day itself
    assert reminder_send_digest(today=DAY_AFTER) == 1
    assert recipients() == ["bob@example.vn"]
    digest = mail.outbox[0]
    assert "4 báo cáo chưa nộp, quá hạn 1 ngày" in digest.subject
    assert "Sở Giáo dục và Đào tạo" in digest.body and "Sở Y tế" not in digest.body
    assert reminder_send_digest(today=DAY_AFTER) == 0
    call_command("send_review_digest", "--date", "2026-11-21", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    reminder_send_digest(today=DAY_AFTER + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_the_beat_tasks_run_the_same_jobs(clock, people, report):
    from reporting.tasks import send_deadline_reminders, send_review_digest

    seven_before = datetime.datetime(2026, 11, 13, 0, 30, tzinfo=datetime.UTC)
    with clock(seven_before):
        assert send_deadline_reminders.apply().get() == 2
        assert send_deadline_reminders.apply().get() == 0
    after = datetime.datetime(2026, 11, 21, 0, 30, tzinfo=datetime.UTC)
    with clock(after):
        assert send_review_digest.apply().get() == 1
    assert recipients() == ["alice@example.vn", "bob@example.vn", "dung@example.vn"]


def test_the_schedule_names_both_tasks():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"reporting.tasks.send_deadline_reminders",
            "reporting.tasks.send_review_digest"} <= tasks
