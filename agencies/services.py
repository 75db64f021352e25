"""Writes of the agencies app: the access log, and every change to accounts and roles.

Account changes are made by an account manager, an administrator, or the user. Each
first asks the actor's AccountAuthority (agencies/access.py) and raises AccountRefused
(403, a Vietnamese message) before anything is written: no one grants a role outside
their territory or above their own, or changes an administrator's or their own
account here. Each runs in a transaction and leaves an AccountEvent naming who did it.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from agencies.access import AccountRefused, account_authority
from agencies.models import (
    AccessLog,
    AccountEvent,
    AccountProfile,
    AdminUnit,
    Agency,
    Membership,
    Role,
    Sector,
)

Action = AccountEvent.Action
# No 0/O, 1/l/I: the temporary password is read aloud or copied from paper.
PASSWORD_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12
ASCII_USERNAME = re.compile(r"[A-Za-z0-9@.+\-_]+")
TEMPORARY_ITERATIONS = 10_000


def access_log_record(*, user, action: str, ip: str = "", path: str = "",
                      subject: models.Model | str = "", username: str = "") -> AccessLog:
    """One row of the access log. `user` may be None (a failed sign-in); `username` then
    says who was tried."""
    try:
        address = str(ipaddress.ip_address(ip)) if ip else None
    except ValueError:
        address = None
    if user is not None and not username:
        username = user.get_username()
    return AccessLog.objects.create(
        user=user if user is not None and user.pk else None, username=username[:150],
        action=action, path=path[:500], subject=str(subject)[:300], ip=address)


def access_log_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the rows older than ACCESS_LOG_KEEP_DAYS; returns how many."""
    old = AccessLog.objects.older_than(settings.ACCESS_LOG_KEEP_DAYS, now=now)
    deleted, _by_model = old.delete()
    return deleted


@dataclass(frozen=True)
class NewAccount:
    username: str
    full_name: str
    email: str = ""


@dataclass(frozen=True)
class IssuedPassword:
    """A temporary password, shown once to the manager who issued it."""

    username: str
    full_name: str
    agency: str
    password: str


def _authority(by):
    authority = account_authority(by)
    if authority is None:
        raise AccountRefused(_("Bạn không có quyền quản lý tài khoản."))
    return authority


def temporary_password() -> tuple[str, str]:
    """A new temporary password and its hash.

    The password is random (12 of 56 signs, ~70 bits) and replaced at the first sign-in, so
    it needs no slow hash: PBKDF2 at 10.000 iterations (~10 ms) instead of the portal's
    Argon2id (~20 ms idle, 80 ms on a busy server), which turned a province's 124 commune
    accounts into 11 s of one request (scripts/bench_accounts.py). At the first sign-in
    Django re-hashes it with the preferred hasher; a portal without PBKDF2 among its
    hashers gets its default hash.
    """
    password = get_random_string(PASSWORD_LENGTH, PASSWORD_CHARS)
    try:
        hasher = get_hasher("pbkdf2_sha256")
    except ValueError:
        return password, make_password(password)
    return password, hasher.encode(password, hasher.salt(), TEMPORARY_ITERATIONS)


def split_name(full_name: str) -> tuple[str, str]:
    """"Nguyễn Thị Lan" → ("Lan", "Nguyễn Thị"): given name first, as the demo accounts are."""
    family, _space, given = " ".join(full_name.split()).rpartition(" ")
    return given, family


def display_name(user) -> str:
    """The name in Vietnamese order: family and middle names, then the given name."""
    return " ".join(p for p in (user.last_name, user.first_name) if p) or user.get_username()


def validate_username(username: str) -> None:
    """Letters without tone marks, digits and @ . + - _: typed the same on every keyboard."""
    if not username:
        raise ValidationError(_("thiếu tên đăng nhập"))
    if len(username) > 150 or not ASCII_USERNAME.fullmatch(username):
        raise ValidationError(_("tên đăng nhập «%(username)s» chỉ được gồm chữ không dấu, số và "
                                "các dấu @ . + - _ (tối đa 150 ký tự)") % {"username": username})


def _check_new(account: NewAccount, *, taken: bool | None = None) -> None:
    """Refuse (ValidationError by field) an account that cannot be created; `taken` says
    whether the username is in use when the caller has already looked it up."""
    User = get_user_model()
    user = User(username=account.username, email=account.email)
    user.first_name, user.last_name = split_name(account.full_name)
    errors = {}
    if not account.full_name.strip():
        errors["full_name"] = _("Hãy ghi họ và tên.")
    try:
        validate_username(account.username)
    except ValidationError as error:
        errors["username"] = error.messages[0][:1].upper() + error.messages[0][1:] + "."
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, " ".join(messages))
    if taken is None:
        taken = User.objects.filter(username__iexact=account.username).exists()
    if taken:
        errors["username"] = _("Tên đăng nhập «%(username)s» đã có người dùng.") % {
            "username": account.username}
    if errors:
        raise ValidationError(errors)


def _create(account: NewAccount, *, agency: Agency, role: str, by, now) -> IssuedPassword:
    password, hashed = temporary_password()
    first, last = split_name(account.full_name)
    user = get_user_model().objects.create(
        username=account.username, email=account.email, first_name=first, last_name=last,
        password=hashed)
    AccountProfile.objects.create(user=user, must_change_password=True, created_by=by,
                                  created_at=now)
    Membership.objects.create(user=user, agency=agency, role=role)
    AccountEvent.objects.create(account=user, action=Action.CREATE, by=by, agency=agency,
                                role=role, at=now)
    return IssuedPassword(account.username, account.full_name.strip(), agency.name, password)


def account_create(*, by, account: NewAccount, agency: Agency, role: str,
                   now: datetime.datetime | None = None) -> IssuedPassword:
    """A new account with one role and a temporary password it must change at first sign-in."""
    _authority(by).refuse_grant(role, agency)
    _check_new(account)
    try:
        with transaction.atomic():
            return _create(account, agency=agency, role=role, by=by, now=now or timezone.now())
    except IntegrityError:
        raise ValidationError({"username": _("Tên đăng nhập «%(username)s» vừa có người dùng.")
                               % {"username": account.username}}) from None


def accounts_create_for_communes(*, by, rows: list[tuple[AdminUnit, NewAccount]],
                                 now: datetime.datetime | None = None) -> list[IssuedPassword]:
    """One reporter account per commune, at its People's Committee: all of them or none.

    The rows were read and checked by agencies/account_import.py; the territory, ranks and
    names are checked again here, where the accounts are written. A few queries for the
    whole list: a province's 130 communes are one request.
    """
    authority = _authority(by)
    now = now or timezone.now()
    User = get_user_model()
    names = [account.username.casefold() for _, account in rows]
    taken = {u.casefold() for u in User.objects.annotate(folded=Lower("username"))
             .filter(folded__in=names).values_list("username", flat=True)}
    try:
        with transaction.atomic():
            agencies = commune_agencies([commune for commune, _ in rows])
            issued, users = [], []
            for commune, account in rows:
                authority.refuse_grant(Role.REPORTER, agencies[commune.pk])
                _check_new(account, taken=account.username.casefold() in taken)
                password, hashed = temporary_password()
                first, last = split_name(account.full_name)
                users.append(User(username=account.username, email=account.email,
                                  first_name=first, last_name=last, password=hashed))
                issued.append(IssuedPassword(account.username, account.full_name.strip(),
                                             agencies[commune.pk].name, password))
            users = User.objects.bulk_create(users)
            pairs = [(user, agencies[commune.pk]) for user, (commune, _) in zip(users, rows,
                                                                                 strict=True)]
            AccountProfile.objects.bulk_create(
                AccountProfile(user=user, must_change_password=True, created_by=by,
                               created_at=now) for user, _ in pairs)
            Membership.objects.bulk_create(
                Membership(user=user, agency=agency, role=Role.REPORTER) for user, agency in pairs)
            AccountEvent.objects.bulk_create(
                AccountEvent(account=user, action=Action.CREATE, by=by, agency=agency,
                             role=Role.REPORTER, at=now) for user, agency in pairs)
    except IntegrityError:
        # A username taken by someone else meanwhile: the whole list is rolled back.
        raise ValidationError(_("Một tên đăng nhập trong danh sách vừa có người dùng; chưa tài "
                                "khoản nào được tạo, hãy tải tệp lên lại.")) from None
    return issued


def _committee_name(commune: AdminUnit) -> str:
    return f"Ủy ban nhân dân {commune.name[:1].lower()}{commune.name[1:]}"


def commune_agencies(communes: list[AdminUnit]) -> dict[int, Agency]:
    """Each commune's People's Committee (created where missing), by commune id."""
    found = {a.unit_id: a for a in Agency.objects.select_related("unit").filter(
        unit__in=communes, name__in={_committee_name(c) for c in communes})}
    missing = {c.pk: c for c in communes if c.pk not in found}
    if missing:
        Agency.objects.bulk_create(
            [Agency(unit=c, name=_committee_name(c), sector=Sector.UBND)
             for c in missing.values()], ignore_conflicts=True)
        found.update({a.unit_id: a for a in Agency.objects.select_related("unit").filter(
            unit__in=list(missing), name__in={_committee_name(c) for c in missing.values()})})
    return found


def commune_agency(commune: AdminUnit) -> Agency:
    """The commune's People's Committee, the agency through which a commune reports."""
    agency, _created = Agency.objects.get_or_create(unit=commune, name=_committee_name(commune),
                                             defaults={"sector": Sector.UBND})
    return agency


def _change(by, account, action: str, **fields) -> None:
    _authority(by).refuse_change(account)
    with transaction.atomic():
        changed = get_user_model().objects.filter(pk=account.pk).update(**fields)
        if not changed:
            raise AccountRefused(_("Tài khoản không còn tồn tại."))
        AccountEvent.objects.create(account=account, action=action, by=by, at=timezone.now())
    for name, value in fields.items():
        setattr(account, name, value)


def account_deactivate(*, by, account) -> None:
    """Lock the account: it can no longer sign in, and its open sessions end."""
    if not account.is_active:
        _authority(by).refuse_change(account)
        return
    _change(by, account, Action.DEACTIVATE, is_active=False)


def account_reactivate(*, by, account) -> None:
    if account.is_active:
        _authority(by).refuse_change(account)
        return
    _change(by, account, Action.REACTIVATE, is_active=True)


def account_reset_password(*, by, account) -> IssuedPassword:
    """A new temporary password, to be changed at the next sign-in; open sessions end."""
    _authority(by).refuse_change(account)  # before saying anything about the account
    if not account.is_active:
        raise AccountRefused(_("Tài khoản đang bị khóa: hãy mở khóa trước khi cấp lại mật "
                               "khẩu."))
    password, hashed = temporary_password()
    with transaction.atomic():
        _change(by, account, Action.RESET, password=hashed)
        AccountProfile.objects.update_or_create(user=account,
                                                defaults={"must_change_password": True})
    membership = account.memberships.select_related("agency").first()
    return IssuedPassword(account.get_username(), display_name(account),
                          membership.agency.name if membership else "", password)


def membership_grant(*, by, account, agency: Agency, role: str) -> Membership:
    authority = _authority(by)
    authority.refuse_change(account)
    authority.refuse_grant(role, agency)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=account, agency=agency,
                                                               role=role)
        if created:
            AccountEvent.objects.create(account=account, action=Action.GRANT, by=by,
                                        agency=agency, role=role, at=timezone.now())
    return membership


def membership_revoke(*, by, membership: Membership) -> None:
    """Take a role away; an account's last role stays (lock the account instead)."""
    account = membership.user
    _authority(by).refuse_change(account)
    with transaction.atomic():
        # Locked: two managers revoking an account's last two roles at once leave one.
        if len(Membership.objects.select_for_update().filter(user=account)) <= 1:
            raise AccountRefused(_("Đây là vai trò cuối cùng của tài khoản: hãy khóa tài khoản "
                                   "thay vì thu hồi."))
        membership.delete()
        AccountEvent.objects.create(account=account, action=Action.REVOKE, by=by,
                                    agency=membership.agency, role=membership.role,
                                    at=timezone.now())


def account_password_changed(*, user) -> None:
    """The user chose their own password (change page or e-mailed reset link)."""
    with transaction.atomic():
        AccountProfile.objects.filter(user=user).update(must_change_password=False)
        AccountEvent.objects.create(account=user, action=Action.PASSWORD, by=user,
                                    at=timezone.now())


def account_language_set(*, user, language: str) -> None:
    """The interface language the user chose in the header, applied at each sign-in."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": f"Ngôn ngữ không có: {language}."})
    AccountProfile.objects.update_or_create(user=user, defaults={"language": language})
