"""Membership reads that every access helper builds on.

The helpers that fetch scoped objects live with their nouns: plans in
childplan/access.py, reports and cycles in reporting/access.py. They all decide
from the Membership rows read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import ROLE_RANK, AdminUnit, Agency, Membership, Role


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
            raise PermissionDenied(_("Tài khoản chưa được phân quyền cho cơ quan nào."))
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(view):
    """Administrators only (plan import, set-up pages)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied(_("Chỉ quản trị viên được nhập kế hoạch."))
        return view(request, *args, **kwargs)

    return wrapper


def membership_roles(user) -> dict[str, set[int]]:
    """Agency ids by role ("reporter", "reviewer", "viewer", "manager") for a member."""
    roles: dict[str, set[int]] = {"reporter": set(), "reviewer": set(), "viewer": set(),
                                  "manager": set()}
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


# Above every role: an administrator (is_staff / is_superuser).
ADMINISTRATOR_RANK = max(ROLE_RANK.values()) + 1


class AccountRefused(PermissionDenied):
    """An account change the user may not make; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class AccountAuthority:
    """What a user may do to accounts: the units of their territory and their rank there.

    An account manager's territory is the unit of each (current) agency they manage for, the
    units below it and the old units merged into it; an administrator's is everything.
    """

    user_id: int
    rank: int
    unit_ids: frozenset[int]
    everywhere: bool = False

    def covers(self, agency: Agency) -> bool:
        return self.everywhere or agency.unit_id in self.unit_ids

    def agencies(self) -> QuerySet[Agency]:
        agencies = Agency.objects.select_related("unit")
        return agencies if self.everywhere else agencies.filter(unit__in=self.unit_ids)

    def refuse_grant(self, role: str, agency: Agency) -> None:
        """Raise AccountRefused unless the user may give `role` at `agency` today: an office
        dissolved or not yet set up takes no new role (its work has a successor)."""
        self._refuse_beyond(role, agency)
        today = timezone.localdate()
        if (agency.valid_to and agency.valid_to < today) or (
                agency.valid_from and agency.valid_from > today):
            raise AccountRefused(_("«%(agency)s — %(unit)s» không còn hoạt động: không giao vai "
                                   "trò mới tại cơ quan này.") % {"agency": agency.name,
                                                                  "unit": agency.unit.name})


    def _refuse_beyond(self, role: str, agency: Agency) -> None:
        if role not in ROLE_RANK:
            raise AccountRefused(_("«%(role)s» không phải một vai trò giao được tại đây.")
                                 % {"role": role})
        if not self.covers(agency):
            raise AccountRefused(_("«%(agency)s — %(unit)s» nằm ngoài địa bàn bạn quản lý.")
                                 % {"agency": agency.name, "unit": agency.unit.name})
        if ROLE_RANK.get(role, ADMINISTRATOR_RANK) > self.rank:
            raise AccountRefused(_("Bạn không được giao vai trò «%(role)s», cao hơn vai trò của "
                                   "chính mình.") % {"role": Role(role).label})

    def refuse_change(self, account) -> None:
        """Raise AccountRefused unless every role of `account` lies within this authority:
        in the territory, at most the user's own rank (roles at a dissolved office of the
        territory included), and never an administrator, the user themself, or, for an
        account manager, an account with no role in their territory at all."""
        if account.pk == self.user_id:
            raise AccountRefused(_("Bạn không tự thay đổi tài khoản, vai trò của chính mình "
                                   "tại đây."))
        if (account.is_staff or account.is_superuser) and self.rank < ADMINISTRATOR_RANK:
            raise AccountRefused(_("Tài khoản quản trị hệ thống chỉ quản trị viên thay đổi "
                                   "được."))
        memberships = list(account.memberships.select_related("agency__unit"))
        if not memberships and not self.everywhere:
            raise AccountRefused(_("Tài khoản %(account)s không có vai trò nào trong địa bàn "
                                   "bạn quản lý.") % {"account": account.get_username()})
        for membership in memberships:
            try:
                self._refuse_beyond(membership.role, membership.agency)
            except AccountRefused as refusal:
                raise AccountRefused(_("Tài khoản %(username)s có vai trò ngoài quyền quản lý "
                                       "của bạn: %(refusal)s") % {
                    "username": account.get_username(), "refusal": refusal}) from None


def manages_accounts(user) -> bool:
    """Whether the navigation offers the account pages (cheaper than the full authority)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Agency.objects.current().filter(
        memberships__user=user, memberships__role=Role.MANAGER).exists()


def account_authority(user) -> AccountAuthority | None:
    """The user's authority over accounts, or None if they have none."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return AccountAuthority(user.pk, ADMINISTRATOR_RANK, frozenset(), everywhere=True)
    # Only the managers of agencies that still exist: a dissolved office runs no one.
    units = set(Agency.objects.current().filter(
        memberships__user=user, memberships__role=Role.MANAGER).values_list("unit", flat=True))
    if not units:
        return None
    return AccountAuthority(user.pk, ROLE_RANK[Role.MANAGER],
                            frozenset(AdminUnit.objects.territory_ids(units)))


def access_account_admin(user) -> AccountAuthority:
    """The account pages: account managers and administrators; 403 for anyone else."""
    authority = account_authority(user)
    if authority is None:
        raise PermissionDenied(_("Trang này dành cho cán bộ quản lý tài khoản của cơ quan."))
    return authority


def managed_accounts(authority: AccountAuthority):
    """The accounts holding a role at an agency of the territory (administrators: all)."""
    users = get_user_model().objects.order_by("username")
    if authority.everywhere:
        return users
    return users.filter(memberships__agency__unit__in=authority.unit_ids).distinct()


def access_account(user, account_id: int) -> tuple[AccountAuthority, object]:
    """An account of the user's territory (404 outside it) with the user's authority."""
    authority = access_account_admin(user)
    return authority, get_object_or_404(managed_accounts(authority), pk=account_id)
