"""Chỉ tiêu 1 computed from the child-friendly commune recognitions (assessments app).

Chỉ tiêu 1 (measure "1": the share of communes, wards and townships meeting the standard of
Quyết định 06/QĐ-TTg năm 2019) is not typed where the portal holds the assessments behind
it. For a snapshot unit (the plan's own unit; for the national plan each province of
today) and a year in which at least one of its current communes has a decided assessment
(recognised or refused), the unit's own figure is computed:

    numerator   = its current communes recognised that year
    denominator = its current communes (TerritoryCommune: today's communes of its area)

and enters the aggregation as the unit's own figure, so the same rules (indicators.sums)
turn it into the value and status every output reads: the snapshots, the dashboards, the
summary workbook and the API. A typed figure of the unit for that measure and year is not
dropped: it becomes the other reading, and a difference over 5 % is flagged as for any
unit whose own figure disagrees with its parts (Snapshot.mismatch). Years without a
decided assessment keep the typed figures as they were.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Q

from assessments.models import DECIDED, Assessment, Status
from childplan.models import Plan, PlanStatus
from indicators.models import Measure
from indicators.sums import Sums
from progress.models import TerritoryCommune, UnitRollup

MEASURE_CODE = "1"


def chi_tieu_1() -> Measure | None:
    return Measure.objects.filter(code=MEASURE_CODE, plan__isnull=True).first()


def _communes_by_unit(plan: Plan, province_ids) -> dict[int, set[int]]:
    """Snapshot unit → its current communes."""
    if plan.unit.level == "nation":
        rows = UnitRollup.objects.filter(kind="commune", unit_id=F("current_id"))
        if province_ids:
            rows = rows.filter(province_id__in=list(province_ids))
        found: dict[int, set[int]] = defaultdict(set)
        for province, commune in rows.values_list("province_id", "unit_id"):
            if province is not None:
                found[province].add(commune)
        return found
    communes = set(TerritoryCommune.objects.filter(territory=plan.unit_id)
                   .values_list("commune_id", flat=True))
    return {plan.unit_id: communes} if communes else {}


def recognition_sums(plan: Plan, measure_ids=None, province_ids=None
                     ) -> dict[tuple[int, bool, int, int], Sums]:
    """(unit, True, measure 1, year) → the computed own Sums, in plan_sums' keys."""
    measure = chi_tieu_1()
    if measure is None or (measure_ids and measure.pk not in set(measure_ids)):
        return {}
    units = _communes_by_unit(plan, province_ids)
    if not units:
        return {}
    unit_of = {c: u for u, communes in units.items() for c in communes}
    decided: dict[tuple[int, int], int] = defaultdict(int)  # (unit, year) → recognised
    for commune, year, status in (Assessment.objects.filter(unit__in=list(unit_of),
                                                            status__in=DECIDED)
                                  .values_list("unit_id", "year", "status")):
        key = (unit_of[commune], year)
        decided[key] += status == Status.RECOGNISED
    found = {}
    for (unit, year), recognised in decided.items():
        n = len(units[unit])
        found[(unit, True, measure.pk, year)] = Sums.of(recognised, n, None, n, n)
    return found


def recognition_commune_sums(plan: Plan, *, commune_ids=None, province_ids=None,
                             measure_ids=None, measures=None
                             ) -> dict[tuple[int, int, int], Sums]:
    """(commune of today, measure 1, year) → 1 of 1 when recognised that year, 0 of 1 when
    refused: each commune's own chỉ tiêu 1, in commune_sums' keys. It replaces a figure
    the commune typed for that year. `measures` (id → Measure), when the caller has them,
    saves looking measure 1 up: a page without it reads nothing more."""
    if measures is not None:
        measure = next((m for m in measures.values()
                        if m.code == MEASURE_CODE and m.plan_id is None), None)
    else:
        measure = chi_tieu_1()
    if measure is None or (measure_ids and measure.pk not in set(measure_ids)):
        return {}
    decided = Assessment.objects.filter(status__in=DECIDED)
    if commune_ids is not None:
        decided = decided.filter(unit__in=list(commune_ids))
    if province_ids is not None:
        decided = decided.filter(unit__rollup__province__in=list(province_ids))
    if plan.unit.level != "nation":
        decided = decided.filter(unit__in=TerritoryCommune.objects.filter(
            territory=plan.unit_id).values("commune_id"))
    return {(commune, measure.pk, year): Sums.of(int(status == Status.RECOGNISED), 1, None, 1, 1)
            for commune, year, status in decided.values_list("unit_id", "year", "status")}


def with_recognitions(sums: dict, computed: dict) -> dict:
    """plan_sums' figures with the computed own figures in: a typed own figure of the same
    unit, measure and year becomes the other reading (compared, flagged if it differs)."""
    if not computed:
        return sums
    merged = dict(sums)
    for (unit, _, measure, year), own in computed.items():
        typed = merged.get((unit, True, measure, year))
        if typed is not None:
            merged[(unit, False, measure, year)] = typed
        merged[(unit, True, measure, year)] = own
    return merged


def plans_holding(commune_id: int) -> list[int]:
    """The plans whose chỉ tiêu 1 counts this commune: those of the units whose area holds
    it, and the national plans."""
    territories = TerritoryCommune.objects.filter(commune_id=commune_id).values("territory_id")
    return list(Plan.objects.exclude(status=PlanStatus.REFERENCE)
                .filter(Q(unit__in=territories) | Q(unit__level="nation"))
                .values_list("pk", flat=True))
