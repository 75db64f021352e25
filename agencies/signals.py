"""Sign-ins into the access log, whichever page they come through (the site, the admin), and
the note that an account signed in on a temporary password, and its interface language."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from agencies.client import client_ip
from agencies.middleware import MUST_CHANGE_PASSWORD, SESSION_LANGUAGE
from agencies.models import AccessLog, AccountProfile
from agencies.services import access_log_record


@receiver(user_logged_in, dispatch_uid="access_log_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    if request is None:
        return
    access_log_record(user=user, action=AccessLog.Action.SIGN_IN, ip=client_ip(request),
                      path=request.path)


@receiver(user_login_failed, dispatch_uid="access_log_sign_in_failed")
def record_sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    # Django has already masked the password among the credentials.
    username = str(credentials.get(get_user_model().USERNAME_FIELD, ""))
    access_log_record(user=None, username=username, action=AccessLog.Action.SIGN_IN_FAILED,
                      ip=client_ip(request), path=request.path)


@receiver(user_logged_in, dispatch_uid="temporary_password")
def note_profile(sender, request, user, **kwargs):
    """An account on a temporary password is sent to change it (agencies/middleware.py); the
    interface language the user chose applies from this request on (LanguageMiddleware)."""
    if request is None:
        return
    profile = AccountProfile.objects.filter(user=user).values(
        "must_change_password", "language").first() or {}
    if profile.get("must_change_password"):
        request.session[MUST_CHANGE_PASSWORD] = True
    if profile.get("language"):
        request.session[SESSION_LANGUAGE] = profile["language"]
