"""The drill-down of a plan follows its territory.

- The national plan: the nation → today's provinces → their communes.
- Any other plan (an old province such as Trà Vinh, an old district such as Triệu Sơn,
  a province of today): its own unit → the communes of today that lie in its area, as
  the 2025 succession tells (progress.models.TerritoryCommune); never up to the province
  that took it over.

Snapshots are kept for the plan's own unit and, in the national plan, for each province;
the communes are read through CommuneStatus and the commune reader.
"""

from __future__ import annotations

from agencies.models import AdminUnit, UnitLevel
from agencies.vietnamese import sort_key
from childplan.models import Plan
from progress.aggregation import is_national
from progress.models import Snapshot, TerritoryCommune


def keeps_snapshots(plan: Plan, unit: AdminUnit) -> bool:
    """Whether `unit` has snapshots in `plan` (else it is a commune, read on demand)."""
    return unit.pk == plan.unit_id or (is_national(plan) and unit.level == UnitLevel.PROVINCE)


def communes_of(territory_id: int):
    """Today's communes in a unit's area, by name."""
    return (AdminUnit.objects.filter(pk__in=TerritoryCommune.objects.filter(
        territory_id=territory_id).values("commune_id")).order_by("name"))


def child_units(plan: Plan, unit: AdminUnit) -> list[AdminUnit]:
    """The units one level below `unit` in the plan's drill-down, in Vietnamese order."""
    if is_national(plan) and unit.pk == plan.unit_id:
        units = AdminUnit.objects.filter(pk__in=Snapshot.objects.units_below(plan))
    elif keeps_snapshots(plan, unit):
        units = communes_of(unit.pk)
    else:
        return []
    return sorted(units, key=lambda child: sort_key(child.name))


def unit_in_plan(plan: Plan, unit_id: int) -> AdminUnit | None:
    """The unit if it is on the plan's drill-down (its own unit, a province of today for
    the national plan, a commune of today in its territory), else None."""
    if unit_id == plan.unit_id:
        return plan.unit
    unit = AdminUnit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None or not unit.is_current:
        return None
    if is_national(plan):
        return unit if unit.level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE) else None
    in_territory = TerritoryCommune.objects.filter(territory_id=plan.unit_id, commune=unit)
    return unit if in_territory.exists() else None


def trail(plan: Plan, unit: AdminUnit) -> list[AdminUnit]:
    """Breadcrumb from the plan's unit down to the unit shown."""
    if unit.pk == plan.unit_id:
        return [plan.unit]
    if is_national(plan) and unit.level == UnitLevel.COMMUNE and unit.parent_id:
        return [plan.unit, unit.parent, unit]
    return [plan.unit, unit]
