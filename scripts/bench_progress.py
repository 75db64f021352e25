"""Benchmark of aggregation and dashboards on PostgreSQL (a benchmark, not a test).

Prints one JSON line per figure:
- the full recompute of the national plan and, in the same run, a raw SQL GROUP BY over
  the same values (the floor): the snapshots of the nation and its provinces, then apart
  the statuses of the 3,321 communes the recompute now stores for the pages (measured by
  phase: the grouping SQL, the rest of Python, the writes);
- the time from one approval to its dashboard being fresh, through a real Celery worker
  on Redis;
- server time p50/p95 and query count of the national overview, a province overview and a
  measure page, cold (cache cleared before each request) and warm.

Usage: make bench  (DATABASE_URL and REDIS_URL default to local PostgreSQL and Redis)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_bench_progress")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


FLOOR_SQL = """
SELECT m.province_id, v.measure_id, c.year, SUM(v.numerator), SUM(v.denominator), COUNT(*)
FROM reporting_value v
JOIN reporting_report r ON r.id = v.report_id
JOIN reporting_reportingcycle c ON c.id = r.cycle_id
JOIN progress_unitrollup m ON m.unit_id = r.unit_id
WHERE c.plan_id = %s AND r.status = 'approved'
GROUP BY m.province_id, v.measure_id, c.year
"""


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from childplan.models import Plan
    from progress.rollup import rollup_rebuild
    from progress.services import (
        commune_statuses_recompute,
        snapshots_recompute,
        unit_snapshots_recompute,
    )
    from progress.synthetic import AGENCY_NAME, generate
    from reporting.models import Value

    call_command("migrate", verbosity=0)
    call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
    plan = Plan.objects.select_related("unit").get(key="national-2021")
    values = Value.objects.filter(report__agency__name=AGENCY_NAME).count()
    if values < 600_000:
        started = time.perf_counter()
        values = generate()["values"]
        emit(figure="dataset_generated", values=values,
             seconds=round(time.perf_counter() - started, 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rollup_rebuild()

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [plan.pk])
            return len(cursor.fetchall())

    from progress.models import CommuneStatus, Snapshot

    def from_empty():
        Snapshot.objects.filter(plan=plan).delete()
        with transaction.atomic():
            return unit_snapshots_recompute(plan=plan)

    def communes():
        with transaction.atomic():
            return commune_statuses_recompute(plan=plan)

    floor_s, groups = timed(floor)
    phases = by_phase(lambda: from_empty())
    recompute_s, rows = timed(from_empty)
    emit(figure="full_recompute", values=values, snapshots=rows,
         seconds=round(recompute_s, 3), floor_group_by_seconds=round(floor_s, 3),
         floor_groups=groups, ratio_to_floor=round(recompute_s / floor_s, 2),
         phases=phases, writes="every snapshot of the nation and its 34 provinces (table "
         "emptied before each run)", targets="≤ 3× floor and < 10 s")
    CommuneStatus.objects.filter(plan=plan).delete()
    communes_s, commune_rows = timed(communes, repeat=1)
    emit(figure="full_recompute_commune_statuses", communes=3321, rows=commune_rows,
         seconds=round(communes_s, 3), phases=by_phase(communes),
         total_with_snapshots_seconds=round(recompute_s + communes_s, 3),
         ratio_total_to_floor=round((recompute_s + communes_s) / floor_s, 2),
         note="each commune's latest figure and status, stored so that no page judges "
              "them on read; recomputed per approved unit, and in full by the nightly job")
    unchanged_s, _ = timed(lambda: snapshots_recompute(plan=plan), repeat=1)
    emit(figure="full_recompute_unchanged", seconds=round(unchanged_s, 3),
         ratio_to_floor=round(unchanged_s / floor_s, 2),
         writes="no snapshot (the nightly job when nothing changed); commune statuses "
                "rewritten")
    approval_to_fresh(plan)
    pages(plan)


def by_phase(run) -> dict[str, float]:
    """Seconds spent in the grouping SQL, writing rows, and the rest (Python), in one run."""
    from progress import aggregation, services

    spent = {"sql_grouping": 0.0, "writes": 0.0}
    originals = {"sql_grouping": (aggregation, "_fetch"), "writes": (services, "_insert")}

    def clocked(name, fn):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return wrapper

    saved = {name: getattr(module, attr) for name, (module, attr) in originals.items()}
    for name, (module, attr) in originals.items():
        setattr(module, attr, clocked(name, saved[name]))
    try:
        started = time.perf_counter()
        run()
        total = time.perf_counter() - started
    finally:
        for name, (module, attr) in originals.items():
            setattr(module, attr, saved[name])
    return {**{k: round(v, 3) for k, v in spent.items()},
            "python_and_other_queries": round(total - sum(spent.values()), 3),
            "total": round(total, 3)}


def approval_to_fresh(plan) -> None:
    """Approve one submitted commune report; wait until the dashboard's data is fresh."""
    from django.contrib.auth import get_user_model

    from progress.models import Refresh
    from progress.synthetic import AGENCY_NAME
    from reporting.models import Report, ReportStatus
    from reporting.services import report_approve

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "childplan", "worker", "--pool=solo",
         "--loglevel=warning", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)  # the worker connects to Redis
        reviewer, _ = get_user_model().objects.get_or_create(username="bench-reviewer")
        runs = []
        for report in Report.objects.filter(cycle__plan=plan, cycle__year=2026,
                                            agency__name=AGENCY_NAME)[:5]:
            Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
            report.refresh_from_db()
            started = time.perf_counter()
            report_approve(report=report, by=reviewer)
            while True:
                refresh = Refresh.objects.get(plan=plan)
                if not refresh.is_stale:
                    break
                if time.perf_counter() - started > 60:
                    raise SystemExit("the dashboard did not become fresh within 60 s")
                time.sleep(0.01)
            runs.append(time.perf_counter() - started)
        emit(figure="approval_to_fresh", runs=len(runs),
             p50_seconds=round(statistics.median(runs), 3), max_seconds=round(max(runs), 3),
             target="< 2 s", worker="celery solo pool on Redis")
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def pages(plan) -> None:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from agencies.models import AdminUnit, Agency, Membership
    from indicators.models import Measure

    user, _ = get_user_model().objects.get_or_create(username="bench-viewer")
    Membership.objects.get_or_create(user=user, agency=Agency.objects.filter(
        unit=plan.unit).first() or Agency.objects.first(), role="viewer")
    client = Client()
    client.force_login(user)
    province = AdminUnit.objects.get(level="province", code="38", valid_to=None)  # Thanh Hóa
    measure = Measure.objects.get(code="5a")
    cases = {
        "national_overview": (reverse("plan_progress", args=[plan.pk]), {}),
        "province_overview": (reverse("plan_progress", args=[plan.pk]), {"unit": province.pk}),
        "measure_page": (reverse("measure_progress", args=[plan.pk, measure.pk]),
                         {"unit": province.pk}),
    }
    for name, (url, params) in cases.items():
        for mode in ("cold", "warm"):
            times, queries = [], 0
            for _ in range(30):
                if mode == "cold":
                    cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, params)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
                queries = len(captured)
            times.sort()
            emit(figure=f"page_{name}", cache=mode, requests=len(times),
                 p50_ms=round(statistics.median(times), 1),
                 p95_ms=round(times[int(len(times) * 0.95) - 1], 1), queries=queries,
                 target="p95 < 300 ms")


if __name__ == "__main__":
    main()
