"""The targets of a plan laid out as the document lays them out: by goal, then measure."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

LOCAL_GROUP = gettext_lazy("Chỉ tiêu riêng của kế hoạch")


def cell_text(targets) -> str:
    """One year's target; area-split targets as "nông thôn: dưới 5; thành thị: dưới 10"."""
    if len(targets) == 1 and targets[0].area == "all":
        return targets[0].display
    return "; ".join(f"{t.get_area_display()}: {t.display}" for t in targets)


@dataclass
class MeasureRow:
    measure: object
    cells: dict[int, list] = field(default_factory=dict)  # year → targets (one per area)
    lead_agencies: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # one per year column

    def cells_for(self, years: list[int]) -> list[str]:
        return [cell_text(self.cells.get(year, [])) for year in years]


@dataclass
class GoalGroup:
    title: str
    rows: list[MeasureRow] = field(default_factory=list)


def target_table(targets, assignments) -> tuple[list[int], list[GoalGroup]]:
    """Years (columns) and goal groups (rows), in the document's order of first mention."""
    leads: dict[int, list[str]] = {}
    for assignment in assignments:
        if assignment.role == "lead":
            leads.setdefault(assignment.indicator_id, []).append(assignment.agency.name)
    groups: dict[str, GoalGroup] = {}
    rows: dict[int, MeasureRow] = {}
    years: set[int] = set()
    for target in sorted(targets, key=lambda t: t.position):
        measure = target.measure
        years.add(target.year)
        row = rows.get(measure.pk)
        if row is None:
            goal = measure.indicator.goal if measure.indicator_id else None
            title = str(goal) if goal else str(LOCAL_GROUP)
            group = groups.setdefault(title, GoalGroup(title))
            row = rows[measure.pk] = MeasureRow(
                measure, lead_agencies=leads.get(measure.indicator_id, []))
            group.rows.append(row)
        row.cells.setdefault(target.year, []).append(target)
    columns = sorted(years)
    for row in rows.values():
        row.texts = row.cells_for(columns)
    return columns, list(groups.values())
