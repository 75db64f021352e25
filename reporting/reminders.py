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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
        about = {"days": days_before, "cycle": cycle.title, "agency": report.agency.name,
                 "plan": f"{cycle.plan.kind} {cycle.plan.number}", "unit": cycle.plan.unit.name,
                 "deadline": f"{cycle.deadline:%d/%m/%Y}", "status": report.progress_label,
                 "link": reverse("report_edit", args=[report.pk])}
        subject = ngettext("[ChildPlan] Còn %(days)s ngày: %(cycle)s của %(agency)s chưa nộp",
                           "[ChildPlan] Còn %(days)s ngày: %(cycle)s của %(agency)s chưa nộp",
                           days_before) % about
        body = ngettext(
            "Kính gửi cán bộ nhập liệu %(agency)s,\n\n%(cycle)s theo %(plan)s (%(unit)s) phải "
            "nộp trước hết ngày %(deadline)s, còn %(days)s ngày. Báo cáo của cơ quan hiện ở "
            "trạng thái «%(status)s».\n\nNhập và nộp báo cáo tại: %(link)s\n",
            "Kính gửi cán bộ nhập liệu %(agency)s,\n\n%(cycle)s theo %(plan)s (%(unit)s) phải "
            "nộp trước hết ngày %(deadline)s, còn %(days)s ngày. Báo cáo của cơ quan hiện ở "
            "trạng thái «%(status)s».\n\nNhập và nộp báo cáo tại: %(link)s\n",
            days_before) % about
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
        about = {"cycle": cycle.title, "unit": cycle.plan.unit.name, "count": len(missing),
                 "days": overdue, "plan": f"{cycle.plan.kind} {cycle.plan.number}",
                 "deadline": f"{cycle.deadline:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}",
                 "link": reverse("cycle_completeness", args=[cycle.pk])}
        subject = _("[ChildPlan] %(cycle)s (%(unit)s): %(count)s báo cáo chưa nộp, quá hạn "
                    "%(days)s ngày") % about
        lines = [f"- {r.agency.name} ({r.unit.name}): {r.progress_label}" for r in missing]
        body = (_("Tình hình nộp %(cycle)s theo %(plan)s, hạn %(deadline)s, đến ngày "
                  "%(today)s:") % about + "\n\n" + "\n".join(lines) + "\n\n"
                + _("Tiến độ nộp: %(link)s") % about + "\n")
        for user in _people(cycle.consolidating_agency_id, Role.REVIEWER):
            sent += _send_once(kind=ReminderKind.DIGEST, cycle=cycle, report=None, user=user,
                               today=today, subject=subject, body=body)
    return sent
