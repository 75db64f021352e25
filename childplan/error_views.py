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


class MethodNotAllowedPage:
    """A page address asked with the wrong method (a GET on an action that only takes a form's
    POST, e.g. an address copied from the bar): Django answers 405 with an empty body, which
    browsers show as their own English error. Here it gets the site's page in Vietnamese.
    The API keeps its own JSON answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code != 405 or response.content
                or request.path_info.startswith("/api/")):
            return response
        page = render(request, "405.html", {"allowed": response.get("Allow", "")}, status=405)
        page["Allow"] = response.get("Allow", "")
        return page
