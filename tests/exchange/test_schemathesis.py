"""schemathesis against the API's own OpenAPI schema, through the WSGI app, on a seeded
portal: no answer is a server error, none departs from the schema (body, status code,
content type). Kept small (a few examples per operation) so it runs in well under two
minutes."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


@pytest.fixture
def portal(db, api, alice, bob, report, tra_vinh_plan, token_for):
    """A cycle with Sở Y tế's figures approved and the plan's snapshots computed; alice's
    token (she reports, so the write endpoints are reached, not only refused)."""
    from progress.services import snapshots_recompute
    from tests.exchange.test_figures import FIGURES

    api(alice).post(f"/api/v1/reports/{report.pk}/figures",
                    {"version": report.version, "submit": True, "figures": FIGURES})
    api(bob).post(f"/api/v1/reports/{report.pk}/approve")
    snapshots_recompute(plan=tra_vinh_plan)
    return token_for(alice)


@pytest.fixture
def wsgi_calls(settings, portal):
    from django.core import signals
    from django.db import close_old_connections

    settings.API_THROTTLE_RATE = "100000/m"
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    # The WSGI handler closes the database connection at the end of a request, as Django's
    # test client does not: inside the test's transaction that would lose it. (After the
    # portal is seeded: the test client puts the receivers back after each of its requests.)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def served(api) -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))


def _schema():
    """The schema the API serves at /api/v1/openapi.json, called through the WSGI app."""
    from exchange.api import api

    loaded = schemathesis.openapi.from_dict(served(api))
    # A handler built for each call: it reads the settings in force in the test (the plain
    # HTTP of the test suite, the hosts and rate above), not those at import.
    loaded.app = lambda environ, start_response: get_wsgi_application()(environ, start_response)
    return loaded


schema = _schema()


def test_the_schema_is_the_one_served(client):
    from exchange.api import api

    assert client.get("/api/v1/openapi.json").json() == served(api)


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case, portal, wsgi_calls):
    case.call_and_validate(headers={"Authorization": f"Bearer {portal}"}, checks=CHECKS)
