"""Who may read, enter and review which report and cycle.

A reporter reads and edits the reports of their own agency; a viewer reads the
reports of the plans of their agency's unit. A reviewer reviews the cycles their
agency consolidates: the office fixed on the cycle when it opened, so after
01/03/2025 Sở Y tế reviews the cycles of a plan that names Sở LĐTBXH, and the
earlier cycles stay Sở LĐTBXH's. A reviewer reads the reports of those cycles,
of the plans their agency is named to consolidate, and of the earlier cycles of
the agencies whose work theirs took over. Ids outside what a user may read are
404, as if they did not exist; a wrong role on a readable report is 403.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import has_role, is_member, membership_roles
from agencies.models import SUCCESSION_DEPTH, Agency, Membership, Role, work_done_by
from childplan.models import Plan
from reporting.models import Report, ReportingCycle


def _reviewed_cycles(roles: dict[str, set[int]], prefix: str = "") -> Q:
    """The cycles a reviewer reads: their offices' and those of the offices whose work theirs
    took over (the history), and every cycle of the plans their offices are named for."""
    return (work_done_by(f"{prefix}consolidating_agency", roles["reviewer"])
            | Q(**{f"{prefix}plan__consolidating_agency__in": roles["reviewer"]}))


def _reads_as_reviewer(roles: dict[str, set[int]], cycle: ReportingCycle) -> bool:
    """_reviewed_cycles for one cycle whose offices were loaded with it."""
    agency = cycle.consolidating_agency
    for _step in range(SUCCESSION_DEPTH):
        if agency is None:
            break
        if agency.pk in roles["reviewer"]:
            return True
        agency = agency.successor
    return cycle.plan.consolidating_agency_id in roles["reviewer"]


def _readable_reports(user, roles: dict[str, set[int]]):
    reports = Report.objects.with_context()
    if user.is_superuser:
        return reports
    viewer_units = Agency.objects.filter(pk__in=roles["viewer"]).values("unit")
    return reports.filter(
        Q(agency__in=roles["reporter"] | roles["viewer"])
        | _reviewed_cycles(roles, prefix="cycle__")
        | Q(cycle__plan__unit__in=viewer_units)
    )


def access_report(user, report_id: int, *, for_edit: bool = False,
                  for_review: bool = False) -> Report:
    """The report `user` may read; for_edit: as its agency's reporter; for_review: as reviewer."""
    if not is_member(user):
        raise PermissionDenied
    roles = membership_roles(user)
    report = get_object_or_404(_readable_reports(user, roles), pk=report_id)
    if for_edit and report.agency_id not in roles["reporter"]:
        raise PermissionDenied(_("Chỉ cán bộ nhập liệu của cơ quan này được nhập báo cáo."))
    if for_review and not (user.is_superuser
                           or report.cycle.consolidating_agency_id in roles["reviewer"]):
        raise PermissionDenied(_("Chỉ cán bộ tổng hợp của cơ quan tổng hợp được duyệt báo cáo."))
    return report


def access_cycle(user, cycle_id: int, *, for_review: bool = False) -> ReportingCycle:
    """A cycle whose completeness the user may read: its reviewers and the unit's viewers."""
    if not is_member(user):
        raise PermissionDenied
    roles = membership_roles(user)
    cycles = ReportingCycle.objects.select_related(
        "plan__unit", "plan__consolidating_agency",
        "consolidating_agency__successor__successor")
    if user.is_superuser:
        return get_object_or_404(cycles, pk=cycle_id)
    units = Agency.objects.filter(pk__in=roles["viewer"] | roles["reviewer"] |
                                  roles["reporter"]).values("unit")
    cycle = get_object_or_404(
        cycles.filter(_reviewed_cycles(roles) | Q(plan__unit__in=units)), pk=cycle_id)
    if for_review and cycle.consolidating_agency_id not in roles["reviewer"]:
        raise PermissionDenied(_("Chỉ cán bộ tổng hợp của cơ quan tổng hợp kỳ này được sửa hạn "
                                 "nộp hay khóa kỳ báo cáo."))
    if not _reads_as_reviewer(roles, cycle) and not Agency.objects.filter(pk__in=roles["viewer"],
                                                           unit=cycle.plan.unit_id).exists():
        raise PermissionDenied(
            _("Trang tiến độ nộp báo cáo dành cho cán bộ tổng hợp và lãnh đạo."))
    return cycle


def readable_reports(user):
    """Every report `user` may read (the API's lists); 403 for anyone without a role."""
    if not is_member(user):
        raise PermissionDenied
    return _readable_reports(user, membership_roles(user))


def reporter_reports(user):
    """The reports of the agencies the user reports for; 403 for anyone else."""
    roles = membership_roles(user) if is_member(user) else {"reporter": set()}
    if not roles["reporter"]:
        raise PermissionDenied(_("Trang này dành cho cán bộ nhập liệu của các cơ quan."))
    return Report.objects.with_context().filter(agency__in=roles["reporter"])


def reviewer_reports(user):
    """The reports of the cycles the user's agencies consolidate; 403 for anyone else."""
    if is_member(user) and user.is_superuser:
        return Report.objects.with_context()
    roles = membership_roles(user) if is_member(user) else {"reviewer": set()}
    if not roles["reviewer"]:
        raise PermissionDenied(_("Trang này dành cho cán bộ tổng hợp."))
    return Report.objects.with_context().filter(
        cycle__consolidating_agency__in=roles["reviewer"])


def reviewable_reports(user, ids: list[int]):
    """Those of the reports `ids` that `user` may approve (a reviewer of the office
    consolidating their cycle), with what a decision reads; the others are left out."""
    return reviewer_reports(user).filter(pk__in=ids).order_by("submitted_at", "pk")


def reporters_of(reports) -> dict[int, list]:
    """Who to call about each agency of `reports`: agency id → its active reporters (one query)."""
    found: dict[int, list] = {}
    memberships = (Membership.objects.filter(agency__in={r.agency_id for r in reports},
                                             role=Role.REPORTER, user__is_active=True)
                   .select_related("user").order_by("user__last_name", "user__first_name"))
    for membership in memberships:
        found.setdefault(membership.agency_id, []).append(membership.user)
    return found


def can_edit_report(user, report: Report) -> bool:
    """Whether the page may offer data entry (the edit view still asks access_report)."""
    return has_role(user, report.agency_id, "reporter")


def can_review_cycle(user, cycle: ReportingCycle) -> bool:
    return user.is_superuser or has_role(user, cycle.consolidating_agency_id, "reviewer")


def can_review_plan(user, plan: Plan, on: datetime.date | None = None) -> bool:
    """Whether the user reviews the cycles the plan opens now (or on `on`): a reviewer of the
    office consolidating it then, which after a succession is no longer the one it names."""
    if user.is_superuser:
        return True
    office = plan.consolidating_agency_on(on or timezone.localdate())
    return office is not None and has_role(user, office.pk, "reviewer")


def can_review_report(user, report: Report) -> bool:
    return can_review_cycle(user, report.cycle)


def can_consolidate_cycle(user, cycle: ReportingCycle, *, reviews: bool | None = None) -> bool:
    """Whether the user speaks for the office consolidating the cycle's plan (its papers):
    the cycle's office, or the office consolidating the plan now, after a succession.
    `reviews`: can_review_cycle's answer, when the caller already has it."""
    if reviews is None:
        reviews = can_review_cycle(user, cycle)
    return reviews or can_review_plan(user, cycle.plan)
