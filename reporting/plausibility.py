"""When is a reported figure "far" from last year's?

A figure is not refused for being unusual: the reporter is warned and must
confirm it with a note. What counts as unusual comes from the measure's own
history for the same agency and unit, oldest first:

- No earlier figure: nothing to compare with, never far.
- One earlier figure x: far when it moves by more than a quarter of |x|.
- Two or more: the largest year-on-year move seen so far, times three, is the
  plausible move (a rate that never moved more than 0,4 a year may move 1,2,
  not 5). A history that barely moved would flag any change, so the margin is
  never below 5 % of |last| ...
- ... nor below `floor`, one unit of the measure by default, so that a rate
  stuck at 0 or 100 may still move a little without a warning.

`far_message` is the one warning every channel shows (the form, the Excel
preview) and the submit service gives when it refuses an unusual figure
without a confirmed note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from indicators.numbers import format_figure, format_number

HISTORY_FACTOR = Decimal(3)
SINGLE_POINT_SHARE = Decimal("0.25")
MINIMUM_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class PlausibleRange:
    low: Decimal
    high: Decimal

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


def plausible_range(history: Sequence[Decimal | None], *,
                    floor: Decimal = Decimal(1)) -> PlausibleRange | None:
    """The values a new figure may take without a warning; None without history."""
    values = [v for v in history if v is not None]
    if not values:
        return None
    last = values[-1]
    if len(values) == 1:
        margin = abs(last) * SINGLE_POINT_SHARE
    else:
        moves = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
        margin = max(max(moves) * HISTORY_FACTOR, abs(last) * MINIMUM_SHARE)
    margin = max(margin, floor)
    return PlausibleRange(last - margin, last + margin)


def is_far(history: Sequence[Decimal | None], value: Decimal | None, *,
           floor: Decimal = Decimal(1)) -> bool:
    if value is None:
        return False
    plausible = plausible_range(history, floor=floor)
    return plausible is not None and not plausible.contains(value)


def far_message(code: str, value: Decimal | None, history: Mapping[int, Decimal | None], *,
                floor: Decimal = Decimal(1)) -> str:
    """The warning for a figure far from its history (year → value), or "" if it is not far."""
    years = sorted(year for year, earlier in history.items() if earlier is not None)
    plausible = plausible_range([history[year] for year in years], floor=floor)
    if value is None or plausible is None or plausible.contains(value):
        return ""
    last = years[-1]
    return gettext(
        "Chỉ tiêu %(code)s: %(value)s khác xa số liệu các năm trước (năm %(year)s: %(last)s; "
        "mức thường gặp %(low)s – %(high)s). Nếu số liệu đúng, hãy ghi chú lý do và đánh dấu "
        "«Tôi xác nhận số liệu này là đúng» trên biểu mẫu nhập liệu trước khi nộp.") % {
        "code": code, "value": format_figure(value), "year": last,
        "last": format_figure(history[last]), "low": format_number(plausible.low, decimals=2),
        "high": format_number(plausible.high, decimals=2)}
