"""Signed-in sessions end after SESSION_COOKIE_AGE (30 minutes) without a request.

Django's SESSION_SAVE_EVERY_REQUEST would do it at the price of one database write per
request, paid on the busiest day by every page. Here a session is saved again (and its end
moved on) only when its last recorded activity is at least a minute old: at most one write a
minute per user, and a session still ends between 29 and 30 minutes after the last request.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

SEEN = "childplan_seen_at"
REFRESH_SECONDS = 60


def _touch(session, now: float) -> None:
    session[SEEN] = int(now)


class IdleSessionMiddleware:
    """After the authentication middleware, so that the user is known; inside the session
    middleware, which saves what this marks as modified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            if now - request.session.get(SEEN, 0) >= REFRESH_SECONDS:
                _touch(request.session, now)
        return response


@receiver(user_logged_in, dispatch_uid="session_seen_at_sign_in")
def _seen_at_sign_in(sender, request, user, **kwargs):
    # Signing in saves the session anyway: the first minute needs no second write.
    if request is not None and hasattr(request, "session"):
        _touch(request.session, timezone.now().timestamp())
