"""Reminders for a province's communes: each report chased on its own deadline, the same few
queries however many communes report, one mail connection a batch, and never twice.

- alice, dung: reporters of Sở Y tế and Sở GD&ĐT Trà Vinh (the cycle's deadline, 20/11)
- the communes' reporters (xa0000…): each of their People's Committee (the communes', 10/11)
- bob: reviewer of the office consolidating the 2026 cycle
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Membership
from agencies.services import commune_agencies
from reporting import reminders
from reporting.cycle_deadlines import cycle_set_deadlines
from reporting.models import Reminder, Report, ReportingCycle
from reporting.reminders import reminder_send_digest, reminder_send_due
from reporting.services import cycle_open
from tests.conftest import make_user
from tests.reporting.test_review_at_scale import add_communes

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2026, 10, 1)
COMMUNES_DUE = datetime.date(2026, 11, 10)
AGENCIES_DUE = datetime.date(2026, 11, 20)


def with_reporters(plan, n: int, start: int = 0) -> ReportingCycle:
    """The plan's 2026 cycle with `n` more communes, each with one reporter with an e-mail."""
    from django.contrib.auth import get_user_model

    communes = add_communes(plan, n, start)
    cycle = cycle_open(plan=plan, year=2026, opens_on=OPENS)
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"xa{i:04d}", email=f"xa{i:04d}@example.vn")
         for i in range(start, start + n)])
    agencies = commune_agencies(communes)
    Membership.objects.bulk_create(
        [Membership(user=u, agency=agencies[c.pk], role="reporter")
         for u, c in zip(users, communes, strict=True)])
    return cycle


@pytest.fixture
def cycle(tra_vinh_plan, alice, dung, bob):
    """The 2026 cycle with 5 communes; the communes asked by 10/11, the agencies by 20/11."""
    alice.email = "alice@example.vn"
    alice.save(update_fields=["email"])
    bob.email = "bob@example.vn"
    bob.save(update_fields=["email"])
    cycle = with_reporters(tra_vinh_plan, 5)
    cycle_set_deadlines(cycle=cycle, by=bob, deadline=AGENCIES_DUE,
                        commune_deadline=COMMUNES_DUE)
    return cycle


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def communes_mailed() -> list[str]:
    return [a for a in recipients() if a.startswith("xa")]


def test_communes_are_reminded_on_their_deadline_and_agencies_on_theirs(cycle):
    assert reminder_send_due(days_before=7, today=COMMUNES_DUE - datetime.timedelta(days=7)) == 5
    assert recipients() == [f"xa{i:04d}@example.vn" for i in range(5)]
    assert "10/11/2026" in mail.outbox[0].body and "20/11/2026" not in mail.outbox[0].body
    mail.outbox.clear()
    assert reminder_send_due(days_before=7, today=AGENCIES_DUE - datetime.timedelta(days=7)) == 2
    assert recipients() == ["alice@example.vn", "dung@example.vn"]
    assert "20/11/2026" in mail.outbox[0].body


def test_without_a_commune_deadline_everyone_is_reminded_on_the_cycle_s(tra_vinh_plan, alice,
                                                                        dung):
    alice.email = "alice@example.vn"
    alice.save(update_fields=["email"])
    with_reporters(tra_vinh_plan, 3)
    assert reminder_send_due(days_before=1, today=AGENCIES_DUE - datetime.timedelta(days=1)) == 5
    assert len(communes_mailed()) == 3


def test_the_queries_do_not_grow_with_the_communes(cycle, tra_vinh_plan):
    with CaptureQueriesContext(connection) as few:
        assert reminder_send_due(days_before=7, today=datetime.date(2026, 11, 3)) == 5
    with_reporters(tra_vinh_plan, 40, start=5)
    with CaptureQueriesContext(connection) as many:
        assert reminder_send_due(days_before=1, today=datetime.date(2026, 11, 9)) == 45
    assert len(many) == len(few)
    assert len(few) <= 8


def test_running_twice_sends_once(cycle):
    day = datetime.date(2026, 11, 9)
    assert reminder_send_due(days_before=1, today=day) == 5
    assert reminder_send_due(days_before=1, today=day) == 0
    assert len(mail.outbox) == 5
    assert Reminder.objects.filter(kind="due_1").count() == 5


class OneConnectionPerBatch(EmailBackend):
    opened = 0

    def open(self):
        type(self).opened += 1
        return True


def test_each_batch_goes_over_one_connection(cycle, tra_vinh_plan, settings, monkeypatch):
    with_reporters(tra_vinh_plan, 20, start=5)
    monkeypatch.setattr(reminders, "BATCH_SIZE", 10)
    settings.EMAIL_BACKEND = f"{__name__}.OneConnectionPerBatch"
    OneConnectionPerBatch.opened = 0
    assert reminder_send_due(days_before=1, today=datetime.date(2026, 11, 9)) == 25
    assert OneConnectionPerBatch.opened == 3
    assert len(set(recipients())) == 25


class FailsForOneAddress(EmailBackend):
    """A mail server that gives up when it reaches xa0002's address."""

    def send_messages(self, messages):
        if any("xa0002@example.vn" in m.to for m in messages):
            raise ConnectionResetError("the mail server went away")
        return super().send_messages(messages)


def test_a_failed_send_is_retried_next_run_without_duplicates(cycle, settings):
    day = datetime.date(2026, 11, 9)
    settings.EMAIL_BACKEND = f"{__name__}.FailsForOneAddress"
    assert reminder_send_due(days_before=1, today=day) == 2  # xa0000, xa0001, then it failed
    assert communes_mailed() == ["xa0000@example.vn", "xa0001@example.vn"]
    assert Reminder.objects.filter(kind="due_1").count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminder_send_due(days_before=1, today=day) == 3
    assert communes_mailed() == [f"xa{i:04d}@example.vn" for i in range(5)]
    assert reminder_send_due(days_before=1, today=day) == 0
    assert len(mail.outbox) == 5


def test_a_batch_meeting_another_run_s_records_sends_nothing_twice(cycle, monkeypatch):
    """Two workers: the other one recorded xa0003's reminder between this run's read and its
    write. This run's batch sends nothing; the next run sends the rest, xa0003 not again."""
    day = datetime.date(2026, 11, 9)
    report = Report.objects.get(cycle=cycle, unit__name="Xã Số 003")
    real_deliver = reminders._deliver

    def other_worker_first(mails):
        other = next(m.record for m in mails if m.record.report_id == report.pk)
        Reminder.objects.create(kind=other.kind, cycle=cycle, report=report, user=other.user,
                                sent_on=day, sent_at=other.sent_at)
        return real_deliver(mails)

    monkeypatch.setattr(reminders, "_deliver", other_worker_first)
    assert reminder_send_due(days_before=1, today=day) == 0
    assert mail.outbox == []
    monkeypatch.undo()
    assert reminder_send_due(days_before=1, today=day) == 4
    assert "xa0003@example.vn" not in recipients()


def test_the_digest_lists_the_communes_past_their_deadline_before_the_agencies_are(cycle):
    day_after = COMMUNES_DUE + datetime.timedelta(days=1)
    assert reminder_send_digest(today=day_after) == 1
    digest = mail.outbox[0]
    assert digest.to == ["bob@example.vn"]
    assert "5 báo cáo chưa nộp, quá hạn 1 ngày" in digest.subject
    assert "Xã Số 004" in digest.body and "Sở Y tế" not in digest.body
    assert "hạn 10/11/2026, quá hạn 1 ngày" in digest.body
    assert "hạn các cơ quan cấp tỉnh 20/11/2026; các xã, phường 10/11/2026" in digest.body
    assert reminder_send_digest(today=day_after) == 0
    reminder_send_digest(today=AGENCIES_DUE + datetime.timedelta(days=2))
    later = mail.outbox[1]
    assert "quá hạn 2–12 ngày" in later.subject and "Sở Y tế" in later.body


def test_the_digest_queries_do_not_grow_with_the_communes(cycle, tra_vinh_plan):
    with CaptureQueriesContext(connection) as few:
        assert reminder_send_digest(today=datetime.date(2026, 11, 11)) == 1
    with_reporters(tra_vinh_plan, 40, start=5)
    with CaptureQueriesContext(connection) as many:
        assert reminder_send_digest(today=datetime.date(2026, 11, 12)) == 1
    assert len(many) == len(few)
    assert "45 báo cáo chưa nộp" in mail.outbox[-1].subject


def test_a_reporter_of_two_communes_gets_one_reminder_for_each(cycle, tra_vinh_plan):
    lan = make_user("lan", email="lan@example.vn")
    for report in Report.objects.filter(cycle=cycle, unit__name__in=["Xã Số 000", "Xã Số 001"]):
        Membership.objects.create(user=lan, agency=report.agency, role="reporter")
    reminder_send_due(days_before=1, today=datetime.date(2026, 11, 9))
    assert recipients().count("lan@example.vn") == 2
