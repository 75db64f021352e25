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
    return user.is_superuser or Membership.objects.filter(user=user).exists()


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
