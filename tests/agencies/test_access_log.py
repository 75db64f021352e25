"""The access log: every sign-in, failed or not, through the site or the admin, with who and
from where; read-only in the admin; rows older than a year purged by the nightly job."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agencies.models import AccessLog
from agencies.services import access_log_record
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_logged_with_who_and_from_where(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD},
                REMOTE_ADDR="203.0.113.4")

    row = AccessLog.objects.get()
    assert (row.action, row.user, row.username, row.ip, row.path) == (
        "sign_in", alice, "alice", "203.0.113.4", reverse("login"))


def test_a_failed_sign_in_is_logged_with_the_name_tried_and_never_the_password(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": "doan-mo-123"},
                REMOTE_ADDR="203.0.113.4")

    row = AccessLog.objects.get()
    assert (row.action, row.user, row.username, row.ip) == (
        "sign_in_failed", None, "alice", "203.0.113.4")
    assert "doan-mo-123" not in str(AccessLog.objects.values().get())


def test_a_sign_in_refused_by_the_lock_is_logged_as_a_failure(client, alice):
    for attempt in range(6):
        client.post(reverse("login"), {"username": "alice", "password": f"sai-{attempt}"})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert list(AccessLog.objects.values_list("action", flat=True)) == ["sign_in_failed"] * 7


def test_the_admin_sign_in_is_logged_too(client):
    make_user("quantri", is_staff=True, is_superuser=True)
    client.post(reverse("admin:login"), {"username": "quantri", "password": PASSWORD})
    client.post(reverse("admin:login"), {"username": "quantri", "password": "sai"})

    assert list(AccessLog.objects.order_by("at", "pk").values_list("action", "path")) == [
        ("sign_in", reverse("admin:login")), ("sign_in_failed", reverse("admin:login"))]


def test_an_address_that_is_not_one_is_kept_out_of_the_row(alice):
    row = access_log_record(user=alice, action="api_read", ip="not-an-address", path="/api/x")
    assert (row.ip, row.username) == (None, "alice")


def test_the_admin_shows_the_log_and_allows_no_change(client, alice):
    access_log_record(user=alice, action="sign_in", ip="203.0.113.4")
    admin = make_user("quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    row = AccessLog.objects.get(username="alice")

    page = client.get(reverse("admin:agencies_accesslog_changelist")).content.decode()
    assert "203.0.113.4" in page and "Đăng nhập" in page
    assert client.get(reverse("admin:agencies_accesslog_add")).status_code == 403
    assert client.get(reverse("admin:agencies_accesslog_delete", args=[row.pk])).status_code \
        == 403
    client.post(reverse("admin:agencies_accesslog_change", args=[row.pk]),
                {"username": "someone-else", "action": "export"})
    row.refresh_from_db()
    assert (row.username, row.action) == ("alice", "sign_in")


def _aged(days: float) -> AccessLog:
    row = access_log_record(user=None, username=f"{days}d", action="sign_in_failed",
                            ip="198.51.100.1")
    AccessLog.objects.filter(pk=row.pk).update(
        at=timezone.now() - datetime.timedelta(days=days))
    return row


def test_the_purge_deletes_rows_older_than_a_year_and_keeps_the_rest(capsys):
    for days in (0, 364, 365.01, 800):
        _aged(days)

    call_command("purge_access_log")

    assert sorted(AccessLog.objects.values_list("username", flat=True)) == ["0d", "364d"]
    assert "Đã xóa 2 dòng" in capsys.readouterr().out


def test_the_nightly_job_purges_and_is_scheduled(settings):
    from agencies.tasks import purge_access_log

    _aged(400)
    _aged(1)
    assert purge_access_log.apply().get(timeout=10) == 1
    assert AccessLog.objects.count() == 1
    assert settings.CELERY_BEAT_SCHEDULE["agencies-purge-access-log"]["task"] == \
        "agencies.tasks.purge_access_log"


def test_the_period_kept_is_configurable(settings):
    settings.ACCESS_LOG_KEEP_DAYS = 30
    _aged(31)
    _aged(29)

    call_command("purge_access_log")

    assert list(AccessLog.objects.values_list("username", flat=True)) == ["29d"]
