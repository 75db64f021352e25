"""Membership reads that every access helper builds on.

The helpers that fetch scoped objects live with their nouns: plans in
childplan/access.py, reports and cycles in reporting/access.py. They all decide
from the Membership rows read here.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

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


def staff_required(view):
    """Administrators only (plan import, set-up pages)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied("Chỉ quản trị viên được nhập kế hoạch.")
        return view(request, *args, **kwargs)

    return wrapper


def membership_roles(user) -> dict[str, set[int]]:
    """Agency ids by role ("reporter", "reviewer", "viewer") for a signed-in member."""
    roles: dict[str, set[int]] = {"reporter": set(), "reviewer": set(), "viewer": set()}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency", "role"):
        roles.setdefault(role, set()).add(agency_id)
    return roles


def reporting_roles(user) -> set[str]:
    """The roles that decide which reporting links the navigation shows."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def has_role(user, agency_id: int | None, role: str) -> bool:
    return Membership.objects.filter(user=user, agency_id=agency_id, role=role).exists()
