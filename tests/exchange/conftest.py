"""API fixtures: tokens for the personas, a client that sends them, a clean throttle."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import approved_history, cycle, other_report, report  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_throttle():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def token_for():
    from exchange.services import api_token_create

    def make(user, name="Hệ thống thử"):
        return api_token_create(user=user, name=name)[1]

    return make


@pytest.fixture
def api(token_for):
    """api(user).get(path, **params) / .post(path, json): a client of its own sending the
    user's token (never the session of a persona signed in by the same test)."""
    from django.test import Client

    client = Client()

    class Caller:
        def __init__(self, secret):
            self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

        def get(self, path, **params):
            return client.get(path, params, headers=self.headers)

        def post(self, path, json=None, *, body=None, content_type="application/json", **params):
            import json as json_module
            from urllib.parse import urlencode

            data = body if body is not None else json_module.dumps(json or {})
            url = f"{path}?{urlencode(params)}" if params else path
            return client.post(url, data, content_type=content_type, headers=self.headers)

    def make(user=None, *, secret=None):
        if secret is None and user is not None:
            secret = token_for(user)
        return Caller(secret)

    return make
