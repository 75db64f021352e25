"""Redis down: approvals and dashboards keep working, the page says "đang cập nhật", and
the sweep makes it fresh once Redis is back, without the nightly job.

The outage is real: the test runs its own redis-server on port 6390 as the Celery broker
and the cache, stops it, and starts it again.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.models import Refresh, Snapshot
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from reporting.services import report_approve
from tests.conftest import make_user
from tests.progress.factories import commune, figure

PORT = 6390
URL = f"redis://127.0.0.1:{PORT}/0"


class OwnRedis:
    """A redis-server of the test's own, on a port no one else uses, keeping nothing on disk."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self._answers():
            assert self.process.poll() is None, f"redis-server could not start on {PORT}"
            assert time.monotonic() < deadline, "redis-server did not answer within 10 s"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    @staticmethod
    def _answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); CI has it")
    server = OwnRedis()
    server.start()
    try:
        with _broker_and_cache(URL):
            yield server
    finally:
        server.stop()


class _broker_and_cache:
    """Celery's broker and Django's cache on the given Redis, as production configures them."""

    def __init__(self, url: str) -> None:
        from django.conf import settings

        self.url = url
        self.caches = override_settings(
            REDIS_URL=url,
            CACHES={"default": {**settings.CACHES["default"],
                                "BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                                "OPTIONS": {"IGNORE_EXCEPTIONS": True,
                                            "SOCKET_CONNECT_TIMEOUT": 0.5,
                                            "SOCKET_TIMEOUT": 0.5}}})

    def __enter__(self):
        from childplan.celery import app

        self.saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
        app.conf.update(broker_url=self.url, task_always_eager=False)
        _reconnect(app)
        self.caches.enable()

    def __exit__(self, *exc):
        from childplan.celery import app

        self.caches.disable()
        app.conf.update(self.saved)
        _reconnect(app)


def _reconnect(app) -> None:
    """Celery keeps its broker connections and producers once made: drop them, so that the
    next message goes to the broker configured now."""
    app._pool = None
    app.amqp._producer_pool = None


def _setting_up():
    """A commune figure of 2026 submitted to the national plan, whose dashboards are fresh."""
    from tests.conftest import load_seed

    load_seed()
    plan = Plan.objects.get(key="national-2021")
    province = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    value = figure(plan, 2026, commune(province, "Xã Long Hồ"), Measure.objects.get(code="5a"),
                   97, 100, status="submitted")
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    reviewer = make_user("reviewer", is_superuser=True)
    return plan, province, value.report, reviewer


def _still_stale(plan) -> bool:
    """Whether the plan still waits for its recompute. The test database of SQLite is in
    memory with a shared cache, where a read while the worker thread writes is refused at once
    ("table is locked") instead of waiting: that read counts as "not yet"."""
    from django.db import OperationalError

    try:
        return Refresh.objects.get(plan=plan).is_stale
    except OperationalError as error:
        if connection.vendor != "sqlite" or "locked" not in str(error):
            raise
        return True


def _dashboard(client, plan, province) -> tuple[str, bool]:
    response = client.get(reverse("plan_progress", args=[plan.pk]), {"unit": province.pk})
    assert response.status_code == 200
    rows = {r.measure.code: r for b in response.context["blocks"] for r in b.rows}
    return rows["5a"].value_text, "Đang cập nhật" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_approval_and_dashboard_work_and_the_sweep_catches_up(client,
                                                                              own_redis):
    from celery.contrib.testing.worker import start_worker

    from childplan.celery import app

    plan, province, report, reviewer = _setting_up()
    client.force_login(reviewer)
    assert _dashboard(client, plan, province) == ("—", False)

    own_redis.stop()
    response = client.post(reverse("report_approve", args=[report.pk]), follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "Đã duyệt báo cáo." in response.content.decode()
    # The approval is recorded; its recompute waits in the database, and the page says so.
    assert Refresh.objects.get(plan=plan).is_stale
    assert _dashboard(client, plan, province) == ("—", True)
    health = client.get(reverse("health"))
    assert health.status_code == 200
    assert json.loads(health.content) | {"worker_lag_seconds": 0} == {
        "database": True, "redis": False, "stale_plans": 1, "worker_lag_seconds": 0,
        "last_sweep_seconds_ago": None}

    own_redis.start()  # empty: the recompute's message was never queued
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task("progress.tasks.sweep_stale")  # what beat sends every minute
        deadline = time.monotonic() + 30
        while _still_stale(plan):
            assert time.monotonic() < deadline, "the sweep did not recompute within 30 s"
            time.sleep(0.05)
    assert _dashboard(client, plan, province) == ("97", False)
    health = json.loads(client.get(reverse("health")).content)
    assert health["redis"] is True and health["stale_plans"] == 0
    assert health["last_sweep_seconds_ago"] is not None


@pytest.mark.django_db
def test_the_sweep_command_recomputes_every_plan_left_pending(client_for, bob):
    plan = Plan.objects.get(key="tra-vinh-2021")
    other = Plan.objects.get(key="national-2021")
    for stale in (plan, other):
        Refresh.objects.update_or_create(plan=stale, defaults={"requested": 3, "computed": 1})
    figure(plan, 2026, plan.unit, Measure.objects.get(code="5a"), 90, 100)
    rollup_rebuild()

    call_command("refresh_stale_progress", stdout=open("/dev/null", "w"))
    assert not any(r.is_stale for r in Refresh.objects.all())
    assert Snapshot.objects.filter(plan=plan, year=2026, measure__code="5a").exists()
    html = client_for(bob).get(reverse("plan_progress", args=[plan.pk])).content.decode()
    assert "Đang cập nhật" not in html


@pytest.mark.django_db
def test_health_reports_the_oldest_wait_for_a_recompute(client, clock):
    import datetime

    from django.utils import timezone

    plan = Plan.objects.get(key="tra-vinh-2021")
    now = timezone.now()
    Refresh.objects.update_or_create(plan=plan, defaults={
        "requested": 2, "computed": 1, "stale_since": now - datetime.timedelta(seconds=90)})
    with clock(now):
        response = client.get("/suc-khoe/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = json.loads(response.content)
    assert body["database"] is True and body["stale_plans"] == 1
    assert body["worker_lag_seconds"] == 90


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client):
    from unittest import mock

    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    with mock.patch.object(CursorWrapper, "execute",
                           side_effect=OperationalError("connection refused")):
        response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] is False


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the worker runs in its own process: it needs a database server")
def test_a_recompute_whose_worker_is_killed_runs_again(own_redis):
    """The worker process running a recompute is killed (SIGKILL, as the kernel's OOM
    killer does): the message goes back to the queue and the next process completes it."""
    psutil = pytest.importorskip("psutil")
    from childplan.celery import app
    from progress import freshness

    plan, province, report, reviewer = _setting_up()
    app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "childplan", "worker", "--concurrency", "1",
         "--loglevel", "warning", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        env={**os.environ, "REDIS_URL": URL, "SECRET_KEY": "test-worker-only",
             "DATABASE_URL": _database_url()},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with connection.cursor() as cursor:  # holds the plan's lock: the recompute waits
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [freshness.LOCK_CLASS, plan.pk])
        report_approve(report=report, by=reviewer)  # commits, queues the recompute

        first = _backend_waiting_for_the_plan_lock(plan.pk)
        (child,) = psutil.Process(worker.pid).children()
        child.kill()
        second = _backend_waiting_for_the_plan_lock(plan.pk, other_than=first)
        assert second != first  # the message was delivered again, to a new process

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)",
                           [freshness.LOCK_CLASS, plan.pk])
        deadline = time.monotonic() + 60
        while Refresh.objects.get(plan=plan).is_stale:
            assert time.monotonic() < deadline, "the recompute did not run again within 60 s"
            time.sleep(0.1)
        assert Snapshot.objects.get(plan=plan, unit=province, year=2026,
                                    measure__code="5a").value == 97
    finally:
        worker.terminate()
        worker.wait(30)


def _database_url() -> str:
    settings = connection.settings_dict
    return (f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}")


def _backend_waiting_for_the_plan_lock(plan_id: int, other_than: int | None = None) -> int:
    from progress import freshness

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                           " AND classid = %s AND objid = %s", [freshness.LOCK_CLASS, plan_id])
            pids = [pid for (pid,) in cursor.fetchall() if pid != other_than]
        if pids:
            return pids[0]
        time.sleep(0.1)
    raise AssertionError("no recompute waited for the plan's lock within 60 s")


@pytest.mark.django_db
def test_health_answers_over_plain_http_where_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("login")).status_code == 301
    assert client.get("/suc-khoe/").status_code == 200
