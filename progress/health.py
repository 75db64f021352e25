"""The health endpoint the load balancer asks."""

from __future__ import annotations

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from progress import freshness
from progress.tasks import SWEEP_KEY


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
