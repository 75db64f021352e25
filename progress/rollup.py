"""Where an old unit's figures count today, and which of today's communes lie in a unit's
area: both from the administrative tree and its 2025 succession."""

from __future__ import annotations

from django.db import transaction

from agencies.models import AdminUnit, UnitLevel, UnitSuccession
from progress.models import TerritoryCommune, UnitRollup


def _province_of(unit_id: int, units: dict[int, dict]) -> int | None:
    unit = units[unit_id]
    while unit["level"] not in (UnitLevel.PROVINCE, UnitLevel.NATION):
        if unit["parent_id"] is None:
            return None
        unit = units[unit["parent_id"]]
    return unit["id"] if unit["level"] == UnitLevel.PROVINCE else None


@transaction.atomic
def rollup_rebuild() -> int:
    """Rebuild both lookups for every unit: a few thousand rows, a fraction of a second."""
    units = {u["id"]: u for u in AdminUnit.objects.values("id", "level", "parent_id", "valid_to")}
    successors: dict[int, list[int]] = {}
    for old_id, new_id in UnitSuccession.objects.values_list("old_id", "new_id").order_by("pk"):
        if units[new_id]["valid_to"] is None:
            successors.setdefault(old_id, []).append(new_id)
    rows = []
    for unit in units.values():
        current, whole = unit["id"], True
        if unit["valid_to"] is not None and unit["id"] in successors:
            same_level = [s for s in successors[unit["id"]] if units[s]["level"] == unit["level"]]
            if same_level:
                current = same_level[0]
            else:
                # An old district went into a province: its figures are a part of it.
                current, whole = successors[unit["id"]][0], False
        level = units[current]["level"]
        kind = level if whole and level in ("nation", "province", "commune") else "part"
        rows.append(UnitRollup(unit_id=unit["id"], current_id=current, whole=whole, kind=kind,
                               province_id=_province_of(current, units)))
    UnitRollup.objects.all().delete()
    UnitRollup.objects.bulk_create(rows, batch_size=2000)
    TerritoryCommune.objects.all().delete()
    TerritoryCommune.objects.bulk_create(
        [TerritoryCommune(territory_id=t, commune_id=c)
         for t, c in sorted(_territories(units, successors))], batch_size=2000)
    return len(rows)


def _territories(units: dict[int, dict], successors: dict[int, list[int]]
                 ) -> set[tuple[int, int]]:
    """(unit, commune of today in its area): a province's communes, and for an old commune
    the communes that took it over, counted in its old district and province too."""
    pairs: set[tuple[int, int]] = set()
    for unit in units.values():
        if unit["level"] != UnitLevel.COMMUNE:
            continue
        if unit["valid_to"] is None:
            if unit["parent_id"] is not None:
                pairs.add((unit["parent_id"], unit["id"]))
            continue
        taken_by = [s for s in successors.get(unit["id"], ())
                    if units[s]["level"] == UnitLevel.COMMUNE]
        area = unit
        while area is not None and area["level"] != UnitLevel.NATION:
            pairs.update((area["id"], new) for new in taken_by)
            area = units.get(area["parent_id"])
    return pairs


def rollup_ensure() -> None:
    """Rebuild when units were added since (a new unit would otherwise count nowhere)."""
    if UnitRollup.objects.count() != AdminUnit.objects.count():
        rollup_rebuild()
