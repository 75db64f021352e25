"""Writes of the agencies app: the access log."""

from __future__ import annotations

import datetime
import ipaddress

from django.conf import settings
from django.db import models

from agencies.models import AccessLog


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
    deleted, _ = AccessLog.objects.older_than(settings.ACCESS_LOG_KEEP_DAYS, now=now).delete()
    return deleted
