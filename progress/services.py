"""Writes of the progress app: recompute snapshots and commune statuses, mark plans stale.

A recompute follows from the counted figures alone and replaces what it recomputes in one
transaction, so running it twice changes nothing. Values and statuses come from
indicators.sums, the rules every reader shares.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from childplan.models import Plan, PlanStatus
from indicators.models import Measure
from indicators.sums import Reading, Sums, judge, read, reconcile
from progress import freshness
from progress.aggregation import expected_units, is_national, plan_sums
from progress.models import CommuneStatus, Snapshot, UnitRollup
from progress.readers import commune_series, targets_by_measure
from progress.recognitions import recognition_sums, with_recognitions
from progress.rollup import rollup_ensure, rollup_rebuild
from reporting.models import Value


def cache_key(plan_id: int) -> str:
    return f"progress:plan:{plan_id}:version"


def progress_request_refresh(*, plan_ids: list[int], measure_ids: list[int],
                             unit_ids: list[int] | None = None) -> list[int]:
    """Within the transaction that changed the figures: the plans' next generation, and
    the measures given, in the provinces of the units given (everywhere without any),
    pending.

    Nothing else is needed for the dashboards to become fresh: the recompute queued once
    this commits, or else the sweep, computes what is pending. Returns the plans' ids.
    """
    rollup_ensure()
    units = sorted(set(unit_ids or ()))
    provinces = dict(UnitRollup.objects.filter(unit_id__in=units)
                     .values_list("unit_id", "province_id")) if units else {}
    # A unit outside every province (none, or not rolled up yet) widens it to everywhere.
    province_ids = sorted(set(provinces.values())) if units and len(provinces) == len(
        units) and all(provinces.values()) else None
    now = timezone.now()
    for plan_id in plan_ids:
        freshness.generation_request(plan_id=plan_id, measure_ids=list(measure_ids),
                                     province_ids=province_ids, unit_ids=units or None,
                                     now=now)
    return plan_ids


def progress_refresh_pending(*, plan: Plan) -> int | None:
    """Recompute what the plan's pending requests touched, or nothing (None) if a recompute
    since has: a burst of approvals costs a few recomputes, however many tasks it queued."""
    with transaction.atomic():
        freshness.plan_lock(plan.pk)  # waits for a recompute of the plan under way
        if freshness.is_current(plan.pk):
            return None
        return snapshots_recompute(plan=plan, measure_ids=[], province_ids=[], unit_ids=[])


@transaction.atomic
def snapshots_recompute(*, plan: Plan, measure_ids: list[int] | None = None,
                        province_ids: list[int] | None = None,
                        unit_ids: list[int] | None = None) -> int:
    """Recompute the plan's figures for the measures given (all without), then mark the
    plan fresh: the snapshots of its units, and the statuses of its communes.

    An approval names the province and the unit it changed: only that province is read
    for the snapshots (the plan's total is re-added from the other provinces' stored
    rows) and only that unit's commune statuses are judged again.
    """
    claim = freshness.recompute_begin(plan.pk, measure_ids=measure_ids,
                                      province_ids=province_ids, unit_ids=unit_ids)
    measure_ids, province_ids, unit_ids = claim.measure_ids, claim.province_ids, claim.unit_ids
    started = timezone.now()
    overtaken = Value.objects.overtaken_ids(plan)  # read once for both
    rows = unit_snapshots_recompute(plan=plan, measure_ids=measure_ids,
                                    province_ids=province_ids, computed_at=started,
                                    overtaken=overtaken)
    rows += commune_statuses_recompute(plan=plan, measure_ids=measure_ids, overtaken=overtaken,
                                       **({"unit_ids": unit_ids} if unit_ids is not None
                                          else {"province_ids": province_ids}))
    freshness.recompute_end(plan.pk, claim, now=timezone.now())
    transaction.on_commit(lambda: cache.set(cache_key(plan.pk), started.timestamp(), None))
    return rows


def _derived_writes() -> None:
    """Snapshots and commune statuses follow from the figures: a crash in the instant after
    the commit loses nothing the next recompute would not write again, so the commit need
    not wait for the disk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


@dataclass(frozen=True, slots=True)
class _Row:
    """One snapshot before it is judged: the sums it shows and what they read."""

    sums: Sums
    reading: Reading
    own_value: Decimal | None
    rollup_value: Decimal | None
    mismatch: bool
    expected: int
    computed: bool = False


def _row(measure: Measure, own: Sums | None, below: Sums | None, expected: int,
         computed: bool = False) -> _Row | None:
    how, scale = measure.aggregation, measure.scale
    own_reading = read(own, how=how, scale=scale) if own else None
    below_reading = read(below, how=how, scale=scale) if below else None
    chosen, mismatch = reconcile(own_reading, below_reading)
    if chosen is None:
        return None
    sums, reading = (own, own_reading) if chosen == "own" else (below, below_reading)
    assert sums is not None and reading is not None
    return _Row(sums, reading, own_reading.value if own_reading else None,
                below_reading.value if below_reading else None, mismatch, expected,
                computed and chosen == "own")


@transaction.atomic
def unit_snapshots_recompute(*, plan: Plan, measure_ids: list[int] | None = None,
                             province_ids: list[int] | None = None,
                             computed_at=None, overtaken=None) -> int:
    """The snapshots of the plan's own unit and, for the national plan, its provinces."""
    _derived_writes()
    rollup_ensure()
    computed_at = computed_at or timezone.now()
    national = is_national(plan)
    province_ids = province_ids if national else None
    computed = recognition_sums(plan, measure_ids, province_ids)
    sums = with_recognitions(plan_sums(plan, measure_ids, province_ids, overtaken=overtaken),
                             computed)
    measures = _measures({m for (_, _, m, _) in sums} | set(measure_ids or []))
    expected = expected_units(plan)
    grouped: dict[tuple[int | None, int, int], dict[bool, Sums]] = defaultdict(dict)
    for (unit, own, measure_id, year), found in sums.items():
        grouped[(unit, measure_id, year)][own] = found
    rows: dict[tuple[int, int, int], _Row] = {}
    nation_own: dict[tuple[int, int], Sums] = {}
    totals: dict[tuple[int, int], Sums] = defaultdict(Sums)
    for (unit, measure_id, year), kinds in grouped.items():
        if unit is None:  # the nation's own figure (or a part of no province)
            if True in kinds:
                nation_own[(measure_id, year)] = kinds[True]
            if False in kinds:
                totals[(measure_id, year)] += kinds[False]
            continue
        row = _row(measures[measure_id], kinds.get(True), kinds.get(False),
                   expected.get((unit, year), 0), (unit, True, measure_id, year) in computed)
        if row is None:
            continue
        rows[(unit, measure_id, year)] = row
        if national:
            totals[(measure_id, year)] += row.sums
    if national:
        if province_ids is not None:
            for key, stored in _stored_province_sums(plan, measure_ids, province_ids, measures):
                totals[key] += stored
        for measure_id, year in set(totals) | set(nation_own):
            row = _row(measures[measure_id], nation_own.get((measure_id, year)),
                       totals.get((measure_id, year)),
                       sum(n for (_, y), n in expected.items() if y == year))
            if row is not None:
                rows[(plan.unit_id, measure_id, year)] = row
    snapshots = _judged(plan, rows, measures, computed_at)
    units = None if province_ids is None else [*province_ids, plan.unit_id]
    _write_changed(plan, measure_ids, units, snapshots)
    return len(snapshots)


def _measures(ids) -> dict[int, Measure]:
    return Measure.objects.in_bulk(list(ids))


def _stored_province_sums(plan, measure_ids, province_ids, measures):
    """The other provinces' sums as their snapshots keep them, added up by the database."""
    stored = Snapshot.objects.sums_of_units(plan, excluded=province_ids, measure_ids=measure_ids)
    for measure_id, year, numerator, denominator, value, units, parted in stored:
        if measure_id not in measures:
            measures.update(_measures([measure_id]))
        yield (measure_id, year), Sums.stored(
            numerator=numerator, denominator=denominator, value=value, units=units,
            parted=parted, how=measures[measure_id].aggregation)


# A snapshot as written: its key, then the columns compared with the stored row.
KEY = ["unit_id", "measure_id", "year"]
COMPARED = ["numerator", "denominator", "value", "own_value", "rollup_value", "mismatch",
            "units_reported", "units_expected", "parts_units", "left_out", "latest",
            "target_id", "status", "ratio", "computed"]


def _judged(plan: Plan, rows: dict[tuple[int, int, int], _Row], measures: dict[int, Measure],
            computed_at) -> list[tuple]:
    """The rows as tuples (KEY + COMPARED + computed_at), each unit's latest row judged."""
    series: dict[tuple[int, int], list[tuple[int, Decimal]]] = defaultdict(list)
    for (unit, measure_id, year), row in rows.items():
        if row.reading.value is not None:
            series[(unit, measure_id)].append((year, row.reading.value))
    targets = targets_by_measure(plan)
    verdicts = {key: judge(points, targets.get(key[1], []),
                           direction=measures[key[1]].direction)
                for key, points in series.items()}
    snapshots = []
    for (unit, measure_id, year), row in rows.items():
        verdict = verdicts.get((unit, measure_id))
        latest = verdict is not None and verdict.year == year
        target = verdict.target if latest else None
        snapshots.append((
            unit, measure_id, year, row.sums.numerator, row.sums.denominator,
            row.reading.value, row.own_value, row.rollup_value, row.mismatch, row.sums.units,
            max(row.expected, row.sums.units), row.sums.parted, row.reading.left_out, latest,
            target.pk if target else None, verdict.status if latest else "",
            verdict.ratio if latest else None, row.computed, computed_at))
    return snapshots


def _write_changed(plan: Plan, measure_ids: list[int] | None, unit_ids: list[int] | None,
                   snapshots: list[tuple]) -> None:
    """Replace only the rows whose figures changed: a nightly run over unchanged data
    writes nothing, and an approval rewrites the few rows it moved."""
    existing = Snapshot.objects.to_rewrite(plan, measure_ids=measure_ids, unit_ids=unit_ids)
    old = {tuple(s[:3]): (s[3], tuple(s[4:]))
           for s in existing.values_list(*KEY, "pk", *COMPARED)}
    fresh, keep = [], set()
    width = len(KEY) + len(COMPARED)
    for snap in snapshots:
        found = old.get(snap[:3])
        if found and found[1] == tuple(_normal(v) for v in snap[3:width]):
            keep.add(found[0])
        else:
            fresh.append((plan.pk, *snap))
    Snapshot.objects.filter(pk__in=[pk for pk, _ in old.values() if pk not in keep]).delete()
    _insert(Snapshot._meta.db_table, ["plan_id", *KEY, *COMPARED, "computed_at"], fresh,
            text=["status"])


@transaction.atomic
def commune_statuses_recompute(*, plan: Plan, measure_ids: list[int] | None = None,
                               province_ids: list[int] | None = None,
                               unit_ids: list[int] | None = None, overtaken=None) -> int:
    """Each commune's latest figure and status per measure, through the commune reader:
    of the units given (an approval), of the provinces given, or of the whole plan."""
    _derived_writes()
    rollup_ensure()
    national = is_national(plan)
    communes = None
    if unit_ids is not None:
        communes = list(UnitRollup.objects.filter(unit_id__in=unit_ids, kind="commune")
                        .values_list("current_id", flat=True))
        if not communes:
            return 0
    provinces = province_ids if national and communes is None else None
    ids = set(measure_ids) if measure_ids is not None else None
    series = commune_series(plan, commune_ids=communes, province_ids=provinces,
                            measure_ids=measure_ids, overtaken=overtaken)
    measures = _measures({m for (_, m) in series} | (ids or set()))
    targets = targets_by_measure(plan)
    parents = (dict(UnitRollup.objects.filter(unit_id__in={u for (u, _) in series})
                    .values_list("unit_id", "province_id")) if national else {})
    rows = []
    for (unit, measure_id), readings in series.items():
        verdict = judge([(year, r.value) for year, r in readings.items()],
                        targets.get(measure_id, []), direction=measures[measure_id].direction)
        if verdict.year is None:
            continue
        parent = parents.get(unit) if national else plan.unit_id
        if parent is None:
            continue
        rows.append((plan.pk, unit, parent, measure_id, verdict.year, verdict.value,
                     readings[verdict.year].left_out, verdict.status))
    stale = CommuneStatus.objects.filter(plan=plan)
    if ids is not None:
        stale = stale.filter(measure_id__in=ids)
    if communes is not None:
        stale = stale.filter(unit_id__in=communes)
    elif provinces is not None:
        stale = stale.filter(parent_id__in=provinces)
    stale.delete()
    _insert(CommuneStatus._meta.db_table, ["plan_id", "unit_id", "parent_id", "measure_id",
                                           "year", "value", "left_out", "status"], rows)
    return len(rows)


def _insert(table: str, columns: list[str], rows: list[tuple], *, text=()) -> None:
    """Insert many rows in one statement a batch.

    bulk_create prepares every Decimal through the field (about 1 s for the 7,000 rows of
    a national recompute); PostgreSQL's COPY takes them as text in a fraction of that.
    `text` names the columns whose empty strings are not NULL.
    """
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(["" if v is None else v for v in row] for row in rows)
            buffer.seek(0)
            keep = f", FORCE_NOT_NULL ({', '.join(text)})" if text else ""
            cursor.cursor.copy_expert(
                f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv{keep})", buffer)
        else:
            # SQLite stores datetimes as Django writes them, naive UTC text.
            adapt = connection.ops.adapt_datetimefield_value
            rows = [tuple(adapt(v) if hasattr(v, "tzinfo") else v for v in row) for row in rows]
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _normal(value):
    """Compare as the database returns it: decimals at four places."""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.0001"))
    return value


def progress_recompute_all() -> dict[str, int]:
    """The nightly job: rebuild the unit lookups, then every plan's figures."""
    units = rollup_rebuild()
    count = 0
    for plan in Plan.objects.exclude(status=PlanStatus.REFERENCE).select_related("unit"):
        count += snapshots_recompute(plan=plan)
    return {"units": units, "snapshots": count}


__all__ = ["progress_recompute_all", "progress_refresh_pending",
           "progress_request_refresh", "snapshots_recompute"]
