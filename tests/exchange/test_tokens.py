"""Personal API tokens: made and revoked by their owner on the account page, shown once,
kept only as a hash; calls throttled per token; every API read in the access log."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.urls import reverse

from agencies.models import AccessLog
from exchange.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_only_its_hash_is_kept(client_for, alice):
    client = client_for(alice)
    page = client.post(reverse("api_tokens"), {"name": "Hệ thống LGSP"}).content.decode()

    token = ApiToken.objects.get(user=alice)
    secret = page.split('<code id="token-secret">')[1].split("</code>")[0]
    assert secret.startswith("cp_") and len(secret) > 40
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())
    again = client.get(reverse("api_tokens")).content.decode()
    assert secret not in again and "Hệ thống LGSP" in again and token.prefix in again

    response = client.get("/api/v1/catalogue", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_a_name_is_required(client_for, alice):
    page = client_for(alice).post(reverse("api_tokens"), {"name": " "}).content.decode()
    assert "Tên gợi nhớ: chưa nhập" in page
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_opens_the_api(client_for, alice, api, token_for):
    secret = token_for(alice)
    caller = api(None, secret=secret)
    assert caller.get("/api/v1/catalogue").status_code == 200

    client = client_for(alice)
    token = ApiToken.objects.get(user=alice)
    response = client.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "Đã thu hồi mã" in response.content.decode()
    refused = caller.get("/api/v1/catalogue")
    assert refused.status_code == 401
    assert "Chưa xác thực" in refused.json()["detail"]


def test_no_one_revokes_another_users_token(client_for, alice, bob, token_for):
    token_for(alice)
    token = ApiToken.objects.get(user=alice)
    assert client_for(bob).post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_needs_a_sign_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_calls_are_throttled_per_token(api, alice, token_for, settings):
    settings.API_THROTTLE_RATE = "3/m"
    first, second = api(None, secret=token_for(alice)), api(None, secret=token_for(alice))
    assert [first.get("/api/v1/catalogue").status_code for _ in range(3)] == [200] * 3
    refused = first.get("/api/v1/catalogue")
    assert refused.status_code == 429
    assert "quá nhiều yêu cầu" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # Another token of the same person has its own allowance.
    assert second.get("/api/v1/catalogue").status_code == 200


def test_an_api_read_is_in_the_access_log(api, alice, tra_vinh_plan):
    api(alice).get("/api/v1/snapshots", plan=tra_vinh_plan.pk, year=2025)
    row = AccessLog.objects.get()
    assert (row.action, row.user, row.path) == ("api_read", alice, "/api/v1/snapshots")
    assert f"plan={tra_vinh_plan.pk}" in row.subject


def test_a_refused_read_is_not_logged_as_a_read(api, charlie):
    api(charlie).get("/api/v1/catalogue")
    assert not AccessLog.objects.exists()


def test_the_documentation_page_is_vietnamese_and_runs_only_our_own_scripts(client_for, alice):
    response = client_for(alice).get(reverse("api_docs"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Các báo cáo tài khoản được xem" in page and "Tham số" in page
    # No documentation viewer from elsewhere, nothing inline: only the site's own static files
    # and its own translation catalogue for scripts.
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all(re.search(r'src="(/static/js/[\w.-]+\.js|/jsi18n/)"', s)
                           for s in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert 'href="/api/v1/catalogue"' in page
