"""The address a request came from, as sign-in throttling and the access log see it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The connection's address; behind TRUSTED_PROXIES reverse proxies, the address the
    outermost of them saw, read from the right of X-Forwarded-For (each proxy appends the
    address it received from; what lies further left the client may have written itself)."""
    if settings.TRUSTED_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        if len(forwarded) >= settings.TRUSTED_PROXIES:
            return forwarded[-settings.TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR", "")
