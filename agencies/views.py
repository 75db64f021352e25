"""Account pages of the consolidating office (quản lý người dùng) and each user's password.

An account manager lists, creates, locks and resets the accounts of the agencies and
communes of their territory, and creates the communes' accounts from an Excel list.
A temporary password is shown once, on the page after the action that issued it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from agencies.access import access_account, access_account_admin, managed_accounts
from agencies.account_import import ImportRefused, read_account_list, template_workbook
from agencies.forms import AccountCreateForm, AccountImportForm, MembershipGrantForm
from agencies.middleware import MUST_CHANGE_PASSWORD, SESSION_LANGUAGE
from agencies.models import Membership
from agencies.services import (
    account_create,
    account_deactivate,
    account_language_set,
    account_password_changed,
    account_reactivate,
    account_reset_password,
    accounts_create_for_communes,
    membership_grant,
    membership_revoke,
)

ISSUED = "issued_passwords"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _issue(request, issued) -> None:
    request.session[ISSUED] = [vars(i) for i in issued]


@login_required
def account_list(request):
    authority = access_account_admin(request.user)
    query = request.GET.get("q", "").strip()
    accounts = managed_accounts(authority).select_related("profile").prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("agency__unit")))
    if query:
        accounts = accounts.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                                   | Q(last_name__icontains=query)
                                   | Q(memberships__agency__name__icontains=query)).distinct()
    return render(request, "agencies/account_list.html", {"accounts": accounts, "q": query})


@login_required
def account_new(request):
    authority = access_account_admin(request.user)
    form = AccountCreateForm(authority, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = account_create(by=request.user, account=form.new_account(),
                                    agency=form.cleaned_data["agency"],
                                    role=form.cleaned_data["role"])
        except ValidationError as error:
            for name, messages_ in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages_)
        else:
            _issue(request, [issued])
            return redirect("account_issued")
    return render(request, "agencies/account_form.html", {"form": form})


@login_required
def account_issued(request):
    access_account_admin(request.user)
    issued = request.session.pop(ISSUED, None)
    if not issued:
        return redirect("account_list")
    return render(request, "agencies/account_issued.html", {"issued": issued})


@login_required
def account_detail(request, account_id: int):
    authority, account = access_account(request.user, account_id)
    return render(request, "agencies/account_detail.html", {
        "account": account, "grant_form": MembershipGrantForm(authority),
        "memberships": account.memberships.select_related("agency__unit").order_by("agency"),
        "events": account.account_events.select_related("by", "agency")[:20]})


@login_required
@require_POST
def account_deactivate_view(request, account_id: int):
    _scope, account = access_account(request.user, account_id)
    account_deactivate(by=request.user, account=account)
    messages.success(request, _("Đã khóa tài khoản %(username)s: không đăng nhập được nữa.")
                     % {"username": account.username})
    return redirect("account_detail", account.pk)


@login_required
@require_POST
def account_reactivate_view(request, account_id: int):
    _scope, account = access_account(request.user, account_id)
    account_reactivate(by=request.user, account=account)
    messages.success(request, _("Đã mở khóa tài khoản %(username)s.")
                     % {"username": account.username})
    return redirect("account_detail", account.pk)


@login_required
@require_POST
def account_reset_view(request, account_id: int):
    _scope, account = access_account(request.user, account_id)
    _issue(request, [account_reset_password(by=request.user, account=account)])
    return redirect("account_issued")


@login_required
@require_POST
def membership_grant_view(request, account_id: int):
    authority, account = access_account(request.user, account_id)
    form = MembershipGrantForm(authority, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("account_detail", account.pk)
    membership_grant(by=request.user, account=account, agency=form.cleaned_data["agency"],
                     role=form.cleaned_data["role"])
    messages.success(request, _("Đã giao vai trò."))
    return redirect("account_detail", account.pk)


@login_required
@require_POST
def membership_revoke_view(request, account_id: int, membership_id: int):
    _scope, account = access_account(request.user, account_id)
    membership = get_object_or_404(account.memberships, pk=membership_id)
    membership_revoke(by=request.user, membership=membership)
    messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("account_detail", account.pk)


@login_required
def accounts_import(request):
    authority = access_account_admin(request.user)
    form = AccountImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            listed = read_account_list(form.cleaned_data["file"], authority)
            issued = accounts_create_for_communes(by=request.user, rows=listed.rows)
        except ImportRefused as refusal:
            errors = refusal.errors
        except ValidationError as error:
            errors = error.messages
        else:
            _issue(request, issued)
            return redirect("account_issued")
    return render(request, "agencies/account_import.html", {"form": form, "errors": errors})


@login_required
def accounts_import_template(request):
    access_account_admin(request.user)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="tai-khoan-xa.xlsx"'
    return response


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        account_password_changed(user=user)
        update_session_auth_hash(request, user)
        request.session.pop(MUST_CHANGE_PASSWORD, None)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("home")
    return render(request, "registration/password_change_form.html", {"form": form})


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's page for the e-mailed link; a password chosen there is no temporary one."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        account_password_changed(user=form.user)
        return response


@require_POST
def language_switch(request):
    """The switch in the header. Django's set_language checks the language and the address to
    go back to, and sets the cookie that keeps the choice for anyone not signed in; a signed-in
    user's choice goes to their profile too, for their next sign-ins on any browser."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        account_language_set(user=request.user, language=language)
        request.session[SESSION_LANGUAGE] = language
    return response
