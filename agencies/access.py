"""Who may see what. Every view fetches scoped objects through these helpers."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agencies.models import Membership


def is_member(user) -> bool:
    """Signed in and given a role in some agency (or an administrator)."""
    if not user.is_authenticated:
        return False
    # Asked by the decorator and again by the helper: once per request is enough.
    if not hasattr(user, "_is_member"):
        user._is_member = user.is_superuser or Membership.objects.filter(user=user).exists()
    return user._is_member


def member_required(view):
    """Sign-in required; a signed-in account with no role yet is refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied("Tài khoản chưa được phân quyền cho cơ quan nào.")
        return view(request, *args, **kwargs)

    return wrapper


def access_plan(user, plan_id: int):
    """A plan any member may read: plans are public documents of the agencies."""
    from childplan.models import Plan, PlanStatus

    if not is_member(user):
        raise PermissionDenied
    plans = Plan.objects.with_unit().with_targets().exclude(status=PlanStatus.REFERENCE)
    return get_object_or_404(plans, pk=plan_id)


# Reporting. A reporter reads and edits the reports of their own agency; a reviewer
# reads every report of the plans their agency consolidates and reviews them; a
# viewer reads the reports of the plans of their agency's unit. Ids outside what a
# user may read are 404, as if they did not exist; a wrong role on a readable
# report is 403.

def _roles(user) -> dict[str, set[int]]:
    roles: dict[str, set[int]] = {"reporter": set(), "reviewer": set(), "viewer": set()}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency", "role"):
        roles.setdefault(role, set()).add(agency_id)
    return roles


def _readable_reports(user, roles: dict[str, set[int]]):
    from django.db.models import Q

    from agencies.models import Agency
    from reporting.models import Report

    reports = Report.objects.with_context()
    if user.is_superuser:
        return reports
    viewer_units = Agency.objects.filter(pk__in=roles["viewer"]).values("unit")
    return reports.filter(
        Q(agency__in=roles["reporter"] | roles["viewer"])
        | Q(cycle__plan__consolidating_agency__in=roles["reviewer"])
        | Q(cycle__plan__unit__in=viewer_units)
    )


def access_report(user, report_id: int, *, for_edit: bool = False, for_review: bool = False):
    """The report `user` may read; for_edit: as its agency's reporter; for_review: as reviewer."""
    if not is_member(user):
        raise PermissionDenied
    roles = _roles(user)
    report = get_object_or_404(_readable_reports(user, roles), pk=report_id)
    if for_edit and report.agency_id not in roles["reporter"]:
        raise PermissionDenied("Chỉ cán bộ nhập liệu của cơ quan này được nhập báo cáo.")
    if for_review and not (user.is_superuser
                           or report.cycle.plan.consolidating_agency_id in roles["reviewer"]):
        raise PermissionDenied("Chỉ cán bộ tổng hợp của cơ quan tổng hợp được duyệt báo cáo.")
    return report


def access_cycle(user, cycle_id: int, *, for_review: bool = False):
    """A cycle whose completeness the user may read: its reviewers and the unit's viewers."""
    from django.db.models import Q

    from agencies.models import Agency
    from reporting.models import ReportingCycle

    if not is_member(user):
        raise PermissionDenied
    roles = _roles(user)
    cycles = ReportingCycle.objects.select_related("plan__unit", "plan__consolidating_agency")
    if not user.is_superuser:
        units = Agency.objects.filter(pk__in=roles["viewer"] | roles["reviewer"] |
                                      roles["reporter"]).values("unit")
        cycles = cycles.filter(Q(plan__consolidating_agency__in=roles["reviewer"])
                               | Q(plan__unit__in=units))
    cycle = get_object_or_404(cycles, pk=cycle_id)
    if user.is_superuser:
        return cycle
    reviewer = cycle.plan.consolidating_agency_id in roles["reviewer"]
    if for_review and not reviewer:
        raise PermissionDenied("Chỉ cán bộ tổng hợp của cơ quan tổng hợp được khóa kỳ báo cáo.")
    if not reviewer and not Agency.objects.filter(pk__in=roles["viewer"],
                                                  unit=cycle.plan.unit_id).exists():
        raise PermissionDenied("Trang tiến độ nộp báo cáo dành cho cán bộ tổng hợp và lãnh đạo.")
    return cycle


def reporter_reports(user):
    """The reports of the agencies the user reports for; 403 for anyone else."""
    from reporting.models import Report

    roles = _roles(user) if is_member(user) else {"reporter": set()}
    if not roles["reporter"]:
        raise PermissionDenied("Trang này dành cho cán bộ nhập liệu của các cơ quan.")
    return Report.objects.with_context().filter(agency__in=roles["reporter"])


def reviewer_reports(user):
    """The reports of the plans the user's agencies consolidate; 403 for anyone else."""
    from reporting.models import Report

    if is_member(user) and user.is_superuser:
        return Report.objects.with_context()
    roles = _roles(user) if is_member(user) else {"reviewer": set()}
    if not roles["reviewer"]:
        raise PermissionDenied("Trang này dành cho cán bộ tổng hợp.")
    return Report.objects.with_context().filter(
        cycle__plan__consolidating_agency__in=roles["reviewer"])


def reporting_roles(user) -> set[str]:
    """The roles that decide which reporting links the navigation shows."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def can_edit_report(user, report) -> bool:
    """Whether the page may offer data entry (the edit view still asks access_report)."""
    return Membership.objects.filter(user=user, agency_id=report.agency_id,
                                     role="reporter").exists()


def can_review_plan(user, plan) -> bool:
    return user.is_superuser or Membership.objects.filter(
        user=user, agency_id=plan.consolidating_agency_id, role="reviewer").exists()


def can_review_report(user, report) -> bool:
    return can_review_plan(user, report.cycle.plan)


def access_plan_progress(user, plan_id: int):
    """A plan's dashboards: any member reads them, as they read the plan itself."""
    from childplan.models import Plan, PlanStatus

    if not is_member(user):
        raise PermissionDenied
    plans = Plan.objects.select_related("unit").exclude(status=PlanStatus.REFERENCE)
    return get_object_or_404(plans, pk=plan_id)


def staff_required(view):
    """Administrators only (plan import, set-up pages)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied("Chỉ quản trị viên được nhập kế hoạch.")
        return view(request, *args, **kwargs)

    return wrapper
