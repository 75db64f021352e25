import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agencies.access import member_required
from agencies.models import AdminUnit, Agency
from childplan.access import access_plan_progress
from childplan.models import AssignmentRole
from indicators.models import Measure
from progress import dashboard, freshness
from progress.charts import series_chart, to_html, units_chart
from progress.models import Refresh
from progress.tasks import SWEEP_KEY


def _unit(request, plan) -> AdminUnit:
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        return get_object_or_404(AdminUnit.objects.select_related("parent"), pk=unit_id)
    return plan.unit


def _cached(key: str, refresh: Refresh | None, build):
    """Page data cached until the plan's snapshots are recomputed. With Redis down the
    cache (IGNORE_EXCEPTIONS) misses and the page is built from the snapshots."""
    return cache.get_or_set(dashboard.versioned(key, refresh), build, dashboard.CACHE_SECONDS)


@member_required
def plan_progress(request, plan_id: int):
    plan = access_plan_progress(request.user, plan_id)
    unit = _unit(request, plan)
    refresh = Refresh.objects.filter(plan=plan).first()

    data = _cached(dashboard.overview_key(plan.pk, unit.pk), refresh,
                   lambda: dashboard.overview_data(plan, unit))
    return render(request, "progress/plan_progress.html", {
        "plan": plan, "unit": unit, "refresh": refresh, "trail": dashboard.trail(plan, unit),
        # Submissions change completeness without a recompute: never cached.
        "completeness": dashboard.cycle_completeness(plan), **data})


@member_required
def measure_progress(request, plan_id: int, measure_id: int):
    plan = access_plan_progress(request.user, plan_id)
    unit = _unit(request, plan)
    measure = get_object_or_404(Measure.objects.available_to(plan), pk=measure_id)
    refresh = Refresh.objects.filter(plan=plan).first()

    def build():
        row = dashboard.measure_rows(plan, unit, [measure])[0]
        targets = dashboard.target_points(plan, measure)
        children = dashboard.children_for_measure(plan, unit, measure)
        series = series_chart(points=row.series, targets=targets, unit_label=measure.unit_label,
                              title=f"{measure.code}. {measure.name} — {unit.name}")
        next_target = next((t for t in targets if row.year is None or t[0] >= row.year), None)
        bars = units_chart(
            rows=[(c.unit.name, c.value, c.status) for c in children],
            target=next_target[1] if next_target else None,
            target_label=f"Mục tiêu {next_target[0]}: {next_target[2]}" if next_target else "",
            unit_label=measure.unit_label, title="So sánh các đơn vị trực thuộc")
        years, history = dashboard.old_unit_history(plan, measure)
        return {"row": row, "children": children, "history": history, "history_years": years,
                "series_html": to_html(series, "series-chart"),
                "units_html": to_html(bars, "units-chart") if children else ""}

    data = _cached(f"progress:measure:{plan.pk}:{unit.pk}:{measure.pk}", refresh, build)
    return render(request, "progress/measure_progress.html", {
        "plan": plan, "unit": unit, "measure": measure, "refresh": refresh,
        "trail": dashboard.trail(plan, unit), **data})


@member_required
def agency_progress(request, plan_id: int, agency_id: int):
    plan = access_plan_progress(request.user, plan_id)
    agency = get_object_or_404(Agency.objects.filter(assignments__plan=plan).distinct(),
                               pk=agency_id)
    led = set(plan.assignments.filter(agency=agency, role=AssignmentRole.LEAD)
              .values_list("indicator_id", flat=True))
    measures = [m for m in dashboard.plan_measures(plan) if m.indicator_id in led]
    rows = dashboard.measure_rows(plan, plan.unit, measures)
    return render(request, "progress/agency_progress.html", {
        "plan": plan, "agency": agency, "blocks": dashboard.by_goal(rows),
        "refresh": Refresh.objects.filter(plan=plan).first()})


@require_safe
@never_cache
def health(request):
    """For the load balancer: 200 while the database answers, 503 when it does not. Redis
    down leaves the portal working (the recomputes wait in the database), so it is reported
    in the body only, with how long the oldest plan has waited for its recompute."""
    now = timezone.now()
    body = {"database": _database_answers(), "redis": _redis_answers()}
    if body["database"]:
        body["stale_plans"], body["worker_lag_seconds"] = freshness.lag(now)
        body["worker_lag_seconds"] = round(body["worker_lag_seconds"], 1)
    last_sweep = cache.get(SWEEP_KEY) if body["redis"] is not False else None
    body["last_sweep_seconds_ago"] = (round(now.timestamp() - last_sweep, 1)
                                      if last_sweep else None)
    return JsonResponse(body, status=200 if body["database"] else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _redis_answers() -> bool | None:
    """None where the portal runs without Redis (Celery eager, local-memory cache)."""
    if not settings.REDIS_URL:
        return None
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5,
                                  socket_timeout=0.5)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()
