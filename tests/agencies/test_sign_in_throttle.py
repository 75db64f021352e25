"""Sign-in throttling (django-axes): after 5 wrong passwords for one account, or from one
address, the right password is refused too, with a Vietnamese message, until the cool-off
has passed; the site's sign-in and the admin's alike.

Personas: alice (a reporter), dung (a reporter of another agency); an attacker at 203.0.113.9.
"""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
ELSEWHERE = "198.51.100.20"
LOCKED = "Đăng nhập sai quá 5 lần"


def sign_in(client, username, password, *, address=ATTACKER, url="login"):
    return client.post(reverse(url), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def fail(client, username, times, *, address=ATTACKER, url="login") -> list[int]:
    return [sign_in(client, username, f"sai-{attempt}", address=address, url=url).status_code
            for attempt in range(times)]


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_the_limit_is_five_wrong_passwords():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_after_five_wrong_passwords_the_right_one_is_refused_in_vietnamese(client, alice):
    # Four times the form again ("mật khẩu không đúng"); the fifth locks.
    assert fail(client, "alice", 5) == [200, 200, 200, 200, 429]

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "thử lại sau 15 phút" in html
    assert not signed_in(response)


def test_four_wrong_passwords_do_not_lock_and_a_success_starts_the_count_again(client, alice):
    assert fail(client, "alice", 4) == [200] * 4
    assert signed_in(sign_in(client, "alice", PASSWORD))
    client.logout()

    assert fail(client, "alice", 4) == [200] * 4
    assert signed_in(sign_in(client, "alice", PASSWORD))


def test_a_locked_account_is_refused_from_every_address(client, alice):
    fail(client, "alice", 5)

    response = sign_in(client, "alice", PASSWORD, address=ELSEWHERE)

    assert response.status_code == 429
    assert not signed_in(response)


def test_a_locked_address_is_refused_for_every_account(client, alice, dung):
    for username in ["an", "binh", "chi", "dung.x", "giang"]:
        fail(client, username, 1)

    response = sign_in(client, "dung", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(response)


def test_another_account_from_another_address_is_not_affected(client, alice, dung):
    fail(client, "alice", 5)

    assert signed_in(sign_in(client, "dung", PASSWORD, address=ELSEWHERE))


def test_the_lock_lifts_after_the_cool_off(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail(client, "alice", 5)
        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, "alice", PASSWORD).status_code == 429

        # Trying while locked does not push the end of the lock further away.
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert signed_in(sign_in(client, "alice", PASSWORD))


def test_the_admin_sign_in_is_throttled_too(client):
    from tests.conftest import make_user

    make_user("quantri", is_staff=True, is_superuser=True)
    fail(client, "quantri", 5, url="admin:login")

    response = sign_in(client, "quantri", PASSWORD, url="admin:login")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not signed_in(response)


def test_failures_at_the_admin_count_for_the_site_sign_in(client, alice):
    fail(client, "alice", 5, url="admin:login")

    assert sign_in(client, "alice", PASSWORD).status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, alice, dung, settings):
    """With TRUSTED_PROXIES=1 the address is the last one of X-Forwarded-For; what the client
    wrote further left cannot move it out of the lock."""
    settings.TRUSTED_PROXIES = 1
    for attempt in range(5):
        client.post(reverse("login"), {"username": f"u{attempt}", "password": "x"},
                    REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.1.1.{attempt}, {ATTACKER}")

    refused = client.post(reverse("login"), {"username": "dung", "password": PASSWORD},
                          REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"9.9.9.9, {ATTACKER}")
    assert refused.status_code == 429
    # Another user behind the same proxy is not locked out with the attacker.
    allowed = client.post(reverse("login"), {"username": "alice", "password": PASSWORD},
                          REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert signed_in(allowed)


def test_an_administrator_lifts_a_lock_by_deleting_the_attempt(client, alice):
    from axes.models import AccessAttempt

    from tests.conftest import make_user

    fail(client, "alice", 5)
    admin_client = type(client)()
    admin_client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    assert admin_client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    for attempt in AccessAttempt.objects.all():
        admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]),
                          {"post": "yes"})

    assert signed_in(sign_in(client, "alice", PASSWORD))
