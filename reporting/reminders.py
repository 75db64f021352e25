"""E-mails that chase reports: before the deadline to reporters, after it to reviewers.

Each e-mail is recorded in the same transaction that sends it; the record's unique key
(kind, report, person; for the digest kind, cycle, person, day) makes a job that runs
twice, or on two workers, send once. If the mail backend fails, the record is rolled
back and the next run tries again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from reporting.models import Reminder, ReminderKind, Report, ReportingCycle

DUE_KINDS = {7: ReminderKind.DUE_IN_7, 1: ReminderKind.DUE_IN_1}


def _people(agency_id: int, role: str):
    return (get_user_model().objects.filter(memberships__agency_id=agency_id,
                                            memberships__role=role, is_active=True)
            .exclude(email="").distinct().order_by("pk"))


def _send_once(*, kind: str, cycle: ReportingCycle, report: Report | None, user, today,
               subject: str, body: str) -> bool:
    now = timezone.now()
    if report is None:
        lookup = {"kind": kind, "cycle": cycle, "report": None, "user": user, "sent_on": today}
        defaults = {"sent_at": now}
    else:
        lookup = {"kind": kind, "report": report, "user": user}
        defaults = {"cycle": cycle, "sent_on": today, "sent_at": now}
    with transaction.atomic():
        _, created = Reminder.objects.get_or_create(**lookup, defaults=defaults)
        if created:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return created


def reminder_send_due(*, days_before: int, today: datetime.date | None = None) -> int:
    """Remind each reporter whose report is not submitted, `days_before` (7 or 1) days ahead."""
    kind = DUE_KINDS[days_before]
    today = today or timezone.localdate()
    deadline = today + datetime.timedelta(days=days_before)
    reports = (Report.objects.with_context().not_submitted()
               .filter(cycle__locked=False, cycle__deadline=deadline))
    sent = 0
    for report in reports:
        cycle = report.cycle
        subject = (f"[ChildPlan] Còn {days_before} ngày: {cycle.title} của {report.agency.name} "
                   "chưa nộp")
        body = (f"Kính gửi cán bộ nhập liệu {report.agency.name},\n\n"
                f"{cycle.title} theo {cycle.plan.kind} {cycle.plan.number} "
                f"({cycle.plan.unit.name}) phải nộp trước hết ngày "
                f"{cycle.deadline:%d/%m/%Y}, còn {days_before} ngày. Báo cáo của cơ quan "
                f"hiện ở trạng thái «{report.progress_label}».\n\n"
                f"Nhập và nộp báo cáo tại: {reverse('report_edit', args=[report.pk])}\n")
        for user in _people(report.agency_id, Role.REPORTER):
            sent += _send_once(kind=kind, cycle=cycle, report=report, user=user, today=today,
                               subject=subject, body=body)
    return sent


def reminder_send_digest(*, today: datetime.date | None = None) -> int:
    """Each day after the deadline, tell the reviewers which reports are still missing."""
    today = today or timezone.localdate()
    cycles = (ReportingCycle.objects.open().filter(deadline__lt=today)
              .select_related("plan__unit").order_by("pk"))
    sent = 0
    for cycle in cycles:
        missing = list(cycle.reports.with_context().not_submitted()
                       .order_by("agency__name", "unit__name"))
        if not missing or cycle.consolidating_agency_id is None:
            continue
        overdue = (today - cycle.deadline).days
        subject = (f"[ChildPlan] {cycle.title} ({cycle.plan.unit.name}): {len(missing)} báo cáo "
                   f"chưa nộp, quá hạn {overdue} ngày")
        lines = [f"- {r.agency.name} ({r.unit.name}): {r.progress_label}" for r in missing]
        body = (f"Tình hình nộp {cycle.title} theo {cycle.plan.kind} {cycle.plan.number}, "
                f"hạn {cycle.deadline:%d/%m/%Y}, đến ngày {today:%d/%m/%Y}:\n\n"
                + "\n".join(lines)
                + f"\n\nTiến độ nộp: {reverse('cycle_completeness', args=[cycle.pk])}\n")
        for user in _people(cycle.consolidating_agency_id, Role.REVIEWER):
            sent += _send_once(kind=ReminderKind.DIGEST, cycle=cycle, report=None, user=user,
                               today=today, subject=subject, body=body)
    return sent
