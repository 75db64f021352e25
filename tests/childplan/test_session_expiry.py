"""A signed-in session ends after 30 minutes without a request; each request starts the 30
minutes again."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def opens_the_plans(client) -> bool:
    return client.get(reverse("plan_list")).status_code == 200


def test_a_session_left_idle_for_31_minutes_is_signed_out(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
        assert opens_the_plans(client)

        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("plan_list"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_session_in_use_stays_open_past_30_minutes(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
        for _ in range(4):
            clock.shift(datetime.timedelta(minutes=20))
            assert opens_the_plans(client)


def test_the_idle_time_is_configurable(client, alice, settings):
    settings.SESSION_COOKIE_AGE = 10 * 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
        clock.shift(datetime.timedelta(minutes=11))
        assert not opens_the_plans(client)


def session_writes(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)


def test_a_busy_session_is_written_at_most_once_a_minute(client, alice):
    url = reverse("plan_list")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
        assert [session_writes(client, url) for _ in range(3)] == [0, 0, 0]

        clock.shift(datetime.timedelta(seconds=61))
        assert [session_writes(client, url) for _ in range(3)] == [1, 0, 0]
