"""Who may read which plan, and who may prepare a successor plan. Views fetch plans only
through these helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from agencies.access import is_member
from agencies.models import AdminUnit, Membership, Role
from childplan.models import HEALTH_DEPARTMENT, Plan, PlanStatus


def access_plan(user, plan_id: int) -> Plan:
    """A plan any member may read: plans are public documents of the agencies."""
    if not is_member(user):
        raise PermissionDenied
    plans = (Plan.objects.with_unit().with_targets().prefetch_related("unit__successors")
             .exclude(status=PlanStatus.REFERENCE))
    return get_object_or_404(plans, pk=plan_id)


def access_plan_progress(user, plan_id: int) -> Plan:
    """A plan's dashboards: any member reads them, as they read the plan itself."""
    if not is_member(user):
        raise PermissionDenied
    plans = Plan.objects.select_related("unit").exclude(status=PlanStatus.REFERENCE)
    return get_object_or_404(plans, pk=plan_id)


def can_plan_successor(user, province: AdminUnit | None) -> bool:
    """Whether the user may prepare a new plan of `province` taking over old ones.

    The rule: administrators (staff), and the cán bộ tổng hợp (reviewers) of the province's
    Sở Y tế, the office that has consolidated a province's child plans since 01/03/2025 and
    that the new plan names. Not its reporters, leaders (viewers) or account managers; not the
    offices of the old units (old Trà Vinh's), which no longer exist; not another province's.
    """
    if province is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(user=user, role=Role.REVIEWER, agency__unit=province,
                                     agency__name=HEALTH_DEPARTMENT).exists()


def access_successor_planning(user, plan_id: int) -> tuple[Plan, AdminUnit]:
    """A plan the user may read, and today's province it lies in, if the user may prepare
    that province's successor plan (403 otherwise; 404 for a plan they may not read)."""
    plan = access_plan(user, plan_id)
    province = plan.unit.province_today()
    if not can_plan_successor(user, province):
        raise PermissionDenied(_("Chỉ cán bộ tổng hợp của Sở Y tế tỉnh và quản trị viên được "
                                 "lập kế hoạch kế nhiệm."))
    if plan.status == PlanStatus.DRAFT:
        raise PermissionDenied(_("Kế hoạch này còn là dự thảo: hãy chỉnh sửa và ban hành dự "
                                 "thảo, không lập kế hoạch kế nhiệm cho nó."))
    return plan, province


def can_edit_draft(user, plan: Plan) -> bool:
    """Whether the user may edit and issue `plan`: a draft, and the user may prepare the
    successor plans of the province it lies in (can_plan_successor)."""
    return plan.status == PlanStatus.DRAFT and can_plan_successor(user, plan.unit.province_today())


def access_draft_editing(user, plan_id: int) -> Plan:
    """A plan whose draft page the user may open: those who may prepare its province's
    successor plans (403 otherwise; 404 for a plan they may not read). The page of a plan no
    longer a draft only reads; the caller checks the status before any write."""
    plan = access_plan(user, plan_id)
    if not can_plan_successor(user, plan.unit.province_today()):
        raise PermissionDenied(_("Chỉ cán bộ tổng hợp của Sở Y tế tỉnh và quản trị viên được "
                                 "chỉnh sửa và ban hành dự thảo kế hoạch."))
    return plan
