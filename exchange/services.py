"""Writes of the exchange app: personal API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.models import ApiToken

TOKEN_PREFIX = "cp_"
# A user keeps a handful of tokens (one per system that calls the API), not hundreds.
MAX_ACTIVE_TOKENS = 20


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


NAME_MISSING = gettext_lazy("Tên gợi nhớ: chưa nhập (ví dụ «Hệ thống LGSP của tỉnh»).")


@transaction.atomic
def api_token_create(*, user, name: str, now: datetime.datetime | None = None
                     ) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and its secret, which is never stored nor shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": str(NAME_MISSING)})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": _("Mỗi người dùng có tối đa %(limit)s mã đang dùng: hãy "
                                         "thu hồi mã không còn cần.")
                               % {"limit": MAX_ACTIVE_TOKENS}})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[:10],
                                    digest=token_digest(secret), created_at=now or timezone.now())
    return token, secret


def api_token_revoke(*, token: ApiToken, now: datetime.datetime | None = None) -> bool:
    """Revoke the token from now on; False if it was already revoked."""
    claimed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now())
    token.refresh_from_db()
    return bool(claimed)


def api_token_touch(*, token: ApiToken, now: datetime.datetime | None = None) -> None:
    """Note when the token was last used, at most once a minute (a write per request is waste)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
