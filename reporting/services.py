"""Every write of the reporting workflow.

Each state change is claimed with a conditional UPDATE (the status it must
still have, and for the reporter's writes the version the page was built
from) and the row count checked, so two requests racing on one report cannot
both win: the loser gets ReportConflict with a message for the user and
nothing it meant to write is kept.

Figures are written through reporting.values.values_write, whatever the
channel. A report is submitted only when none of its figures looks unusual
without a confirmed note (UnconfirmedFigures), and whoever submitted a report
or last edited it cannot approve or return it: another reviewer must.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.models import REFORM_2025, AdminUnit, UnitLevel
from agencies.services import commune_agencies, display_name
from childplan.models import Plan
from reporting.deadlines import is_late
from reporting.models import (
    EDITABLE,
    Channel,
    CycleKind,
    FigureComment,
    Report,
    ReportEvent,
    ReportingCycle,
    ReportStatus,
    Value,
)
from reporting.signals import counted_figures_changed
from reporting.values import (
    Entry,
    unconfirmed_unusual,
    unconfirmed_unusual_by_report,
    values_write,
)
from reporting.values import FigureEntry as FigureEntry  # what callers build an Entry from
from reporting.workflow import claim
from reporting.workflow import reviews_own_work as reviews_own_work  # callers import it here

Action = ReportEvent.Action


class ReportConflict(Exception):
    """The report is no longer what the user's page showed; the message says why."""


class UnconfirmedFigures(ReportConflict):
    """Figures far from their history lack a confirmed note: measure id → the warning."""

    def __init__(self, warnings: dict[int, str]):
        self.warnings = warnings
        super().__init__(" ".join(warnings.values()))


SELF_REVIEW = gettext_lazy("Bạn đã nộp hoặc sửa báo cáo này nên không được duyệt hay trả lại "
                           "nó: việc này do một cán bộ tổng hợp khác thực hiện.")


@transaction.atomic
def cycle_open(*, plan: Plan, year: int, kind: str = CycleKind.ANNUAL,
               opens_on: datetime.date | None = None, deadline: datetime.date | None = None,
               commune_deadline: datetime.date | None = None,
               locked: bool = False) -> ReportingCycle:
    """Open (or complete) a cycle: one report per agency leading an indicator, in its unit,
    and, for cycles opened since the 2025 reform, one per commune of today in the plan's
    area, through its People's Committee (by `commune_deadline`, when the office asks them
    earlier than the cycle's `deadline`, the plan's by default). The consolidating office
    and the leads are those in charge on the day the cycle opens. A district plan is
    history after 30/06/2025: no cycle of it opens after that day (ValidationError).

    Running it again adds the reports of assignments and communes made since, and changes
    nothing else.
    """
    cycle = ReportingCycle.objects.filter(plan=plan, year=year, kind=kind).first()
    if cycle is None:
        opens_on = opens_on or timezone.localdate()
        if plan.is_history_on(opens_on):
            raise ValidationError(
                _("Kế hoạch cấp huyện «%(plan)s» chỉ còn là lịch sử từ 01/07/2025 (không còn "
                  "cấp huyện): không mở kỳ báo cáo mới; các xã báo cáo theo kế hoạch của tỉnh.")
                % {"plan": plan})
        cycle = ReportingCycle(plan=plan, year=year, kind=kind, opens_on=opens_on,
                               deadline=deadline or ReportingCycle.deadline_for(plan, year),
                               commune_deadline=commune_deadline, locked=locked,
                               consolidating_agency=plan.consolidating_agency_on(opens_on))
        cycle.full_clean()
        cycle.save()
    # Agencies whose work had passed to a successor when the cycle opened report through it.
    wanted = {(lead.agency.pk, lead.unit_id) for lead in plan.leads_on(cycle.opens_on)}
    if cycle.opens_on >= REFORM_2025 and plan.level != UnitLevel.DISTRICT:
        communes = list(AdminUnit.objects.communes_in_area(plan.unit, cycle.opens_on))
        wanted |= {(agency.pk, unit_id) for unit_id, agency in commune_agencies(communes).items()}
    existing = set(cycle.reports.values_list("agency_id", "unit_id"))
    Report.objects.bulk_create(
        [Report(cycle=cycle, agency_id=agency_id, unit_id=unit_id)
         for agency_id, unit_id in sorted(wanted - existing)], ignore_conflicts=True)
    return cycle


def report_save(*, report: Report, by, version: int, entry: Entry,
                now: datetime.datetime | None = None, channel: str = Channel.FORM) -> Report:
    """Save a draft; refused (ReportConflict) when the page's version is stale."""
    now = now or timezone.now()
    with transaction.atomic():
        report_claim_for_edit(report, by=by, version=version, entry=entry, now=now)
        values_write(report=report, figures=entry.figures, by=by, now=now, channel=channel)
        ReportEvent.objects.create(report=report, action=Action.SAVE, by=by, at=now)
    report.refresh_from_db()
    return report


def report_submit(*, report: Report, by, version: int, entry: Entry | None = None,
                  now: datetime.datetime | None = None, channel: str = Channel.FORM) -> Report:
    """Save what the form holds, then submit: once, however often the button is clicked.

    Refused with UnconfirmedFigures, nothing saved, while a figure far from its history
    has no confirmed note. A report is late when its first submission comes after the
    end of the deadline day in Vietnam; a resubmission after a return keeps the first
    verdict.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if entry is not None:
            report_claim_for_edit(report, by=by, version=version, entry=entry, now=now)
            values_write(report=report, figures=entry.figures, by=by, now=now, channel=channel)
            version += 1
        _refuse_if_locked(report)
        unusual = unconfirmed_unusual(report)
        if unusual:
            raise UnconfirmedFigures(unusual)
        current = Report.objects.select_related("cycle", "unit", "agency").get(pk=report.pk)
        first = current.first_submitted_at is None
        late = current.late or (first and is_late(now, current.deadline))
        claimed = claim(report, source=EDITABLE, version=version,
                        status=ReportStatus.SUBMITTED, late=late, submitted_at=now,
                        submitted_by=by, first_submitted_at=current.first_submitted_at or now,
                        started_at=current.started_at or now)
        if not claimed:
            raise _conflict(report)
        ReportEvent.objects.create(report=report, action=Action.SUBMIT if first
                                   else Action.RESUBMIT, by=by, at=now, late=is_late(
                                       now, current.deadline))
    report.refresh_from_db()
    return report


def report_approve(*, report: Report, by, now: datetime.datetime | None = None) -> Report:
    return _review(report, by=by, now=now, action=Action.APPROVE,
                   source=ReportStatus.SUBMITTED, target=ReportStatus.APPROVED)


@dataclass
class BulkApproval:
    """What one click on "Duyệt các báo cáo đã chọn" did: approved, and skipped with why."""

    approved: list[Report] = field(default_factory=list)
    skipped: list[tuple[Report, str]] = field(default_factory=list)


def reports_approve(*, reports: list[Report], by, now: datetime.datetime | None = None
                    ) -> BulkApproval:
    """Approve many reports at once, each claimed and checked as one approval is: a report
    with a figure far from its history and no confirmed note (or a broken validation rule)
    is skipped, as is one in a locked cycle, one that changed meanwhile or that `by`
    submitted or last edited; the others are approved regardless.

    A province's 130 communes in one click: the checks read every report together, the
    claim is one conditional UPDATE over the rows locked for it, the audit rows one INSERT,
    and the dashboards are told once per plan (they recompute once after the commit). The
    queries do not grow with the number of reports, only the skipped ones cost a few each
    to say why.
    """
    now = now or timezone.now()
    done = BulkApproval()
    with transaction.atomic():
        blocked = unconfirmed_unusual_by_report(reports)
        locked = set(ReportingCycle.objects.filter(
            pk__in={r.cycle_id for r in reports}, locked=True).values_list("pk", flat=True))
        wanted = [r.pk for r in reports if r.pk not in blocked and r.cycle_id not in locked]
        # The rows stay locked until the commit (PostgreSQL; SQLite's transactions are
        # IMMEDIATE): what is read claimable here is what the UPDATE below claims.
        rows = Report.objects.select_for_update().filter(
            pk__in=wanted, status=ReportStatus.SUBMITTED).order_by("pk")
        if getattr(by, "pk", None) is not None:
            rows = rows.exclude(submitted_by=by).exclude(updated_by=by)
        claimable = set(rows.values_list("pk", flat=True))
        claimed = Report.objects.filter(pk__in=claimable, status=ReportStatus.SUBMITTED).update(
            status=ReportStatus.APPROVED, version=F("version") + 1, reviewed_at=now,
            reviewed_by=by)
        if claimed != len(claimable):
            raise RuntimeError("bulk approval: rows changed under their lock")
        approved = [r for r in reports if r.pk in claimable]
        ReportEvent.objects.bulk_create(
            [ReportEvent(report=r, action=Action.APPROVE, by=by, at=now) for r in approved])
        _counted_figures_changed(approved)
    for report in reports:
        if report.pk in blocked:
            count = len(blocked[report.pk])
            done.skipped.append((report, ngettext(
                "%(count)s số liệu khác xa các năm trước hoặc vi phạm quy tắc kiểm tra, chưa "
                "được cơ quan xác nhận và giải trình.",
                "%(count)s số liệu khác xa các năm trước hoặc vi phạm quy tắc kiểm tra, chưa "
                "được cơ quan xác nhận và giải trình.", count) % {"count": count}))
        elif report.pk in locked:
            done.skipped.append((report, _("Kỳ báo cáo đã khóa: báo cáo chỉ còn để xem.")))
        elif report.pk not in claimable:
            own = reviews_own_work(Report.objects.get(pk=report.pk), by)
            done.skipped.append((report, str(SELF_REVIEW) if own else str(_conflict(report))))
    for report in approved:  # as the UPDATE left them, without reading them again
        report.status, report.version = ReportStatus.APPROVED, report.version + 1
        report.reviewed_at, report.reviewed_by = now, by
    done.approved = approved
    return done


def _counted_figures_changed(reports: list[Report]) -> None:
    """Tell the apps after reporting that the approved figures of `reports` changed: once per
    plan, naming its units and measures (two queries, however many reports)."""
    if not reports:
        return
    plans: dict[int, set[int]] = {}
    for plan_id, unit_id in (Report.objects.filter(pk__in=[r.pk for r in reports])
                             .values_list("cycle__plan_id", "unit_id").distinct()):
        plans.setdefault(plan_id, set()).add(unit_id)
    measures: dict[int, set[int]] = {}
    for plan_id, measure_id in (Value.objects.filter(report__in=[r.pk for r in reports])
                                .values_list("report__cycle__plan_id", "measure_id")
                                .distinct()):
        measures.setdefault(plan_id, set()).add(measure_id)
    for plan_id, unit_ids in sorted(plans.items()):
        counted_figures_changed.send(sender=Report, plan_id=plan_id, unit_ids=sorted(unit_ids),
                                     measure_ids=sorted(measures.get(plan_id, ())))


def report_return(*, report: Report, by, comment: str,
                  figure_comments: dict[int, str] | None = None,
                  now: datetime.datetime | None = None) -> Report:
    """Return a report for correction, with a comment on the whole report, on some of its
    figures (measure id → text, shown beside each figure), or both; never with neither."""
    notes = {m: t.strip() for m, t in (figure_comments or {}).items() if t and t.strip()}
    if not comment.strip() and not notes:
        raise ReportConflict(_("Khi trả lại báo cáo, hãy ghi rõ lý do để cơ quan sửa."))
    asked = set(report.measures().values_list("pk", flat=True))
    if set(notes) - asked:
        raise ReportConflict(_("Có ý kiến cho một chỉ tiêu không thuộc báo cáo này."))
    now = now or timezone.now()
    with transaction.atomic():
        report = _review(report, by=by, now=now, action=Action.RETURN, comment=comment.strip(),
                         source=ReportStatus.SUBMITTED, target=ReportStatus.RETURNED)
        FigureComment.objects.bulk_create(
            [FigureComment(report=report, measure_id=m, text=t, by=by, at=now)
             for m, t in sorted(notes.items())])
    return report


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
        raise ReportConflict(_("Kỳ báo cáo này đã được khóa trước đó."))
    cycle.refresh_from_db()
    return cycle


def _review(report: Report, *, by, now, action: str, source: str, target: str,
            comment: str = "") -> Report:
    now = now or timezone.now()
    deciding = action in (Action.APPROVE, Action.RETURN)
    with transaction.atomic():
        changes = {"status": target, "reviewed_at": now, "reviewed_by": by}
        if comment or action == Action.RETURN:
            changes["review_comment"] = comment
        _refuse_if_locked(report)
        claimed = claim(report, source=[source], decided_by=by if deciding else None,
                        **changes)
        if not claimed:
            if deciding and reviews_own_work(Report.objects.get(pk=report.pk), by):
                raise ReportConflict(SELF_REVIEW)
            raise _conflict(report)
        ReportEvent.objects.create(report=report, action=action, by=by, at=now, comment=comment)
        if ReportStatus.APPROVED in (source, target):
            # Approved figures count in the dashboards: an approval or its undoing makes
            # them stale (progress listens, and recomputes once this transaction commits).
            _counted_figures_changed([report])
    report.refresh_from_db()
    return report


def report_claim_for_edit(report: Report, *, by, version: int, entry: Entry, now) -> None:
    """Claim the report for a write from the page at `version` (the form, an upload), or
    raise ReportConflict: the one rule for who may change a report's figures, and when."""
    _refuse_if_locked(report)
    claimed = claim(report, source=EDITABLE, version=version, updated_at=now, updated_by=by,
                    results=entry.results, difficulties=entry.difficulties,
                    proposals=entry.proposals, budget_spent=entry.budget_spent)
    if not claimed:
        raise _conflict(report)
    Report.objects.filter(pk=report.pk, started_at=None).update(started_at=now)


def _refuse_if_locked(report: Report) -> None:
    # Checked apart from the claim: a conditional UPDATE that joins another table becomes
    # "id IN (subquery)", which PostgreSQL does not re-check after waiting for a row lock,
    # and the version condition would be lost. Claims filter on the report's own row only.
    if ReportingCycle.objects.filter(pk=report.cycle_id, locked=True).exists():
        raise ReportConflict(LOCKED)


LOCKED = gettext_lazy("Kỳ báo cáo đã khóa: báo cáo chỉ còn để xem.")


def _conflict(report: Report) -> ReportConflict:
    current = Report.objects.select_related("cycle", "updated_by").get(pk=report.pk)
    if current.cycle.locked:
        return ReportConflict(str(LOCKED))
    if current.status == ReportStatus.APPROVED:
        return ReportConflict(_("Báo cáo đã được duyệt nên không thay đổi được nữa."))
    if current.status == ReportStatus.SUBMITTED and report.status in EDITABLE:
        return ReportConflict(
            _("Báo cáo đã được nộp (lúc %(when)s); không nộp hay sửa lại được nữa.")
            % {"when": f"{timezone.localtime(current.submitted_at):%H:%M %d/%m/%Y}"})
    if current.status != report.status:
        return ReportConflict(_("Báo cáo đã chuyển sang trạng thái «%(status)s»; hãy tải lại "
                                "trang.") % {"status": current.get_status_display()})
    who = ""
    if current.updated_by:
        who = _(" bởi %(name)s") % {"name": display_name(current.updated_by)}
    when = ""
    if current.updated_at:
        when = _(" lúc %(when)s") % {
            "when": f"{timezone.localtime(current.updated_at):%H:%M %d/%m/%Y}"}
    return ReportConflict(_("Báo cáo vừa được cập nhật%(who)s%(when)s, sau khi bạn mở trang "
                            "này. Những gì bạn vừa nhập CHƯA được lưu, để không ghi đè lên số "
                            "liệu mới: hãy tải lại trang, xem số liệu hiện tại rồi nhập lại.")
                          % {"who": who, "when": when})
