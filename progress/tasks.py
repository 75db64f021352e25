from celery import shared_task

from childplan.models import Plan
from progress.aggregation import is_national
from progress.cache import warm, warm_plan
from progress.services import progress_recompute_all, snapshots_recompute


@shared_task(time_limit=300, soft_time_limit=270, acks_late=True)
def recompute_plan(plan_id: int, measure_ids: list[int] | None = None,
                   province_ids: list[int] | None = None,
                   unit_ids: list[int] | None = None) -> int:
    plan = Plan.objects.select_related("unit").filter(pk=plan_id).first()
    if plan is None:
        return 0
    rows = snapshots_recompute(plan=plan, measure_ids=measure_ids or None,
                               province_ids=province_ids or None, unit_ids=unit_ids or None)
    # The pages it changed: the plan's own, and for the national plan the province's.
    provinces = (province_ids or []) if is_national(plan) else []
    warm(plan, [plan.unit_id, *provinces])
    return rows


@shared_task(time_limit=1800, soft_time_limit=1750)
def recompute_all() -> dict:
    result = progress_recompute_all()
    result["pages"] = sum(warm_plan(plan) for plan in Plan.objects.filter(
        refresh__computed_at__isnull=False).select_related("unit"))
    return result
