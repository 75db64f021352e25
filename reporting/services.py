"""Every write of the reporting workflow.

Each state change is claimed with a conditional UPDATE (the status it must
still have, and for the reporter's writes the version the page was built
from) and the row count checked, so two requests racing on one report cannot
both win: the loser gets ReportConflict with a message for the user and
nothing it meant to write is kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from childplan.models import Plan
from reporting.deadlines import is_late
from reporting.figures import Figure
from reporting.models import (
    EDITABLE,
    CycleKind,
    Report,
    ReportEvent,
    ReportingCycle,
    ReportStatus,
    Value,
)
from reporting.signals import counted_figures_changed

Action = ReportEvent.Action


class ReportConflict(Exception):
    """The report is no longer what the user's page showed; the message says why."""


@dataclass(frozen=True)
class FigureEntry:
    figure: Figure
    note: str = ""
    source: str = ""
    confirmed: bool = False


@dataclass(frozen=True)
class Entry:
    """What the data-entry form holds: figures by measure id, the narrative and budget."""

    figures: dict[int, FigureEntry] = field(default_factory=dict)
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    budget_spent: Decimal | None = None


@transaction.atomic
def cycle_open(*, plan: Plan, year: int, kind: str = CycleKind.ANNUAL,
               opens_on: datetime.date | None = None, deadline: datetime.date | None = None,
               locked: bool = False) -> ReportingCycle:
    """Open (or complete) a cycle: one report per agency leading an indicator, in its unit;
    the consolidating office and the leads are those in charge on the day the cycle opens.

    Running it again adds the reports of assignments made since, and changes nothing else.
    """
    cycle = ReportingCycle.objects.filter(plan=plan, year=year, kind=kind).first()
    if cycle is None:
        opens_on = opens_on or timezone.localdate()
        cycle = ReportingCycle(plan=plan, year=year, kind=kind, opens_on=opens_on,
                               deadline=deadline or ReportingCycle.deadline_for(plan, year),
                               locked=locked,
                               consolidating_agency=plan.consolidating_agency_on(opens_on))
        cycle.full_clean()
        cycle.save()
    # Agencies whose work had passed to a successor when the cycle opened report through it.
    for lead in plan.leads_on(cycle.opens_on):
        Report.objects.get_or_create(cycle=cycle, agency=lead.agency, unit_id=lead.unit_id)
    return cycle


def report_save(*, report: Report, by, version: int, entry: Entry,
                now: datetime.datetime | None = None) -> Report:
    """Save a draft; refused (ReportConflict) when the page's version is stale."""
    now = now or timezone.now()
    with transaction.atomic():
        report_claim_for_edit(report, by=by, version=version, entry=entry, now=now)
        _write_figures(report, entry, by=by, now=now)
        ReportEvent.objects.create(report=report, action=Action.SAVE, by=by, at=now)
    report.refresh_from_db()
    return report


def report_submit(*, report: Report, by, version: int, entry: Entry | None = None,
                  now: datetime.datetime | None = None) -> Report:
    """Save what the form holds, then submit: once, however often the button is clicked.

    A report is late when its first submission comes after the end of the deadline
    day in Vietnam; a resubmission after a return keeps the first verdict.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if entry is not None:
            report_claim_for_edit(report, by=by, version=version, entry=entry, now=now)
            _write_figures(report, entry, by=by, now=now)
            version += 1
        current = Report.objects.select_related("cycle").get(pk=report.pk)
        first = current.first_submitted_at is None
        late = current.late or (first and is_late(now, current.cycle.deadline))
        _refuse_if_locked(report)
        claimed = Report.objects.filter(
            pk=report.pk, version=version, status__in=EDITABLE,
        ).update(status=ReportStatus.SUBMITTED, version=F("version") + 1, late=late,
                 submitted_at=now, submitted_by=by, first_submitted_at=current.first_submitted_at
                 or now, started_at=current.started_at or now)
        if not claimed:
            raise _conflict(report)
        ReportEvent.objects.create(report=report, action=Action.SUBMIT if first
                                   else Action.RESUBMIT, by=by, at=now, late=is_late(
                                       now, current.cycle.deadline))
    report.refresh_from_db()
    return report


def report_approve(*, report: Report, by, now: datetime.datetime | None = None) -> Report:
    return _review(report, by=by, now=now, action=Action.APPROVE,
                   source=ReportStatus.SUBMITTED, target=ReportStatus.APPROVED)


def report_return(*, report: Report, by, comment: str,
                  now: datetime.datetime | None = None) -> Report:
    if not comment.strip():
        raise ReportConflict("Khi trả lại báo cáo, hãy ghi rõ lý do để cơ quan sửa.")
    return _review(report, by=by, now=now, action=Action.RETURN, comment=comment.strip(),
                   source=ReportStatus.SUBMITTED, target=ReportStatus.RETURNED)


def report_unapprove(*, report: Report, by, now: datetime.datetime | None = None) -> Report:
    """Undo an approval: the report waits for review again, until the cycle is locked."""
    return _review(report, by=by, now=now, action=Action.UNAPPROVE,
                   source=ReportStatus.APPROVED, target=ReportStatus.SUBMITTED)


def cycle_lock(*, cycle: ReportingCycle, by, now: datetime.datetime | None = None
               ) -> ReportingCycle:
    now = now or timezone.now()
    claimed = ReportingCycle.objects.filter(pk=cycle.pk, locked=False).update(
        locked=True, locked_at=now, locked_by=by)
    if not claimed:
        raise ReportConflict("Kỳ báo cáo này đã được khóa trước đó.")
    cycle.refresh_from_db()
    return cycle


def _review(report: Report, *, by, now, action: str, source: str, target: str,
            comment: str = "") -> Report:
    now = now or timezone.now()
    with transaction.atomic():
        changes = {"status": target, "version": F("version") + 1, "reviewed_at": now,
                   "reviewed_by": by}
        if comment:
            changes["review_comment"] = comment
        _refuse_if_locked(report)
        claimed = Report.objects.filter(pk=report.pk, status=source).update(**changes)
        if not claimed:
            raise _conflict(report)
        ReportEvent.objects.create(report=report, action=action, by=by, at=now, comment=comment)
        if ReportStatus.APPROVED in (source, target):
            # Approved figures count in the dashboards: an approval or its undoing makes
            # them stale (progress listens, and recomputes once this transaction commits).
            counted_figures_changed.send(
                sender=Report, plan_id=report.cycle.plan_id, unit_id=report.unit_id,
                measure_ids=list(report.values.values_list("measure_id", flat=True)))
    report.refresh_from_db()
    return report


def report_claim_for_edit(report: Report, *, by, version: int, entry: Entry, now) -> None:
    """Claim the report for a write from the page at `version` (the form, an upload), or
    raise ReportConflict: the one rule for who may change a report's figures, and when."""
    _refuse_if_locked(report)
    claimed = Report.objects.filter(
        pk=report.pk, version=version, status__in=EDITABLE,
    ).update(version=F("version") + 1, updated_at=now, updated_by=by,
             results=entry.results, difficulties=entry.difficulties, proposals=entry.proposals,
             budget_spent=entry.budget_spent)
    if not claimed:
        raise _conflict(report)
    Report.objects.filter(pk=report.pk, started_at=None).update(started_at=now)


def _refuse_if_locked(report: Report) -> None:
    # Checked apart from the claim: a conditional UPDATE that joins another table becomes
    # "id IN (subquery)", which PostgreSQL does not re-check after waiting for a row lock,
    # and the version condition would be lost. Claims filter on the report's own row only.
    if ReportingCycle.objects.filter(pk=report.cycle_id, locked=True).exists():
        raise ReportConflict("Kỳ báo cáo đã khóa: báo cáo chỉ còn để xem.")


def _write_figures(report: Report, entry: Entry, *, by, now) -> None:
    existing = {v.measure_id: v for v in Value.objects.filter(report=report)}
    for measure_id, typed in entry.figures.items():
        value = existing.get(measure_id)
        if value is None:
            if typed.figure.is_empty and not typed.note and not typed.source:
                continue
            value = Value(report=report, measure_id=measure_id)
        fields = {"numerator": typed.figure.numerator, "denominator": typed.figure.denominator,
                  "value": typed.figure.value, "aggregable": typed.figure.aggregable,
                  "note": typed.note, "source": typed.source, "confirmed": typed.confirmed}
        if value.pk and all(getattr(value, k) == v for k, v in fields.items()):
            continue
        for name, new in fields.items():
            setattr(value, name, new)
        # The history row names the person and the moment of the change.
        value._history_user = by
        value._history_date = now
        value.save()


def _conflict(report: Report) -> ReportConflict:
    current = Report.objects.select_related("cycle", "updated_by").get(pk=report.pk)
    if current.cycle.locked:
        return ReportConflict("Kỳ báo cáo đã khóa: báo cáo chỉ còn để xem.")
    if current.status == ReportStatus.APPROVED:
        return ReportConflict("Báo cáo đã được duyệt nên không thay đổi được nữa.")
    if current.status == ReportStatus.SUBMITTED and report.status in EDITABLE:
        return ReportConflict("Báo cáo đã được nộp (lúc "
                              f"{timezone.localtime(current.submitted_at):%H:%M %d/%m/%Y}); "
                              "không nộp hay sửa lại được nữa.")
    if current.status != report.status:
        return ReportConflict(f"Báo cáo đã chuyển sang trạng thái «{current.get_status_display()}»"
                              "; hãy tải lại trang.")
    who = ""
    if current.updated_by:
        who = f" bởi {current.updated_by.get_full_name() or current.updated_by.get_username()}"
    when = f" lúc {timezone.localtime(current.updated_at):%H:%M %d/%m/%Y}" \
        if current.updated_at else ""
    return ReportConflict(f"Báo cáo vừa được cập nhật{who}{when}, sau khi bạn mở trang này. "
                          "Những gì bạn vừa nhập CHƯA được lưu, để không ghi đè lên số liệu mới: "
                          "hãy tải lại trang, xem số liệu hiện tại rồi nhập lại.")
