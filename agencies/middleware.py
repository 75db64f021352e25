"""An account still on its temporary password changes it before anything else."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
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
        return (path in (reverse("password_change"), reverse("logout"))
                or path.startswith("/" + settings.STATIC_URL.lstrip("/")))
