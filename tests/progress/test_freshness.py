"""The "đang cập nhật" marker tells the truth: it stays on until the snapshots hold every
approval made before, a burst of approvals costs one recompute, and two recomputes of one
plan at once both succeed (PostgreSQL)."""

import threading
import time
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress import freshness, services
from progress.models import Refresh, Snapshot
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from progress.tasks import recompute_plan
from reporting.services import report_approve
from tests.conftest import make_user
from tests.progress.factories import commune, figure


def submitted(plan, province, name, numerator, year=2026):
    value = figure(plan, year, commune(province, name), Measure.objects.get(code="5a"),
                   numerator, 100, status="submitted")
    return value.report


def vinh_long():
    return AdminUnit.objects.get(level="province", code="86", valid_to=None)


def shown_5a(client, plan, unit):
    response = client.get(reverse("plan_progress", args=[plan.pk]), {"unit": unit.pk})
    rows = {r.measure.code: r for b in response.context["blocks"] for r in b.rows}
    return rows["5a"].value_text, "Đang cập nhật" in response.content.decode()


@pytest.mark.django_db
def test_an_approval_made_while_a_recompute_runs_keeps_the_marker_on(client_for, bob):
    plan = Plan.objects.get(key="national-2021")
    province = vinh_long()
    first = submitted(plan, province, "Xã Long Hồ", 90)
    second = submitted(plan, province, "Xã Tân Hạnh", 70)
    rollup_rebuild()
    reviewer = make_user("reviewer")
    report_approve(report=first, by=reviewer)

    original = services.plan_sums

    def figures_read_then_second_approved(*args, **kwargs):
        figures = original(*args, **kwargs)
        # The second approval lands once the recompute has read the figures.
        report_approve(report=second, by=reviewer)
        return figures

    with mock.patch.object(services, "plan_sums", figures_read_then_second_approved):
        recompute_plan(plan.pk)

    client = client_for(bob)
    # The snapshots hold the first approval only: the page says it is still updating.
    assert shown_5a(client, plan, province) == ("90", True)
    assert Refresh.objects.get(plan=plan).is_stale

    recompute_plan(plan.pk)  # the second approval's own task
    assert shown_5a(client, plan, province) == ("80", False)


@pytest.mark.django_db
def test_a_burst_of_approvals_costs_one_recompute():
    plan = Plan.objects.get(key="national-2021")
    province = vinh_long()
    reports = [submitted(plan, province, f"Xã Thử {n}", 60 + n) for n in range(20)]
    rollup_rebuild()
    reviewer = make_user("reviewer")
    for report in reports:
        report_approve(report=report, by=reviewer)
    assert Refresh.objects.get(plan=plan).requested == 20

    with mock.patch.object(services, "snapshots_recompute",
                           wraps=services.snapshots_recompute) as recompute:
        for _ in reports:  # the twenty tasks the approvals queued
            recompute_plan(plan.pk)
    assert recompute.call_count == 1
    refresh = Refresh.objects.get(plan=plan)
    assert (refresh.requested, refresh.computed, refresh.pending) == (20, 20, {})
    snapshot = Snapshot.objects.get(plan=plan, unit=province, year=2026,
                                    measure__code="5a")
    assert snapshot.units_reported == 20 and snapshot.value == sum(range(60, 80)) / 20


@pytest.mark.django_db
def test_the_same_recompute_twice_gives_identical_snapshots():
    """What a message delivered twice (its worker killed after the work) does."""
    plan = Plan.objects.get(key="national-2021")
    province = vinh_long()
    report_approve(report=submitted(plan, province, "Xã Long Hồ", 90), by=make_user("reviewer"))
    rollup_rebuild()

    def rows():
        return list(Snapshot.objects.filter(plan=plan).order_by("pk").values())

    snapshots_recompute(plan=plan)
    once = rows()
    snapshots_recompute(plan=plan)
    assert rows() == once
    Refresh.objects.filter(plan=plan).update(computed=0)  # as if the first run was lost
    recompute_plan(plan.pk)
    assert rows() == once and not Refresh.objects.get(plan=plan).is_stale


def test_tasks_are_acknowledged_after_they_run_and_requeued_when_their_worker_dies():
    from progress.tasks import recompute_all, sweep_stale

    for task in (recompute_plan, sweep_stale, recompute_all):
        assert task.acks_late and task.reject_on_worker_lost
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert any(entry["task"] == "progress.tasks.sweep_stale" and entry["schedule"] <= 60
               for entry in settings.CELERY_BEAT_SCHEDULE.values())


@pytest.mark.django_db
def test_a_plan_stale_before_generations_is_recomputed_whole():
    plan = Plan.objects.get(key="national-2021")
    Refresh.objects.update_or_create(plan=plan, defaults={"requested": 1, "pending": {}})
    with mock.patch.object(services, "plan_sums",
                           wraps=services.plan_sums) as read:
        recompute_plan(plan.pk)
    assert read.call_args.args[1:] == (None, None)  # every measure, every province
    assert not Refresh.objects.get(plan=plan).is_stale


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite lets one writer in at a time; the collision needs PostgreSQL")
def test_two_recomputes_of_one_plan_at_once_both_succeed():
    """The first snapshot of a new year, inserted by two recomputes at once (the nightly job
    and an approval's task): the second waits for the plan's lock, then finds them written."""
    from tests.conftest import load_seed

    load_seed()
    plan = Plan.objects.get(key="national-2021")
    province = vinh_long()
    figure(plan, 2027, commune(province, "Xã Long Hồ"), Measure.objects.get(code="5a"), 97, 100)
    rollup_rebuild()

    first_inside, release = threading.Event(), threading.Event()
    original_end = freshness.recompute_end
    errors, results = [], []

    def end_held_open_by_the_first(*args, **kwargs):
        if not first_inside.is_set():
            first_inside.set()  # its snapshots inserted, not committed
            release.wait(30)
        return original_end(*args, **kwargs)

    def recompute():
        try:
            results.append(snapshots_recompute(plan=Plan.objects.get(pk=plan.pk)))
        except Exception as error:  # reported below, with the other thread's outcome
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(freshness, "recompute_end", end_held_open_by_the_first):
        first = threading.Thread(target=recompute)
        first.start()
        assert first_inside.wait(30)
        second = threading.Thread(target=recompute)
        second.start()
        waiting = _waits_for_the_plan_lock(plan.pk)
        release.set()
        first.join(60)
        second.join(60)
    assert errors == [] and len(results) == 2
    assert waiting, "the second recompute did not wait for the plan's lock"
    snapshot = Snapshot.objects.get(plan=plan, unit=province, year=2027, measure__code="5a")
    assert snapshot.value == 97
    assert Snapshot.objects.filter(plan=plan, year=2027, measure__code="5a").count() == 2


def _waits_for_the_plan_lock(plan_id: int) -> bool:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                           "NOT granted AND classid = %s AND objid = %s",
                           [freshness.LOCK_CLASS, plan_id])
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(("pending", "measures", "provinces", "units", "widened"), [
    ({}, [3, 1], [7], [70], {"measures": [1, 3], "provinces": [7], "units": [70]}),
    ({}, [1], None, None, {"measures": [1], "provinces": None, "units": None}),
    ({"measures": [1], "provinces": [7], "units": [70]}, [2], [8], [80],
     {"measures": [1, 2], "provinces": [7, 8], "units": [70, 80]}),
    ({"measures": [1], "provinces": [7], "units": [70]}, [1], [7], [70],
     {"measures": [1], "provinces": [7], "units": [70]}),
    ({"measures": [1], "provinces": None, "units": [70]}, [2], [8], None,
     {"measures": [1, 2], "provinces": None, "units": None}),
    ({"measures": None, "provinces": [7], "units": [70]}, [2], [7], [71],
     {"measures": None, "provinces": [7], "units": [70, 71]}),
    # A scope kept before units were: every unit.
    ({"measures": [1], "provinces": [7]}, [1], [7], [70],
     {"measures": [1], "provinces": [7], "units": None}),
])
def test_what_is_pending_grows_with_each_request(pending, measures, provinces, units, widened):
    assert freshness.widen(pending, measure_ids=measures, province_ids=provinces,
                           unit_ids=units) == widened
