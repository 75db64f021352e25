"""An approval makes the dashboard stale, and the queued recompute makes it fresh again:
eagerly in-process on the embedded setup, through a real worker on Redis in production."""

import time

import pytest
from django.conf import settings

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.models import Refresh, Snapshot
from progress.rollup import rollup_rebuild
from reporting.services import report_approve, report_unapprove
from tests.conftest import make_user
from tests.progress.factories import commune, figure


def submitted_figure():
    plan = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    value = figure(plan, 2026, commune(vinh_long, "Xã Long Hồ"), Measure.objects.get(code="5a"),
                   97, 100, status="submitted")
    rollup_rebuild()
    return plan, vinh_long, value.report


@pytest.mark.django_db
@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="eager only without Redis")
def test_approval_recomputes_after_commit_in_process(django_capture_on_commit_callbacks):
    plan, vinh_long, report = submitted_figure()
    reviewer = make_user("reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=reviewer)
    assert not Refresh.objects.get(plan=plan).is_stale
    assert Snapshot.objects.get(plan=plan, unit=vinh_long, year=2026).value == 97

    with django_capture_on_commit_callbacks(execute=True):
        report_unapprove(report=report, by=reviewer)
    assert not Snapshot.objects.filter(plan=plan, unit=vinh_long, year=2026).exists()


@pytest.mark.django_db
def test_an_approval_marks_the_plan_stale_until_the_recompute_runs():
    plan, _, report = submitted_figure()
    report_approve(report=report, by=make_user("reviewer"))  # the test's transaction is open
    assert Refresh.objects.get(plan=plan).is_stale


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(settings.CELERY_TASK_ALWAYS_EAGER, reason="needs the Redis broker")
def test_a_real_worker_on_redis_makes_the_dashboard_fresh():
    from celery.contrib.testing.worker import start_worker

    from childplan.celery import app
    from tests.conftest import load_seed

    load_seed()
    plan, vinh_long, report = submitted_figure()
    app.control.purge()  # tasks queued by earlier tests refer to rows flushed since
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        report_approve(report=report, by=make_user("reviewer"))
        deadline = time.monotonic() + 30
        while Refresh.objects.get(plan=plan).is_stale:
            assert time.monotonic() < deadline, "the worker did not recompute within 30 s"
            time.sleep(0.05)
    assert Snapshot.objects.get(plan=plan, unit=vinh_long, year=2026).value == 97


@pytest.mark.django_db
@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="eager only without Redis")
def test_the_first_officer_after_an_approval_gets_a_ready_dashboard(
        django_capture_on_commit_callbacks, client_for, bob, django_assert_num_queries):
    from django.urls import reverse

    plan, vinh_long, report = submitted_figure()
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=make_user("reviewer"))
    client = client_for(bob)
    # The plan's own unit also reads the plans it took over and that took it over (one query).
    for unit, queries in ((plan.unit, 9), (vinh_long, 9)):  # the unit asked is read
        # Only the page's own queries: the figures were prepared by the recompute.
        with django_assert_num_queries(queries):
            response = client.get(reverse("plan_progress", args=[plan.pk]), {"unit": unit.pk})
        rows = {r.measure.code: r for b in response.context["blocks"] for r in b.rows}
        assert rows["5a"].value_text == "97"
