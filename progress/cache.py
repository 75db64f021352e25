"""The dashboards' page cache: keys versioned by the plan's last recompute, and warming
right after a recompute so the first officer to open a page does not build it."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from agencies.models import AdminUnit
from childplan.models import Plan
from progress.models import Refresh, Snapshot
from progress.readers import children_status_counts, measure_rows, plan_measures, unit_series
from progress.reviews import review_cells, review_years
from progress.rows import by_goal

CACHE_SECONDS = 6 * 60 * 60


def overview_key(plan_id: int, unit_id: int) -> str:
    return f"progress:overview:{plan_id}:{unit_id}"


def measure_key(plan_id: int, unit_id: int, measure_id: int) -> str:
    return f"progress:measure-charts:{plan_id}:{unit_id}:{measure_id}"


def versioned(key: str, refresh: Refresh | None) -> str:
    """The key of the page data as of the last recompute, in the active language: the
    data hold labels and chart titles, and an English page must not get Vietnamese ones."""
    version = refresh.computed_at.timestamp() if refresh and refresh.computed_at else 0
    return f"{key}:{version}:{get_language() or settings.LANGUAGE_CODE}"


def cached(key: str, refresh: Refresh | None, build):
    """Page data cached until the plan's figures are recomputed."""
    return cache.get_or_set(versioned(key, refresh), build, CACHE_SECONDS)


def overview_data(plan: Plan, unit: AdminUnit) -> dict:
    """The overview's rows by goal, the review verdicts beside their targets, the units
    below: what the page and its PDF (progress.papers.overview) show."""
    measures = plan_measures(plan)
    series = unit_series(plan, unit, measures)
    rows = measure_rows(plan, unit, measures, series)
    years = review_years(plan)
    reviews = review_cells(plan, unit, measures, series, years)
    for row in rows:
        row.reviews = reviews[row.measure.pk]
    return {"blocks": by_goal(rows), "review_years": years,
            "children": children_status_counts(plan, unit, measures)}


def warm(plan: Plan, unit_ids: list[int]) -> None:
    """Fill the overview caches right after a recompute."""
    refresh = Refresh.objects.filter(plan=plan).first()
    for unit in AdminUnit.objects.filter(pk__in=unit_ids):
        cache.set(versioned(overview_key(plan.pk, unit.pk), refresh), overview_data(plan, unit),
                  CACHE_SECONDS)


def warm_plan(plan: Plan) -> int:
    """After the nightly recompute: the plan's own overview and each province's."""
    units = [plan.unit_id, *Snapshot.objects.units_below(plan)]
    warm(plan, units)
    return len(units)
