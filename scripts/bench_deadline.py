"""The deadline-day rush on the production shape (a benchmark, not a test).

gunicorn (2 workers, DEBUG off), a Celery worker (2 processes), PostgreSQL (its own
database, childplan_bench_deadline, created here) and Redis (db 8), all on 127.0.0.1, with
the load generator (Locust, scripts/locustfile.py) on the same cores:

1. the national plan with the synthetic national dataset (every commune, 2021–2026), the
   2026 cycle open and due today, 200 commune reports in it reset to "not started", each
   with its own reporter account; 20 leader accounts; 4 reviewers;
2. the rush: the 200 reporters sign in over --spread seconds, open "my reports" and the
   form, save a draft and submit, with think times between, while the 20 leaders read
   the national, a province's and a measure's dashboards; then every submitted figure is
   read back from the database and compared, digit for digit;
3. the 200 approvals by the reviewers, then the seconds from the last approval until the
   national plan's snapshots hold them all (its generation computed).

Prints one JSON line a figure: p50/p95/p99 per request type, errors, figures verified,
freshness, and how many recomputes the 200 approvals cost. Goals: p95 < 500 ms per
request type, 0 errors, every figure exact, fresh within 5 s.

Sign-in throttling is off for the run (AXES_ENABLED=False, honoured by the settings once
django-axes is installed): 200 sign-ins from 127.0.0.1 are the benchmark, not an attack.

Usage: make bench-deadline  (or python scripts/bench_deadline.py --worker-class gthread)
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/childplan_bench_deadline"
REDIS_URL = "redis://127.0.0.1:6379/8"
PASSWORD = "Do-tai-ngay-han-2026"
PROVINCES = 10  # the 200 communes come from this many provinces, 20 each
FIGURE_MEASURES = 10  # measures a commune reports (whole indicators, at least this many)
SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL,
    "DJANGO_SETTINGS_MODULE": "childplan.settings",
    "SECRET_KEY": "bench-deadline-key-for-127.0.0.1-only", "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
    "SECURE_SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1: no TLS proxy in front
    # 200 sign-ins from one address are the benchmark, not an attack (django-axes).
    "AXES_ENABLED": "False",
}
os.environ.update(SERVER_ENV)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="per worker, with gthread")
    parser.add_argument("--spread", type=float, default=120,
                        help="seconds over which the 200 reporters start")
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--leaders", type=int, default=20)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    prepared = prepare(args.reporters, args.leaders)
    work = Path(tempfile.mkdtemp(prefix="bench-deadline-"))
    plan_file = work / "plan.json"
    for n, reporter in enumerate(prepared["locust"]["reporters"]):  # arrivals at a steady rate
        reporter["start_after"] = round(n * args.spread / args.reporters, 2)
    plan_file.write_text(json.dumps({**prepared["locust"], "think_seconds": [5, 15],
                                     "leader_think_seconds": [2, 6]}), encoding="utf-8")
    emit(figure="setup", gunicorn=f"{args.workers} {args.worker_class} workers"
         + (f" × {args.threads} threads" if args.worker_class == "gthread" else ""),
         celery="prefork, 2 processes", reporters=args.reporters, leaders=args.leaders,
         figures_expected=len(prepared["expected"]), spread_seconds=args.spread,
         cores=os.cpu_count(), load_average=os.getloadavg()[0])

    port = _free_port()
    servers = Servers(args, port, work)
    try:
        servers.start()
        cpu = servers.cpu_seconds()
        rush = run_locust(plan_file, work / "rush.jsonl", port, ["ReporterUser", "LeaderUser"],
                          users=args.reporters + args.leaders,
                          limit=int(args.spread) + 300)
        cpu = _cpu_used(servers, cpu, "rush")
        verify_figures(prepared["expected"])
        watch = FreshnessWatch(prepared["plan_id"])
        watch.start()
        approvals = run_locust(plan_file, work / "approvals.jsonl", port, ["ReviewerUser"],
                               users=4, limit=300)
        watch.approvals_over.set()
        watch.join(180)
        servers.drain()
        _cpu_used(servers, cpu, "approvals")
        report(rush, "rush")
        report(approvals, "approvals")
        freshness(watch, servers.worker_log, prepared["expected"])
    finally:
        servers.stop()


def prepare(reporter_count: int, leader_count: int) -> dict:
    """The dataset (kept between runs), then the rush's reports and accounts, reset."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from agencies.models import AdminUnit, Agency, Membership, UnitLevel
    from childplan.models import Assignment, AssignmentRole, Plan
    from indicators.numbers import format_number
    from progress.rollup import rollup_rebuild
    from progress.services import snapshots_recompute
    from progress.synthetic import AGENCY_NAME, generate
    from reporting.models import Report, ReportingCycle, ReportStatus, Value

    call_command("migrate", verbosity=0)
    if not Plan.objects.filter(key="national-2021").exists():
        started = time.perf_counter()
        call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
        emit(figure="seed_loaded", seconds=round(time.perf_counter() - started, 1))
    plan = Plan.objects.get(key="national-2021")
    if not Value.objects.filter(report__agency__name=AGENCY_NAME).exists():
        started = time.perf_counter()
        values = generate()["values"]
        emit(figure="dataset_generated", values=values,
             seconds=round(time.perf_counter() - started, 1))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rollup_rebuild()

    today = timezone.localdate()
    with transaction.atomic():
        if plan.consolidating_agency_id is None:
            plan.consolidating_agency, _ = Agency.objects.get_or_create(
                name="Văn phòng tổng hợp (đo tải)", unit=plan.unit, defaults={"sector": "ldtbxh"})
            plan.save(update_fields=["consolidating_agency"])
        cycle = ReportingCycle.objects.get(plan=plan, year=2026, kind="annual")
        ReportingCycle.objects.filter(pk=cycle.pk).update(locked=False, deadline=today)
        measures = _figure_measures(plan)
        provinces = list(AdminUnit.objects.current().filter(level=UnitLevel.PROVINCE)
                         .order_by("code"))
        per_province = math.ceil(reporter_count / PROVINCES)
        communes = []
        for province in provinces[:PROVINCES]:
            communes += list(AdminUnit.objects.current().filter(
                parent=province, level=UnitLevel.COMMUNE).order_by("code")[:per_province])
        communes = communes[:reporter_count]
        agencies = {a.unit_id: a for a in Agency.objects.filter(name=AGENCY_NAME,
                                                                unit__in=communes)}
        indicators = {m.indicator_id for m in measures}
        Assignment.objects.bulk_create(
            [Assignment(plan=plan, indicator_id=i, agency=a, role=AssignmentRole.LEAD)
             for a in agencies.values() for i in indicators], ignore_conflicts=True)
        reports = {r.unit_id: r for r in Report.objects.filter(cycle=cycle,
                                                               unit__in=communes)}
        Value.objects.filter(report__in=reports.values()).delete()
        Report.objects.filter(pk__in=[r.pk for r in reports.values()]).update(
            status=ReportStatus.DRAFT, submitted_at=None, submitted_by=None,
            first_submitted_at=None, started_at=None, reviewed_at=None, reviewed_by=None,
            updated_at=None, updated_by=None, late=False)
        earlier = {(v.report.unit_id, v.measure_id): v for v in Value.objects.filter(
            report__cycle__plan=plan, report__cycle__year=2025, report__unit__in=communes,
            measure__in=measures).select_related("report")}

        encoded = make_password(PASSWORD)  # hashed once: the accounts share it
        User = Membership._meta.get_field("user").related_model

        def account(username: str, agency, role: str):
            user, _ = User.objects.update_or_create(username=username,
                                                    defaults={"password": encoded})
            Membership.objects.get_or_create(user=user, agency=agency, role=role)
            return username

        reporters, expected = [], {}
        for n, unit in enumerate(communes, 1):
            report = reports[unit.pk]
            fields = {}
            for measure in measures:
                last = earlier[(unit.pk, measure.pk)]
                if measure.is_ratio:
                    fields[f"m{measure.pk}_numerator"] = format_number(last.numerator)
                    fields[f"m{measure.pk}_denominator"] = format_number(last.denominator)
                    expected[(report.pk, measure.pk)] = (last.numerator, last.denominator,
                                                         None)
                else:
                    fields[f"m{measure.pk}_value"] = format_number(last.value)
                    expected[(report.pk, measure.pk)] = (None, None, last.value)
            reporters.append({
                "username": account(f"bench-reporter-{n:03}", agencies[unit.pk], "reporter"),
                "report": report.pk, "fields": fields})
        leaders = [account(f"bench-leader-{n:02}", plan.consolidating_agency, "viewer")
                   for n in range(1, leader_count + 1)]
        reviewers = [account(f"bench-reviewer-{n}", plan.consolidating_agency, "reviewer")
                     for n in range(1, 5)]
        Session.objects.all().delete()
    snapshots_recompute(plan=plan)  # the dashboards fresh before the rush

    return {
        "plan_id": plan.pk, "approvals": len(reporters),
        "expected": expected,
        "locust": {
            "password": PASSWORD, "plan": plan.pk,
            "provinces": [p.pk for p in provinces], "measures": [m.pk for m in measures],
            "reporters": reporters, "leaders": leaders, "reviewers": reviewers,
            "approve": [r["report"] for r in reporters],
            "reporter_count": len(reporters), "approve_count": len(reporters)},
    }


def _figure_measures(plan) -> list:
    """Whole indicators, in catalogue order, until a commune reports FIGURE_MEASURES
    measures: indicators whose every measure is a ratio of counted figures, as communes
    report them."""
    from indicators.models import Measure

    by_indicator: dict[int, list] = {}
    for measure in Measure.objects.available_to(plan).order_by("indicator__number", "position"):
        by_indicator.setdefault(measure.indicator_id, []).append(measure)
    chosen: list = []
    for measures in by_indicator.values():
        if all(m.is_ratio and m.code not in ("1", "21") for m in measures):
            chosen += measures
        if len(chosen) >= FIGURE_MEASURES:
            break
    return chosen


class Servers:
    """gunicorn and a Celery worker, started here and stopped here."""

    def __init__(self, args, port: int, work: Path) -> None:
        self.args, self.port, self.work = args, port, work
        self.worker_log = work / "worker.log"
        self.processes: list[subprocess.Popen] = []

    def start(self) -> None:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # db 8 is the benchmark's own
        env = {**os.environ, **SERVER_ENV}
        gunicorn = [sys.executable, "-m", "gunicorn", "childplan.wsgi",
                    "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.args.workers),
                    "--worker-class", self.args.worker_class, "--timeout", "120",
                    "--log-level", "warning"]
        if self.args.worker_class == "gthread":
            gunicorn += ["--threads", str(self.args.threads)]
        worker = [sys.executable, "-m", "celery", "-A", "childplan", "worker",
                  "--concurrency", "2", "--loglevel", "info", "--logfile", str(self.worker_log),
                  "--without-gossip", "--without-mingle"]
        for command, log in ((gunicorn, "gunicorn.log"), (worker, "worker.out")):
            self.processes.append(subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=open(self.work / log, "w"),
                stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.monotonic() + 60
        while not self._healthy():
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                raise SystemExit(f"the servers did not start; see {self.work}")
            time.sleep(0.2)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/suc-khoe/",
                                        timeout=2) as answer:
                worker_ready = "ready" in self.worker_log.read_text() \
                    if self.worker_log.exists() else False
                return answer.status == 200 and worker_ready
        except OSError:
            return False

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by the web server and by the worker, their children included."""
        import psutil

        used = {}
        for name, process in zip(("web", "worker"), self.processes, strict=True):
            root = psutil.Process(process.pid)
            total = 0.0
            for each in [root, *root.children(recursive=True)]:
                try:
                    times = each.cpu_times()
                    total += times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            used[name] = total
        return used

    def drain(self, limit: float = 120) -> None:
        """Wait until the worker has taken every queued task (the approvals' own)."""
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        deadline = time.monotonic() + limit
        while client.llen("celery") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # the last ones taken finish

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()  # the master: it stops its own workers
        for process in self.processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _cpu_used(servers: Servers, before: dict[str, float], phase: str) -> dict[str, float]:
    now = servers.cpu_seconds()
    emit(figure="server_cpu_seconds", phase=phase,
         **{name: round(now[name] - before[name], 1) for name in now},
         load_average_1min=os.getloadavg()[0])
    return now


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_locust(plan_file: Path, samples: Path, port: int, classes: list[str], *, users: int,
               limit: int) -> list[dict]:
    """One phase: Locust headless with the given user classes, stopped by the users
    themselves when their work is done, or after `limit` seconds."""
    env = {**os.environ, "BENCH_DEADLINE_PLAN": str(plan_file),
           "BENCH_DEADLINE_SAMPLES": str(samples)}
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "scripts" / "locustfile.py"),
               "--headless", "--users", str(users), "--spawn-rate", str(users),
               "--host", f"http://127.0.0.1:{port}", "--run-time", f"{limit}s",
               "--stop-timeout", "30", "--only-summary", "--loglevel", "WARNING",
               "--exit-code-on-error", "0", *classes]
    started = time.monotonic()
    with open(samples.with_suffix(".log"), "w") as log:
        subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=limit + 120,
                       stdout=log, stderr=subprocess.STDOUT)
    lines = [json.loads(line) for line in samples.read_text(encoding="utf-8").splitlines()]
    state = lines.pop()["state"]
    emit(figure="phase", users=classes, seconds=round(time.monotonic() - started, 1),
         requests=len(lines), **state)
    return lines


def verify_figures(expected: dict) -> None:
    """Every figure a reporter submitted, read back from the database and compared exactly."""
    from reporting.models import Report, ReportStatus, Value

    stored = {(v.report_id, v.measure_id): (v.numerator, v.denominator, v.value)
              for v in Value.objects.filter(report_id__in={r for r, _ in expected})}
    exact = 0
    wrong = []
    for key, (numerator, denominator, value) in expected.items():
        found = stored.get(key)
        if found is not None and (found[:2] == (numerator, denominator) if value is None
                                  else found[2] == value):
            exact += 1
        else:
            wrong.append({"report": key[0], "measure": key[1], "stored": str(found)})
    submitted = Report.objects.filter(pk__in={r for r, _ in expected},
                                      status=ReportStatus.SUBMITTED).count()
    emit(figure="figures_verified", expected=len(expected), exact=exact,
         reports_submitted=submitted, wrong=wrong[:5], goal="all exact")


class FreshnessWatch(threading.Thread):
    """Reads the national plan's generations every 20 ms from its own connection, from
    before the first approval until, once told to stop, the snapshots have caught up."""

    def __init__(self, plan_id: int) -> None:
        super().__init__(daemon=True)
        self.plan_id = plan_id
        self.timeline: list[tuple[float, int, int, datetime.datetime]] = []
        self.approvals_over = threading.Event()

    def run(self) -> None:
        import psycopg2

        conn = psycopg2.connect(DATABASE_URL)
        conn.autocommit = True
        deadline = time.monotonic() + 900
        try:
            while time.monotonic() < deadline:
                with conn.cursor() as cursor:
                    cursor.execute("SELECT requested, computed, requested_at FROM "
                                   "progress_refresh WHERE plan_id = %s", [self.plan_id])
                    requested, computed, requested_at = cursor.fetchone()
                if not self.timeline or self.timeline[-1][1:3] != (requested, computed):
                    self.timeline.append((time.time(), requested, computed, requested_at))
                if self.approvals_over.is_set() and computed >= requested:
                    break
                time.sleep(0.02)
        finally:
            conn.close()

    def fresh_seconds(self) -> float | None:
        """From the last approval's commit to the first read that found it computed."""
        _, final, _, last_request_at = self.timeline[-1]
        fresh = [at for at, _, computed, _ in self.timeline if computed >= final]
        return fresh[0] - last_request_at.timestamp() if fresh else None


def report(samples: list[dict], phase: str) -> None:
    by_name: dict[str, list[dict]] = {}
    for sample in samples:
        by_name.setdefault(sample["name"], []).append(sample)
    for name, rows in sorted(by_name.items()):
        times = sorted(r["ms"] for r in rows)
        failed = [r for r in rows if r["failed"]]
        emit(figure="requests", phase=phase, name=name, count=len(rows), errors=len(failed),
             p50_ms=_pct(times, 50), p95_ms=_pct(times, 95), p99_ms=_pct(times, 99),
             max_ms=round(times[-1], 1), goal_p95_under_500_ms=_pct(times, 95) < 500,
             first_error=failed[0]["error"] if failed else "")
    times = sorted(r["ms"] for r in samples)
    emit(figure="requests", phase=phase, name="all", count=len(samples),
         errors=sum(r["failed"] for r in samples), p50_ms=_pct(times, 50),
         p95_ms=_pct(times, 95), p99_ms=_pct(times, 99))


def _pct(times: list[float], percent: int) -> float:
    """Nearest-rank percentile."""
    if not times:
        return 0.0
    return round(times[max(0, math.ceil(percent / 100 * len(times)) - 1)], 1)


def freshness(watch: FreshnessWatch, worker_log: Path, expected: dict) -> None:
    from reporting.models import Report, ReportStatus

    log = worker_log.read_text()
    recomputes = [float(seconds) for seconds, rows in re.findall(
        r"recompute_plan\[[^\]]+\] succeeded in ([\d.]+)s: (\d+)", log) if int(rows) > 0]
    nothing_left = len(re.findall(r"recompute_plan\[[^\]]+\] succeeded in [\d.]+s: 0\b", log))
    approved = Report.objects.filter(pk__in={r for r, _ in expected},
                                     status=ReportStatus.APPROVED).count()
    seconds = watch.fresh_seconds()
    emit(figure="fresh_after_last_approval",
         seconds=None if seconds is None else round(seconds, 2), reports_approved=approved,
         generations=watch.timeline[-1][1] - watch.timeline[0][1],
         recomputes=len(recomputes), recompute_seconds_max=max(recomputes, default=None),
         tasks_that_found_nothing_left=nothing_left,
         goal_within_5_s=seconds is not None and seconds < 5)


if __name__ == "__main__":
    main()
