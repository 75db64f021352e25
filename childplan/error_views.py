"""Pages for refused requests whose Django defaults are English: a failed CSRF check and a
sign-in locked after too many wrong passwords. (400, 403, 404 and 500 are templates.)"""

from __future__ import annotations

from django.conf import settings
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """The form was sent without a valid token: most often a page left open past the end of
    its session, or a browser that refuses cookies. The reason (English) goes to the log."""
    return render(request, "403_csrf.html", {"no_cookie": reason == REASON_NO_CSRF_COOKIE},
                  status=403)


def locked_out(request, original_response=None, credentials=None):
    """django-axes refused a sign-in: too many wrong passwords for the account or from the
    address. Shown for the site's and the admin's sign-in alike."""
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
