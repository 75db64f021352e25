"""Benchmark of the API on PostgreSQL (a benchmark, not a test).

Prints one JSON line per figure, server time through Django's test client with a
personal token (authentication, throttle, access log and all):
- the snapshot list of the national plan for every province (34 provinces and the nation ×
  34 measures × 2021–2026, the synthetic dataset of progress/synthetic.py): one page of
  1,000 rows, and the whole list walked page by page;
- a 34-figure submission (one report holding every national measure, sent and submitted
  as one document; the report is put back to draft between runs).

Usage: python scripts/bench_api.py  (DATABASE_URL defaults to a local PostgreSQL database
of its own; the dataset is generated on the first run and kept).
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_api")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ["API_THROTTLE_RATE"] = "1000000/m"

RUNS = 30


def percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {"requests": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1)}


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from childplan.models import Plan
    from progress.models import Snapshot
    from progress.rollup import rollup_rebuild
    from progress.services import snapshots_recompute
    from progress.synthetic import AGENCY_NAME, generate
    from reporting.models import Value

    call_command("migrate", verbosity=0)
    call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
    plan = Plan.objects.get(key="national-2021")
    if Value.objects.filter(report__agency__name=AGENCY_NAME).count() < 600_000:
        started = time.perf_counter()
        values = generate()["values"]
        emit(figure="dataset_generated", values=values,
             seconds=round(time.perf_counter() - started, 1))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if not Snapshot.objects.filter(plan=plan).exists():
        rollup_rebuild()
        snapshots_recompute(plan=plan)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    snapshot_list(plan)
    submission(plan)


def _caller(username: str, role: str, agency):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from agencies.models import Membership
    from exchange.services import api_token_create

    user, _ = get_user_model().objects.get_or_create(username=username)
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    secret = api_token_create(user=user, name="đo hiệu năng")[1]
    return Client(headers={"Authorization": f"Bearer {secret}"})


def snapshot_list(plan) -> None:
    from agencies.models import Agency

    client = _caller("bench-api-viewer", "viewer", Agency.objects.filter(unit=plan.unit).first()
                     or Agency.objects.first())
    params = {"plan": plan.pk, "level": "province", "limit": 1000}
    first = client.get("/api/v1/snapshots", params).json()
    count = first["count"]

    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get("/api/v1/snapshots", params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    emit(figure="api_snapshots_page", rows=len(first["items"]), **percentiles(times),
         target="p95 < 500 ms")

    times, rows = [], 0
    for _ in range(10):
        started, rows = time.perf_counter(), 0
        for offset in range(0, count, 1000):
            page = client.get("/api/v1/snapshots", {**params, "offset": offset})
            rows += len(page.json()["items"])
        times.append((time.perf_counter() - started) * 1000)
    emit(figure="api_snapshots_national_provinces_all_pages", rows=rows, pages=-(-count // 1000),
         **percentiles(times))


def submission(plan) -> None:
    from agencies.models import Agency, Sector
    from childplan.models import Assignment
    from indicators.models import Indicator, Measure
    from reporting.models import Report, ReportStatus
    from reporting.services import cycle_open

    agency, _ = Agency.objects.get_or_create(unit=plan.unit, name="Cơ quan đo hiệu năng API",
                                             defaults={"sector": Sector.KHAC})
    for indicator in Indicator.objects.all():
        Assignment.objects.get_or_create(plan=plan, indicator=indicator, agency=agency)
    cycle = cycle_open(plan=plan, year=2027, opens_on=datetime.date(2027, 10, 1))
    report = cycle.reports.get(agency=agency)
    measures = list(Measure.objects.national().order_by("position"))
    assert report.measures().count() == len(measures) == 34
    client = _caller("bench-api-reporter", "reporter", agency)

    def document(version: int, run: int) -> dict:
        figures = []
        for m in measures:
            if m.is_ratio:
                figures.append({"measure": m.code, "numerator": 40 + run % 7,
                                "denominator": 1000})
            elif m.unit_kind == "yes_no":
                figures.append({"measure": m.code, "value": run % 2})
            else:
                figures.append({"measure": m.code, "value": str(Decimal(-2) - run % 3)
                                if m.unit_kind == "annual_change" else 100 + run})
        return {"version": version, "submit": True, "figures": figures}

    times = []
    for run in range(RUNS):
        report.refresh_from_db()
        body = json.dumps(document(report.version, run))
        started = time.perf_counter()
        response = client.post(f"/api/v1/reports/{report.pk}/figures", body,
                               content_type="application/json")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:500]
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    emit(figure="api_submission_34_figures", **percentiles(times), target="p95 < 1000 ms")


if __name__ == "__main__":
    main()
