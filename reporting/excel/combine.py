"""One figure for a unit from the approved figures of the units that make it up.

Pure arithmetic, no Django. The rules (the same as the dashboards'):

- A unit's own figure wins: when the unit itself reported (a province's Sở),
  that figure is the unit's, whatever the units below reported.
- Otherwise the figures of the units below are combined by the measure's
  aggregation:
  - ratio (percent, per 1.000, per 100.000): sum of numerators over sum of
    denominators, times the scale; never a mean of rates. A rate typed without
    its numerator and denominator cannot join the sum: if it is the only
    figure it is the unit's; otherwise the ratio is taken over the figures
    that have both parts and the note says how many were left out.
  - sum (counts): the values add up.
  - none (yes/no, annual change, anything that does not add up): one figure
    is the unit's; several give no figure, and the note says why.
- No figure at all: no value (an empty cell, never a zero).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PLACES = Decimal("0.0001")

RATIO = "ratio"
SUM = "sum"
NONE = "none"


@dataclass(frozen=True)
class Part:
    """One approved figure of one unit."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def has_parts(self) -> bool:
        return (self.numerator is not None and self.denominator is not None
                and self.denominator > 0)


@dataclass(frozen=True)
class Combined:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str = ""


def aggregation_of(*, unit_kind: str, aggregation: str, is_ratio: bool) -> str:
    """How a measure adds up: ratio of sums for rates, sums for counts, else not at all."""
    if is_ratio and aggregation != NONE:
        return RATIO
    if aggregation == SUM or (unit_kind == "count" and aggregation != NONE):
        return SUM
    return NONE


def combine(parts: Sequence[Part], *, how: str, scale: int | None = None) -> Combined:
    """The figure of a unit made of `parts` (the units below it), by `how`."""
    parts = [p for p in parts if p.value is not None or p.has_parts]
    if not parts:
        return Combined(None)
    if len(parts) == 1:
        only = parts[0]
        return Combined(only.value, only.numerator, only.denominator)
    if how == RATIO:
        if not scale:
            raise ValueError("a ratio needs its scale")
        usable = [p for p in parts if p.has_parts]
        if not usable:
            return Combined(None, note=f"{len(parts)} đơn vị chỉ nhập tỷ lệ, không có tử số "
                                       "và mẫu số nên không tổng hợp được.")
        numerator = sum((p.numerator for p in usable), Decimal(0))
        denominator = sum((p.denominator for p in usable), Decimal(0))
        value = (numerator / denominator * scale).quantize(PLACES, rounding=ROUND_HALF_UP)
        left_out = len(parts) - len(usable)
        note = (f"Chưa tính {left_out} đơn vị chỉ nhập tỷ lệ, không có tử số và mẫu số."
                if left_out else "")
        return Combined(value, numerator, denominator, note)
    if how == SUM:
        return Combined(sum((p.value for p in parts if p.value is not None), Decimal(0)))
    return Combined(None, note=f"{len(parts)} đơn vị báo cáo; chỉ tiêu này không cộng dồn "
                               "được giữa các đơn vị.")


def own_or_combined(own: Sequence[Part], below: Sequence[Part], *, how: str,
                    scale: int | None = None) -> Combined:
    """The unit's own figure when it reported one, else the units below combined."""
    mine = combine(own, how=how, scale=scale)
    if mine.value is not None:
        return mine
    return combine(below, how=how, scale=scale)
