"""Counting a cycle's reports for the completeness page. No Django here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Completeness:
    counts: dict[str, int]
    total: int
    on_time: int
    # Reports still to send (draft or returned), by kind of report (its deadline's kind).
    to_send: dict[str, int] = field(default_factory=dict)

    @property
    def on_time_percent(self) -> Decimal | None:
        """Reports first submitted by the deadline, as a share of all expected; None if none."""
        if not self.total:
            return None
        share = Decimal(self.on_time) * 100 / self.total
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def completeness(reports: Iterable[tuple[str, bool, bool]], states: Sequence[str]
                 ) -> Completeness:
    """`reports` as (progress state, ever submitted, late); `states` in display order."""
    counts: Counter[str] = Counter()
    total = on_time = 0
    for state, submitted, late in reports:
        counts[state] += 1
        total += 1
        if submitted and not late:
            on_time += 1
    return Completeness({s: counts.get(s, 0) for s in states}, total, on_time)
