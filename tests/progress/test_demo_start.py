"""The one-command start: loading the demo computes the dashboards it shows."""

import contextlib
import time

import pytest
from django.conf import settings
from django.core.management import call_command


def worker():
    """Eager in-process without Redis; a real worker when Redis is the broker."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return contextlib.nullcontext()
    from celery.contrib.testing.worker import start_worker

    from childplan.celery import app

    app.control.purge()  # tasks queued by earlier tests refer to rows flushed since
    return start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10)


@pytest.mark.django_db(transaction=True)
def test_the_demo_load_leaves_fresh_dashboards(capsys):
    from progress.models import Refresh, Snapshot

    with worker():
        call_command("load_seed_data", "--no-communes")  # commits: the recompute is queued
        assert "yte.travinh" in capsys.readouterr().out
        deadline = time.monotonic() + 60
        while Refresh.objects.filter(computed_at__isnull=False).count() < 2 or any(
                r.is_stale for r in Refresh.objects.all()):
            assert time.monotonic() < deadline, "the dashboards were not recomputed in 60 s"
            time.sleep(0.1)
    # Triệu Sơn's, a district plan, ends with the 2024 cycle (history after the 2025 reform).
    for key, year in (("tra-vinh-2021", 2025), ("trieu-son-2021", 2024)):
        assert Snapshot.objects.filter(plan__key=key, year=year).exists()
