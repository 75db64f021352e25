"""Who calls the API: a personal token (Authorization: Bearer …) or the signed-in session.

The session serves the browsable documentation page and scripts run from a signed-in
browser; its writes need the CSRF token, as the forms do. Tokens are throttled each on
its own, sessions per user.
"""

from __future__ import annotations

from django.conf import settings
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from exchange.models import ApiToken
from exchange.services import api_token_touch, token_digest


class TokenAuth(HttpBearer):
    openapi_description = ("Mã truy cập cá nhân, tạo ở trang «Mã truy cập API» của tài khoản: "
                           "tiêu đề `Authorization: Bearer cp_…`.")

    def authenticate(self, request, token: str) -> ApiToken | None:
        if not token.startswith("cp_") or len(token) > 100:
            return None
        found = (ApiToken.objects.active().select_related("user")
                 .filter(digest=token_digest(token)).first())
        if found is None:
            return None
        api_token_touch(token=found)
        # The access helpers read request.user, as they do for the pages.
        request.user = found.user
        return found


class Session(SessionAuth):
    openapi_description = "Phiên đăng nhập của trình duyệt (trang tài liệu API); ghi cần mã CSRF."

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


token_auth = TokenAuth()
session_auth = Session()


class PerCallerThrottle(SimpleRateThrottle):
    """So many calls a minute for each token, and for each signed-in user's session."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE

    def allow_request(self, request) -> bool:
        # The rate is read at each call, not once at start-up: a setting changed is in force.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str | None:
        auth = getattr(request, "auth", None)
        if isinstance(auth, ApiToken):
            ident = f"token:{auth.digest[:32]}"
        elif auth is not None:
            ident = f"user:{auth.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
