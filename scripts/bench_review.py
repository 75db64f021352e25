"""Benchmark of review at a province's scale on PostgreSQL (a benchmark, not a test).

Vĩnh Long's 2026 cycle with 130 communes, every commune report submitted (the seed's 124
communes of today's Vĩnh Long and 6 more made for the count). Prints one JSON line per
figure, as the Sở Y tế reviewer meets them:
- the review queue page (its first page of 50) and the completeness page of the cycle's
  communes (first page): query count, and server time p50/p95 over RUNS requests;
- the bulk approval of the 130 reports in one click: query count and p50/p95 of the
  request, each run rolled back (the dashboards' recompute, queued after the commit, does
  not run), then once committed with the recompute run in-process after it, timed apart.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/childplan_bench \
    python scripts/bench_review.py
The database is created, migrated and loaded (units with communes, no demo) if missing;
the 2026 cycle is opened and submitted once, and bulk-approved by the last step (run the
script again: it puts the reports back to "submitted" first).
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_bench")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.pop("REDIS_URL", None)  # tasks in-process: the recompute is timed here

COMMUNES = 130
RUNS = 20
APPROVAL_RUNS = 7


class Rollback(Exception):
    pass


def percentiles(timings: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings, n=20, method="inclusive")
    return {"p50_ms": round(statistics.median(timings) * 1000, 1),
            "p95_ms": round(cuts[18] * 1000, 1)}


def province_cycle():
    """The 2026 cycle of Vĩnh Long's plan with COMMUNES communes, all submitted."""
    from django.contrib.auth import get_user_model

    from agencies.models import REFORM_2025, AdminUnit, Membership, UnitLevel
    from reporting.demo import _entry, vinh_long_plan
    from reporting.models import Report, ReportEvent, ReportStatus
    from reporting.services import cycle_open, report_submit

    plan = vinh_long_plan()
    province = plan.unit
    have = AdminUnit.objects.communes().filter(parent=province, valid_to__isnull=True).count()
    AdminUnit.objects.bulk_create(
        [AdminUnit(level=UnitLevel.COMMUNE, code=f"99{i:03d}", name=f"Xã Thêm {i:03d}",
                   parent=province, valid_from=REFORM_2025)
         for i in range(max(COMMUNES - have, 0))], ignore_conflicts=True)
    cycle = cycle_open(plan=plan, year=2026, opens_on=datetime.date(2026, 10, 1))
    reports = list(cycle.reports.of_communes().select_related("cycle__plan", "unit"))
    # Back to "submitted" from an earlier run's last step.
    approved = [r.pk for r in reports if r.status == ReportStatus.APPROVED]
    ReportEvent.objects.filter(report__in=approved, action="approve").delete()
    Report.objects.filter(pk__in=approved).update(status=ReportStatus.SUBMITTED,
                                                  reviewed_at=None, reviewed_by=None)
    submitted_at = datetime.datetime(2026, 11, 14, 2, tzinfo=datetime.UTC)
    for report in reports:
        if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            report_submit(report=report, by=None, version=report.version, now=submitted_at,
                          entry=_entry(report, 120, year=2026))
    reviewer, _ = get_user_model().objects.get_or_create(username="bench.duyet")
    Membership.objects.get_or_create(user=reviewer, agency=cycle.consolidating_agency,
                                     role="reviewer")
    return cycle, reviewer


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from progress import receivers
    from progress.services import progress_refresh_pending

    call_command("migrate", verbosity=0)
    call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
    cycle, reviewer = province_cycle()
    reports = list(cycle.reports.of_communes().filter(status="submitted")
                   .values_list("pk", flat=True))
    assert len(reports) == COMMUNES, len(reports)
    client = Client()
    client.force_login(reviewer)

    def page(label: str, url: str, params: dict) -> None:
        client.get(url, params)  # warm
        timings, queries = [], 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, params)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            queries = len(captured)
        emit(figure=label, province=cycle.plan.unit.name, communes=COMMUNES, queries=queries,
             runs=RUNS, **percentiles(timings))

    page("review queue (first page of 50)", reverse("review_queue"), {"state": "submitted"})
    page("completeness page (communes, first page)",
         reverse("cycle_completeness", args=[cycle.pk]), {"kind": "xa"})

    url = reverse("review_bulk_approve")
    timings, queries = [], 0
    for _ in range(APPROVAL_RUNS):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(url, {"report": reports})
                timings.append(time.perf_counter() - started)
                assert response.status_code == 302
                assert cycle.reports.filter(status="approved").count() == COMMUNES
                queries = len(captured) - 1  # the count just above
                raise Rollback
        except Rollback:
            pass
    emit(figure="bulk approval of every commune report (request, rolled back)",
         province=cycle.plan.unit.name, reports=COMMUNES, queries=queries, runs=APPROVAL_RUNS,
         **percentiles(timings))

    # Once for real: the request, then the recompute it queued, timed apart.
    queued = []
    saved = receivers.recompute_queue
    receivers.recompute_queue = queued.append
    try:
        started = time.perf_counter()
        response = client.post(url, {"report": reports})
        request = time.perf_counter() - started
    finally:
        receivers.recompute_queue = saved
    started = time.perf_counter()
    for plan_id in set(queued):
        progress_refresh_pending(plan=type(cycle.plan).objects.get(pk=plan_id))
    emit(figure="bulk approval committed, then the dashboards' recompute",
         reports=cycle.reports.filter(status="approved").count(),
         request_ms=round(request * 1000, 1), recomputes=len(set(queued)),
         recompute_ms=round((time.perf_counter() - started) * 1000, 1))


if __name__ == "__main__":
    main()
