"""Recomputes of the snapshots, queued on approval and swept every minute.

Every task here may run twice (acknowledged late, re-queued when its worker dies, queued
again by the sweep): each one computes from the approved figures and the plan's pending
generation, never from what the message carries, so a second run changes nothing.
"""

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone
from kombu.exceptions import OperationalError

from childplan.models import Plan
from progress import freshness
from progress.aggregation import is_national
from progress.cache import warm, warm_plan
from progress.papers.services import paper_build_run
from progress.services import progress_recompute_all, progress_refresh_pending

logger = logging.getLogger(__name__)

SWEEP_KEY = "progress:sweep:last"


@shared_task(time_limit=300, soft_time_limit=270)
def recompute_plan(plan_id: int, measure_ids: list[int] | None = None,
                   province_ids: list[int] | None = None,
                   unit_ids: list[int] | None = None) -> int:
    """The plan's pending recompute, if no other has done it (the ids a message carries
    are covered by the pending scope kept in the database and not needed)."""
    plan = Plan.objects.select_related("unit").filter(pk=plan_id).first()
    if plan is None:
        return 0
    provinces = freshness.pending_provinces(plan_id)
    rows = progress_refresh_pending(plan=plan)
    if rows is None:
        return 0
    if provinces is None:
        warm_plan(plan)
    else:
        # The pages it changed: the plan's own, and for the national plan the provinces'.
        warm(plan, [plan.unit_id, *(provinces if is_national(plan) else [])])
    return rows


def recompute_queue(plan_id: int) -> bool:
    """Queue the plan's recompute (after the commit that requested it).

    The request is already in the database: if the broker cannot take the message (Redis
    down), the approval still stands and the sweep recomputes once the worker runs again.
    """
    try:
        recompute_plan.delay(plan_id)
    except OperationalError:  # what kombu raises for any broker connection failure
        logger.warning("Recompute of plan %s not queued; the sweep will pick it up.", plan_id,
                       exc_info=True)
        return False
    return True


@shared_task(time_limit=600, soft_time_limit=570)
def sweep_stale() -> int:
    """Every minute: recompute each plan whose snapshots lack a requested change (a message
    lost while Redis was down, a worker killed mid-task). Returns how many it recomputed."""
    done = 0
    for plan_id in freshness.stale_plan_ids():
        done += recompute_plan(plan_id) > 0
    cache.set(SWEEP_KEY, timezone.now().timestamp(), None)
    return done


@shared_task(time_limit=1800, soft_time_limit=1750)
def recompute_all() -> dict:
    result = progress_recompute_all()
    result["pages"] = sum(warm_plan(plan) for plan in Plan.objects.filter(
        refresh__computed_at__isnull=False).select_related("unit"))
    return result


@shared_task(time_limit=600, soft_time_limit=570)
def build_paper(build_id: int) -> bool:
    """Write a queued paper: an annual report, a PDF of an overview
    (progress.papers.services.paper_build_run)."""
    return paper_build_run(build_id) is not None
