"""E-mails that chase reports: before the deadline to reporters, after it to reviewers.

Each report is chased on its own deadline (Report.deadline; a commune's may be earlier than
the agencies'). A run reads the reports due, the people to write to and the e-mails already
sent in a few queries, however many communes report, then sends in batches of BATCH_SIZE
over one mail connection each. A batch's records are written in the transaction that sends
it; their unique key (kind, report, person; for the digest kind, cycle, person, day) makes a
job that runs twice, or on two workers, send once: a batch that meets another run's record
sends nothing and the next run writes what is left. If the mail server fails part-way, the
records of the e-mails not sent are dropped and the next run sends those, and only those.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from agencies.models import Membership, Role
from reporting.deadlines import countdown
from reporting.models import Reminder, ReminderKind, Report, ReportingCycle

logger = logging.getLogger(__name__)

DUE_KINDS = {7: ReminderKind.DUE_IN_7, 1: ReminderKind.DUE_IN_1}
BATCH_SIZE = 200


@dataclass
class Mail:
    """One e-mail to send, with the record that says it was sent."""

    record: Reminder
    message: EmailMessage


def _people(agency_ids: Iterable[int], role: str) -> dict[int, list]:
    """agency id → its active members of `role` with an e-mail address, in one query."""
    found: dict[int, list] = {}
    memberships = (Membership.objects.filter(agency__in=set(agency_ids), role=role,
                                             user__is_active=True)
                   .exclude(user__email="").select_related("user").order_by("user_id"))
    for membership in memberships:
        people = found.setdefault(membership.agency_id, [])
        if membership.user not in people:
            people.append(membership.user)
    return found


def _deliver(mails: list[Mail]) -> int:
    """Send `mails` in batches over one connection each; keep the records of those sent."""
    sent = 0
    for start in range(0, len(mails), BATCH_SIZE):
        sent += _deliver_batch(mails[start:start + BATCH_SIZE])
    return sent


def _deliver_batch(batch: list[Mail]) -> int:
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create([mail.record for mail in batch])
            sent = _send(batch)
            unsent = [mail.record.pk for mail in batch[sent:]]
            if unsent:
                Reminder.objects.filter(pk__in=unsent).delete()
    except IntegrityError:
        # Another run claimed some of these meanwhile: it sends them; the rest wait a run.
        logger.warning("Reminders: a batch of %d met another run's records; left for the "
                       "next run.", len(batch))
        return 0
    return sent


def _send(batch: list[Mail]) -> int:
    """How many of the batch went out, in order, before the mail server failed (if it did)."""
    connection = get_connection()
    sent = 0
    try:
        connection.open()
        for mail in batch:
            connection.send_messages([mail.message])
            sent += 1
    except Exception:
        # Whatever the backend raises (SMTP, socket, a provider's API): what went out is kept.
        logger.exception("Reminders: the mail server failed after %d of %d e-mails; the rest "
                         "go on the next run.", sent, len(batch))
    finally:
        connection.close()
    return sent


def _message(subject: str, body: str, user) -> EmailMessage:
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def reminder_send_due(*, days_before: int, today: datetime.date | None = None) -> int:
    """Remind each reporter whose report is not submitted, `days_before` (7 or 1) days before
    that report's own deadline."""
    kind = DUE_KINDS[days_before]
    today = today or timezone.localdate()
    due = today + datetime.timedelta(days=days_before)
    cycles = ReportingCycle.objects.open().due_on(due)
    reports = list(Report.objects.with_context().with_deadline().not_submitted()
                   .filter(cycle__in=cycles, due_on=due).order_by("pk"))
    people = _people({r.agency_id for r in reports}, Role.REPORTER)
    done = set(Reminder.objects.filter(kind=kind, report__in=[r.pk for r in reports])
               .values_list("report_id", "user_id"))
    now = timezone.now()
    mails = []
    for report in reports:
        for user in people.get(report.agency_id, []):
            if (report.pk, user.pk) in done:
                continue
            record = Reminder(kind=kind, cycle=report.cycle, report=report, user=user,
                              sent_on=today, sent_at=now)
            with _language_of(user):
                text = _due_text(report, days_before)
            mails.append(Mail(record, _message(*text, user)))
    return _deliver(mails)


def _language_of(user):
    """The language an e-mail to `user` is written in: the site's, stated so a worker's
    default does not decide (once a user chooses a language, theirs)."""
    return translation.override(settings.LANGUAGE_CODE)


def _due_text(report: Report, days_before: int) -> tuple[str, str]:
    cycle = report.cycle
    subject = ngettext(
        "[ChildPlan] Còn %(days)s ngày: %(cycle)s của %(agency)s chưa nộp",
        "[ChildPlan] Còn %(days)s ngày: %(cycle)s của %(agency)s chưa nộp", days_before) % {
            "days": days_before, "cycle": cycle.title, "agency": report.agency.name}
    body = ngettext(
        "Kính gửi cán bộ nhập liệu %(agency)s,\n\n"
        "%(cycle)s theo %(kind)s %(number)s (%(unit)s) phải nộp trước hết ngày %(deadline)s, "
        "còn %(days)s ngày. Báo cáo của %(filer)s hiện ở trạng thái «%(status)s».\n\n"
        "Nhập và nộp báo cáo tại: %(link)s\n",
        "Kính gửi cán bộ nhập liệu %(agency)s,\n\n"
        "%(cycle)s theo %(kind)s %(number)s (%(unit)s) phải nộp trước hết ngày %(deadline)s, "
        "còn %(days)s ngày. Báo cáo của %(filer)s hiện ở trạng thái «%(status)s».\n\n"
        "Nhập và nộp báo cáo tại: %(link)s\n", days_before) % {
            "agency": report.agency.name, "cycle": cycle.title, "kind": cycle.plan.kind,
            "number": cycle.plan.number, "unit": cycle.plan.unit.name,
            "deadline": f"{report.deadline:%d/%m/%Y}", "days": days_before,
            "filer": _filer(report), "status": report.progress_label,
            "link": reverse("report_edit", args=[report.pk])}
    return subject, body


def _filer(report: Report) -> str:
    return report.unit.name if report.is_commune_report else pgettext("report of", "cơ quan")


def reminder_send_digest(*, today: datetime.date | None = None) -> int:
    """Each day after a deadline, tell the reviewers which reports past theirs are missing."""
    today = today or timezone.localdate()
    cycles = ReportingCycle.objects.open().past_a_deadline(today).exclude(
        consolidating_agency=None)
    missing: dict[ReportingCycle, list[Report]] = {}
    reports = (Report.objects.with_context().with_deadline().not_submitted()
               .filter(cycle__in=cycles, due_on__lt=today)
               .order_by("cycle_id", "agency__name", "unit__name"))
    for report in reports:
        missing.setdefault(report.cycle, []).append(report)
    people = _people({c.consolidating_agency_id for c in missing}, Role.REVIEWER)
    done = set(Reminder.objects.filter(kind=ReminderKind.DIGEST, sent_on=today,
                                       cycle__in=[c.pk for c in missing])
               .filter(report=None).values_list("cycle_id", "user_id"))
    now = timezone.now()
    mails = []
    for cycle, late in missing.items():
        texts = {}
        for user in people.get(cycle.consolidating_agency_id, []):
            if (cycle.pk, user.pk) in done:
                continue
            with _language_of(user):
                language = translation.get_language()
                if language not in texts:
                    texts[language] = _digest_text(cycle, late, today)
            subject, body = texts[language]
            record = Reminder(kind=ReminderKind.DIGEST, cycle=cycle, report=None, user=user,
                              sent_on=today, sent_at=now)
            mails.append(Mail(record, _message(subject, body, user)))
    return _deliver(mails)


def _digest_text(cycle: ReportingCycle, missing: list[Report], today: datetime.date
                 ) -> tuple[str, str]:
    overdue = sorted({(today - r.deadline).days for r in missing})
    days = f"{overdue[0]}" if len(overdue) == 1 else f"{overdue[0]}–{overdue[-1]}"
    subject = _("[ChildPlan] %(cycle)s (%(unit)s): %(count)s báo cáo chưa nộp, quá hạn "
                "%(days)s ngày") % {"cycle": cycle.title, "unit": cycle.plan.unit.name,
                                    "count": len(missing), "days": days}

    lines = ["- " + _("%(agency)s (%(unit)s): %(status)s, hạn %(deadline)s, %(countdown)s") % {
        "agency": r.agency.name, "unit": r.unit.name, "status": r.progress_label,
        "deadline": f"{r.deadline:%d/%m/%Y}", "countdown": countdown(r.deadline, today)}
        for r in missing]
    body = (_("Tình hình nộp %(cycle)s theo %(kind)s %(number)s, hạn %(deadlines)s, đến ngày "
              "%(today)s:") % {"cycle": cycle.title, "kind": cycle.plan.kind,
                               "number": cycle.plan.number, "deadlines": cycle.deadlines_text,
                               "today": f"{today:%d/%m/%Y}"}
            + "\n\n" + "\n".join(lines) + "\n\n"
            + _("Tiến độ nộp: %(link)s") % {
                "link": reverse("cycle_completeness", args=[cycle.pk])} + "\n")
    return subject, body


