"""Display rows of the dashboards: how a value, a status and a count read on the page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from agencies.models import AdminUnit
from childplan.models import Target
from indicators.models import Goal, Measure
from indicators.numbers import format_figure
from indicators.progress import STATUS_LABELS
from indicators.sums import NO_TARGET
from progress.charts import STATUS_COLOURS

LABELS = {**STATUS_LABELS, NO_TARGET: gettext_lazy("Không có mục tiêu")}
ORDER = ["achieved", "on_track", "acceleration_needed", "limited", "deterioration", "no_data",
         NO_TARGET]


def short_number(value: Decimal | None) -> str:
    """A figure as every output shows it (format_figure), "—" for none."""
    return "—" if value is None else format_figure(value)


def status_counts(statuses) -> list[tuple[str, str, int, str]]:
    """(status, label, how many, colour) in the order of the legend, those present only."""
    counted = Counter(statuses)
    return [(s, str(LABELS[s]), counted[s], STATUS_COLOURS[s]) for s in ORDER if counted[s]]


class Shown:
    """How a row's value and status read on the page (needs `value` and `status`)."""

    value: Decimal | None
    status: str

    @property
    def value_text(self) -> str:
        return short_number(self.value)

    @property
    def status_label(self) -> str:
        return str(LABELS[self.status])

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


@dataclass
class MeasureRow(Shown):
    measure: Measure
    year: int | None = None
    value: Decimal | None = None
    status: str = "no_data"
    target: Target | None = None
    coverage: str = ""
    mismatch: bool = False
    series: list[tuple[int, Decimal]] = field(default_factory=list)
    note: str = ""  # units a roll-up could not include, said as the workbook says it
    computed: bool = False  # chỉ tiêu 1 from the commune recognitions, not typed
    reviews: list = field(default_factory=list)  # progress.reviews.ReviewCell, a review year each


@dataclass
class GoalBlock:
    goal: Goal | None
    rows: list[MeasureRow]

    @property
    def counts(self) -> list[tuple[str, str, int, str]]:
        return status_counts(r.status for r in self.rows)


def by_goal(rows: list[MeasureRow]) -> list[GoalBlock]:
    blocks: dict[int | None, GoalBlock] = {}
    for row in rows:
        goal = row.measure.indicator.goal if row.measure.indicator_id else None
        key = goal.pk if goal else None
        blocks.setdefault(key, GoalBlock(goal, [])).rows.append(row)
    return list(blocks.values())


@dataclass
class ChildRow(Shown):
    unit: AdminUnit
    counts: list[tuple[str, str, int, str]]
    value: Decimal | None = None
    status: str = "no_data"
    note: str = ""

    @property
    def reported(self) -> bool:
        """Whether the unit has figures: a unit without any is listed, not linked."""
        return self.value is not None or any(key != "no_data" for key, *_ in self.counts)

    @property
    def table_row(self) -> str:
        """The unit's row of the overview, its measures counted by status. Built here, not
        in the template: a province lists 168 communes, and the template's loops cost more
        than every read of the page."""
        name = (format_html('<a href="?unit={}">{}</a>', self.unit.pk, self.unit.name)
                if self.reported else self.unit.name)
        badges = format_html_join(" ", '<span class="badge progress-{}">{}: {}</span>',
                                  ((key, label, n) for key, label, n, _ in self.counts))
        return format_html('<tr><td lang="vi">{}</td><td>{}</td></tr>', name, badges)
