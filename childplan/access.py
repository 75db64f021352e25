"""Who may read which plan. Views fetch plans only through these helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agencies.access import is_member
from childplan.models import Plan, PlanStatus


def access_plan(user, plan_id: int) -> Plan:
    """A plan any member may read: plans are public documents of the agencies."""
    if not is_member(user):
        raise PermissionDenied
    plans = Plan.objects.with_unit().with_targets().exclude(status=PlanStatus.REFERENCE)
    return get_object_or_404(plans, pk=plan_id)


def access_plan_progress(user, plan_id: int) -> Plan:
    """A plan's dashboards: any member reads them, as they read the plan itself."""
    if not is_member(user):
        raise PermissionDenied
    plans = Plan.objects.select_related("unit").exclude(status=PlanStatus.REFERENCE)
    return get_object_or_404(plans, pk=plan_id)
