"""Freshness of a plan's snapshots, counted in generations (the Refresh row).

- A change of counted figures (an approval, its undoing) calls `generation_request` in its
  own transaction: the plan's `requested` generation goes up by one and what it touched is
  added to `pending`. Requests of one plan queue on the Refresh row's lock, so generation
  N is committed only after every generation below it.
- A recompute calls `recompute_begin` first: it takes the plan's lock (one recompute of a
  plan at a time, so two can never insert the same snapshot), then reads `requested` and
  `pending` before it reads any figure. Every request up to that generation has committed,
  so the figures it then reads include them all. It widens what it was asked to compute to
  everything pending, and `recompute_end` records the generation it started from: an
  approval that commits while it runs stays pending, and the "đang cập nhật" marker with it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Min
from django.utils import timezone

from progress.models import Refresh

# The first key of the plan's advisory lock on PostgreSQL (the second is the plan's id):
# any constant the project uses for nothing else.
LOCK_CLASS = 160501

Ids = list[int] | None  # None: all of them


@dataclass(frozen=True)
class Claim:
    """What a recompute must cover and the generation it will have computed."""

    generation: int
    measure_ids: Ids
    province_ids: Ids
    unit_ids: Ids  # the reporting units whose commune statuses are judged again
    # When the generation was read: every later one committed after this instant.
    read_at: datetime.datetime


def union(first: Ids, second: Ids) -> Ids:
    """Ids of either side; None (all) wins."""
    if first is None or second is None:
        return None
    return sorted(set(first) | set(second))


def widen(pending: dict, *, measure_ids: Ids, province_ids: Ids,
          unit_ids: Ids = None) -> dict:
    """The pending scope once a request for these measures, provinces and units is added.
    A scope written before units were kept has no "units": all of them."""
    if not pending:
        return {"measures": None if measure_ids is None else sorted(set(measure_ids)),
                "provinces": None if province_ids is None else sorted(set(province_ids)),
                "units": None if unit_ids is None else sorted(set(unit_ids))}
    return {"measures": union(pending["measures"], measure_ids),
            "provinces": union(pending["provinces"], province_ids),
            "units": union(pending.get("units"), unit_ids)}


def _locked_row(plan_id: int) -> Refresh:
    """The plan's Refresh row, created if need be and locked until the transaction ends."""
    Refresh.objects.bulk_create([Refresh(plan_id=plan_id)], ignore_conflicts=True)
    return Refresh.objects.select_for_update().get(plan_id=plan_id)


def generation_request(*, plan_id: int, measure_ids: Ids, province_ids: Ids,
                       now: datetime.datetime, unit_ids: Ids = None) -> int:
    """Within the transaction that changes the figures: the plan's next generation."""
    refresh = _locked_row(plan_id)
    refresh.pending = widen(refresh.pending if refresh.is_stale else {},
                            measure_ids=measure_ids, province_ids=province_ids,
                            unit_ids=unit_ids)
    refresh.stale_since = refresh.stale_since if refresh.is_stale else now
    refresh.requested += 1
    refresh.requested_at = now
    refresh.save(update_fields=["requested", "pending", "requested_at", "stale_since"])
    return refresh.requested


def plan_lock(plan_id: int) -> None:
    """Hold the plan's recompute lock until the transaction ends.

    PostgreSQL: a transaction-level advisory lock. SQLite: the settings open every
    transaction IMMEDIATE, which already lets one writer in at a time.
    """
    assert connection.in_atomic_block, "the plan's lock lasts as long as a transaction"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, plan_id])


def recompute_begin(plan_id: int, *, measure_ids: Ids, province_ids: Ids,
                    unit_ids: Ids = None) -> Claim:
    """Within the recompute's transaction: lock the plan, then read the generation to
    compute and widen the scope to everything pending."""
    plan_lock(plan_id)
    read_at = timezone.now()
    row = Refresh.objects.filter(plan_id=plan_id).values("requested", "computed",
                                                         "pending").first()
    if row is None or row["computed"] >= row["requested"]:
        pending = {}
    else:
        # A stale plan whose scope is unknown (rows from before generations) is recomputed
        # whole.
        pending = row["pending"] or {"measures": None, "provinces": None, "units": None}
    generation = row["requested"] if row else 0
    if pending:
        measure_ids = union(measure_ids, pending["measures"])
        province_ids = union(province_ids, pending["provinces"])
        unit_ids = union(unit_ids, pending.get("units"))
    return Claim(generation, measure_ids, province_ids, unit_ids, read_at)


def recompute_end(plan_id: int, claim: Claim, *, now: datetime.datetime) -> Refresh:
    """Within the recompute's transaction: the snapshots now hold `claim.generation`."""
    refresh = _locked_row(plan_id)
    refresh.computed = max(refresh.computed, claim.generation)
    refresh.computed_at = now
    if refresh.is_stale:
        # What is still missing was requested after this recompute read its generation.
        refresh.stale_since = max(refresh.stale_since or claim.read_at, claim.read_at)
    else:
        refresh.pending = {}
        refresh.stale_since = None
    refresh.save(update_fields=["computed", "computed_at", "pending", "stale_since"])
    return refresh


def is_current(plan_id: int) -> bool:
    row = Refresh.objects.filter(plan_id=plan_id).values_list("requested", "computed").first()
    return row is None or row[1] >= row[0]


def pending_provinces(plan_id: int) -> Ids:
    """The provinces the plan's pending requests touched (None: all, or unknown)."""
    pending = Refresh.objects.filter(plan_id=plan_id).values_list("pending", flat=True).first()
    return pending.get("provinces") if pending else None


def stale_plan_ids() -> list[int]:
    """Plans whose snapshots lack a requested change, the longest waiting first."""
    return list(Refresh.objects.filter(computed__lt=F("requested"))
                .order_by("stale_since", "plan_id").values_list("plan_id", flat=True))


def lag(now: datetime.datetime) -> tuple[int, float]:
    """How many plans wait for a recompute, and for how many seconds the longest has."""
    found = Refresh.objects.filter(computed__lt=F("requested")).aggregate(
        plans=Count("pk"), since=Min("stale_since"))
    since = found["since"]
    return found["plans"], max(0.0, (now - since).total_seconds()) if since else 0.0
