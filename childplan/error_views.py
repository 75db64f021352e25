"""Pages for refused requests whose defaults are English: a sign-in locked after too many
wrong passwords."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """django-axes refused a sign-in: too many wrong passwords for the account or from the
    address. Shown for the site's and the admin's sign-in alike."""
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
