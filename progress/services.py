"""Writes of the progress app: recompute snapshots, mark plans stale."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import AdminUnit, UnitLevel
from childplan.models import Plan, PlanStatus, Target
from indicators.models import Aggregation, Measure
from indicators.progress import TargetSpec, assess, assess_worst
from progress import freshness
from progress.aggregation import Figure, combine, expected_units, grouped_figures, reconcile
from progress.models import Snapshot, UnitRollup
from progress.rollup import rollup_ensure, rollup_rebuild


def cache_key(plan_id: int) -> str:
    return f"progress:plan:{plan_id}:version"


def progress_request_refresh(*, plan_ids: list[int], measure_ids: list[int],
                             unit_id: int | None = None) -> list[int]:
    """Within the transaction that changed the figures: the plans' next generation, and
    the measures given, in the province of the unit given (everywhere without one), pending.

    Nothing else is needed for the dashboards to become fresh: the recompute queued once
    this commits, or else the sweep, computes what is pending. Returns the plans' ids.
    """
    rollup_ensure()
    province = (UnitRollup.objects.filter(unit_id=unit_id).values_list("province_id", flat=True)
                .first() if unit_id else None)
    now = timezone.now()
    for plan_id in plan_ids:
        freshness.generation_request(plan_id=plan_id, measure_ids=list(measure_ids),
                                     province_ids=[province] if province else None, now=now)
    return plan_ids


def progress_refresh_pending(*, plan: Plan) -> int | None:
    """Recompute what the plan's pending requests touched, or nothing (None) if a recompute
    since has: a burst of approvals costs a few recomputes, however many tasks it queued."""
    with transaction.atomic():
        freshness.plan_lock(plan.pk)  # waits for a recompute of the plan under way
        if freshness.is_current(plan.pk):
            return None
        return snapshots_recompute(plan=plan, measure_ids=[], province_ids=[])


def targets_by_measure(plan: Plan) -> dict[int, list[Target]]:
    found: dict[int, list[Target]] = defaultdict(list)
    for target in plan.targets.all():
        found[target.measure_id].append(target)
    return found


def target_for_year(targets: list[Target], year: int) -> list[Target]:
    """The targets of the first target year at or after `year` (else the last one)."""
    if not targets:
        return []
    years = sorted({t.year for t in targets})
    chosen = next((y for y in years if y >= year), years[-1])
    return [t for t in targets if t.year == chosen]


def _spec(target: Target) -> TargetSpec:
    """The pure module's target; a range written high-to-low ("giảm 3–2%") is put in order."""
    low, high = target.value, target.value_high
    if high is not None and high < low:
        low, high = high, low
    return TargetSpec(target.year, target.comparator, low, high)


def status_of(series: list[tuple[int, Decimal]], targets: list[Target], measure: Measure):
    if not targets:
        return "no_target", None, None
    results = [assess(series, _spec(t), direction=measure.direction) for t in targets]
    worst = assess_worst(results)
    return worst.status, worst.ratio, targets[0]


@transaction.atomic
def snapshots_recompute(*, plan: Plan, measure_ids: list[int] | None = None,
                        province_ids: list[int] | None = None) -> int:
    """Recompute the plan's snapshots (all years) for the measures given, or all of them.

    With `province_ids` (an approval), only those provinces are read from the figures; the
    plan's total is then re-added from the other provinces' stored snapshots, so one
    approval costs one province, not the nation. Idempotent either way: the rows follow
    from the approved figures alone and replace the previous ones in one transaction.
    """
    claim = freshness.recompute_begin(plan.pk, measure_ids=measure_ids, province_ids=province_ids)
    measure_ids, province_ids = claim.measure_ids, claim.province_ids
    rollup_ensure()
    started = timezone.now()
    figures = combine(grouped_figures(plan.pk, measure_ids, province_ids))
    expected = expected_units(plan.pk)
    measures = Measure.objects.in_bulk({m for (_, m, _) in figures} | set(measure_ids or []))
    targets = targets_by_measure(plan)
    rows: dict[tuple[int, int, int], dict] = {}
    totals: dict[tuple[int, int], Figure] = defaultdict(Figure)
    nation: dict[tuple[int, int], Figure] = {}
    for (province, measure_id, year), kinds in figures.items():
        measure = measures[measure_id]
        if "nation" in kinds:
            nation[(measure_id, year)] = kinds["nation"]
        if province is None:
            continue
        chosen, own_value, part_value, mismatch = reconcile(kinds.get("own"), kinds.get("part"),
                                                            measure)
        if chosen is None:
            continue
        totals[(measure_id, year)] = totals[(measure_id, year)].add(chosen.rolled_up())
        rows[(province, measure_id, year)] = {
            "figure": chosen, "own_value": own_value, "rollup_value": part_value,
            "mismatch": mismatch, "expected": expected.get((province, year), 0)}
    if province_ids is not None:
        for key, figure in _stored_province_figures(plan, measure_ids, province_ids, measures):
            totals[key] = totals[key].add(figure)
    plan_unit = plan.unit_id
    for key in set(totals) | set(nation):
        measure = measures[key[0]]
        chosen, own_value, part_value, mismatch = reconcile(nation.get(key), totals.get(key),
                                                            measure)
        rows[(plan_unit, *key)] = {
            "figure": chosen, "own_value": own_value, "rollup_value": part_value,
            "mismatch": mismatch,
            "expected": sum(n for (p, y), n in expected.items() if y == key[1])}
    snapshots = _with_statuses(plan, rows, measures, targets, started)
    units = None if province_ids is None else [*province_ids, plan_unit]
    _write_changed(plan, measure_ids, units, snapshots)
    freshness.recompute_end(plan.pk, claim, now=timezone.now())
    transaction.on_commit(lambda: cache.set(cache_key(plan.pk), started.timestamp(), None))
    return len(snapshots)


def _stored_province_figures(plan, measure_ids, province_ids, measures):
    """The other provinces' figures as their snapshots hold them, ready to be added up."""
    stored = (Snapshot.objects.filter(plan=plan, unit__level=UnitLevel.PROVINCE)
              .exclude(unit_id__in=[*province_ids, plan.unit_id])
              .values_list("measure_id", "year", "numerator", "denominator", "value",
                           "parts_units"))
    if measure_ids is not None:
        stored = stored.filter(measure_id__in=measure_ids)
    for measure_id, year, numerator, denominator, value, parts in stored:
        if measure_id not in measures:
            measures[measure_id] = Measure.objects.get(pk=measure_id)
        summed = measures[measure_id].aggregation == Aggregation.SUM
        yield (measure_id, year), Figure(numerator, denominator, value if summed else None,
                                         value if parts == 1 else None, parts, parts)


COMPARED = ["numerator", "denominator", "value", "own_value", "rollup_value", "mismatch",
            "units_reported", "units_expected", "parts_units", "target_id", "status", "ratio"]


def _write_changed(plan: Plan, measure_ids: list[int] | None, unit_ids: list[int] | None,
                   snapshots: list[Snapshot]):
    """Replace only the rows whose figures changed: a nightly run over unchanged data
    writes nothing, and an approval rewrites the few rows it moved."""
    existing = Snapshot.objects.filter(plan=plan)
    if measure_ids is not None:
        existing = existing.filter(measure_id__in=measure_ids)
    if unit_ids is not None:
        existing = existing.filter(unit_id__in=unit_ids)
    old = {(s[0], s[1], s[2]): (s[3], tuple(s[4:])) for s in existing.values_list(
        "unit_id", "measure_id", "year", "pk", *COMPARED)}
    fresh, keep = [], set()
    for snap in snapshots:
        key = (snap.unit_id, snap.measure_id, snap.year)
        found = old.get(key)
        if found and found[1] == tuple(_normal(getattr(snap, f)) for f in COMPARED):
            keep.add(found[0])
        else:
            fresh.append(snap)
    Snapshot.objects.filter(pk__in=[pk for pk, _ in old.values() if pk not in keep]).delete()
    _insert(fresh)


INSERTED = ["plan_id", "unit_id", "measure_id", "year", *COMPARED, "computed_at"]


def _insert(snapshots: list[Snapshot]) -> None:
    """Insert many snapshots in one statement a batch.

    bulk_create prepares every Decimal through the field (about 1 s for the 7,000 rows of
    a national recompute); PostgreSQL's COPY takes them as text in ~0,2 s.
    """
    if not snapshots:
        return
    table = Snapshot._meta.db_table
    columns = ", ".join(f'"{c}"' for c in INSERTED)
    rows = [tuple(getattr(s, c) for c in INSERTED) for s in snapshots]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: a third of the time of a multi-row INSERT for a national recompute.
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
            buffer.seek(0)
            cursor.cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
        else:
            # SQLite stores datetimes as Django writes them, naive UTC text.
            at = INSERTED.index("computed_at")
            adapt = connection.ops.adapt_datetimefield_value
            rows = [(*row[:at], adapt(row[at]), *row[at + 1:]) for row in rows]
            marks = ", ".join(["%s"] * len(INSERTED))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _normal(value):
    """Compare as the database returns it: decimals at four places."""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.0001"))
    return value


def _with_statuses(plan, rows, measures, targets, computed_at) -> list[Snapshot]:
    series: dict[tuple[int, int], list[tuple[int, Decimal]]] = defaultdict(list)
    values = {}
    for (unit, measure_id, year), row in rows.items():
        value = row["figure"].value(measures[measure_id])
        values[(unit, measure_id, year)] = value
        if value is not None:
            series[(unit, measure_id)].append((year, value))
    snapshots = []
    for (unit, measure_id, year), row in rows.items():
        measure = measures[measure_id]
        figure = row["figure"]
        upto = sorted(p for p in series[(unit, measure_id)] if p[0] <= year)
        status, ratio, target = status_of(upto, target_for_year(targets[measure_id], year),
                                          measure)
        snapshots.append(Snapshot(
            plan=plan, unit_id=unit, measure=measure, year=year,
            numerator=figure.numerator, denominator=figure.denominator,
            value=values[(unit, measure_id, year)], own_value=row["own_value"],
            rollup_value=row["rollup_value"], mismatch=row["mismatch"],
            units_reported=figure.units, units_expected=max(row["expected"], figure.units),
            parts_units=figure.rolled_up().aggregable_units,
            target=target, status=status, ratio=ratio, computed_at=computed_at))
    return snapshots


def progress_recompute_all() -> dict[str, int]:
    """The nightly job: rebuild the unit lookup, then every plan's snapshots."""
    units = rollup_rebuild()
    count = 0
    for plan in Plan.objects.exclude(status=PlanStatus.REFERENCE):
        count += snapshots_recompute(plan=plan)
    return {"units": units, "snapshots": count}


__all__ = ["AdminUnit", "UnitLevel", "progress_recompute_all", "progress_refresh_pending",
           "progress_request_refresh", "snapshots_recompute"]
