"""API reads into the access log: who read what, when, from where."""

from __future__ import annotations

from agencies.client import client_ip
from agencies.models import AccessLog
from agencies.services import access_log_record

API_PREFIX = "/api/v1/"


class ApiReadLogMiddleware:
    """One access-log row for every successful authenticated GET under /api/v1/.

    Placed here rather than in each endpoint so that no read can forget it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method == "GET" and request.path.startswith(API_PREFIX)
                and response.status_code == 200 and getattr(request, "auth", None) is not None):
            query = request.META.get("QUERY_STRING", "")
            access_log_record(user=request.user, action=AccessLog.Action.API_READ,
                              ip=client_ip(request), path=request.path,
                              subject=f"{request.path}?{query}" if query else request.path)
        return response
