"""An account still on its temporary password changes it before anything else."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

# Set at sign-in (agencies/signals.py) for an account whose password a manager issued; a
# new password ends every other session of the account, so the flag need not be re-read.
MUST_CHANGE_PASSWORD = "must_change_password"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (getattr(request, "session", None) is not None
                and request.session.get(MUST_CHANGE_PASSWORD)
                and request.user.is_authenticated
                and not self._allowed(request.path_info)):
            messages.info(request, _("Đây là lần đăng nhập đầu tiên (hoặc mật khẩu vừa được "
                                     "cấp lại): hãy đặt mật khẩu của riêng bạn trước khi tiếp "
                                     "tục."))
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        return (path in (reverse("password_change"), reverse("logout"),
                         reverse("language_switch"))
                or path.startswith("/" + settings.STATIC_URL.lstrip("/")))


# The signed-in user's interface language, copied into the session from their profile at
# sign-in (agencies/signals.py) and by the switch (agencies/views.py language_switch), so no
# request reads the profile again.
SESSION_LANGUAGE = "language"


def request_language(request) -> str:
    """The language a request is answered in: the signed-in user's choice, else the browser's
    cookie (set by the switch, kept after sign-out), else the default (Vietnamese). A browser's
    Accept-Language is not asked: Vietnamese is everyone's default; an API client's is."""
    languages = dict(settings.LANGUAGES)
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is not None and user is not None and user.is_authenticated:
        chosen = session.get(SESSION_LANGUAGE)
        if chosen in languages:
            return chosen
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in languages:
        return chosen
    if request.path.startswith("/api/"):
        # A program calling the API has no switch to press: it asks in Accept-Language.
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Work done after the request (a task run in-process) speaks the default again.
            translation.activate(settings.LANGUAGE_CODE)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
