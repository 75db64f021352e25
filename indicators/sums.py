"""From the sums of counted figures to the value every output shows, and on to its status.

SQL adds up the counted figures of a group of units (progress.aggregation); this module
alone says what those sums are worth. The snapshots, the commune reader and the summary
workbook all go through it, so they cannot disagree. No Django here.

How a measure adds up (Measure.aggregation, which follows from its unit kind)
- ratio (percent, per 1.000, per 100.000): the sum of numerators over the sum of
  denominators, times the scale; never a mean of rates.
- sum (counts): the values add up.
- none (yes/no, a change a year): one unit's figure is the value; several units give
  no value, since nothing says how to combine them.

Rates typed without their parts
- A figure has parts when it gives a numerator and a denominator above zero.
- One unit's figure is that unit's value, with or without parts: a unit's own rate always
  shows, for that unit and in its history.
- A roll-up over several units uses the units whose figures have parts; the units that
  gave only a rate are left out and counted, and the note says so ("Chưa tính 2 đơn vị
  chỉ nhập tỷ lệ…"). When no unit gave parts there is no value, and the note says why.
- Sums carry their counts upwards: a province whose figure left out 2 communes leaves
  them out of the nation's too.

A unit's own figure and its units'
- A unit that reports for itself (a province's Sở) shows its own figure; the units below
  are the other reading. Both are kept, and a difference over 5 % is flagged.

Values are rounded half up to four decimals, as the database keeps them, before anything
is judged, so a value read back gives the same status it was given.

The target and the year
- A value of year t is judged against the plan's targets of the first target year at or
  after t, or the last target year once t is past them all (`targets_for`).
- The status of a series as of year Y is judged at its latest value up to Y (`judge`),
  with every value up to then (indicators.progress.assess); area-split targets give the
  worst of their verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.utils.translation import ngettext

from indicators.progress import NO_DATA, TargetSpec, assess, assess_worst

RATIO = "ratio"
SUM = "sum"
NONE = "none"
NO_TARGET = "no_target"

PLACES = Decimal("0.0001")
MISMATCH_TOLERANCE = Decimal("0.05")


def _plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


# Sums and readings are built by the hundred thousand for a country's communes: plain
# slotted classes (never changed once built), not frozen ones, which cost twice to create.
@dataclass(slots=True)
class Sums:
    """What SQL adds up over the counted figures of a group of units for one measure-year."""

    numerator: Decimal | None = None  # over the figures with parts
    denominator: Decimal | None = None  # over the figures with parts
    total: Decimal | None = None  # of every value
    lone: Decimal | None = None  # the value, when one unit reported
    units: int = 0
    parted: int = 0  # units whose figure has parts

    def __add__(self, other: Sums) -> Sums:
        if not other.units:
            return self
        if not self.units:
            return other
        return Sums(_plus(self.numerator, other.numerator),
                    _plus(self.denominator, other.denominator), _plus(self.total, other.total),
                    None, self.units + other.units, self.parted + other.parted)

    @classmethod
    def of(cls, numerator, denominator, total, units: int, parted: int) -> Sums:
        """From one SQL row: the sums, COUNT(*) and the count with parts (one unit's value
        is the sum of one). The database gives decimals; floats and ints are converted."""
        if numerator is not None and not isinstance(numerator, Decimal):
            numerator, denominator = _decimal(numerator), _decimal(denominator)
        if total is not None and not isinstance(total, Decimal):
            total = _decimal(total)
        return cls(numerator, denominator, total, total if units == 1 else None, units,
                   int(parted))

    @classmethod
    def stored(cls, *, numerator, denominator, value, units: int, parted: int,
               how: str) -> Sums:
        """Back from what a snapshot keeps of its chosen sums, to be added up again."""
        return cls(_decimal(numerator), _decimal(denominator),
                   _decimal(value) if how == SUM else None,
                   _decimal(value) if units == 1 else None, units, parted)


@dataclass(slots=True)
class Reading:
    """The value of a group of units, and how many of them it could not include."""

    value: Decimal | None
    units: int = 0
    left_out: int = 0
    how: str = RATIO

    @property
    def note(self) -> str:
        if not self.left_out:
            return ""
        if self.how == NONE:
            return ngettext("%(count)s đơn vị báo cáo; chỉ tiêu này không cộng dồn được giữa "
                            "các đơn vị.", "%(count)s đơn vị báo cáo; chỉ tiêu này không cộng "
                            "dồn được giữa các đơn vị.", self.left_out) % {"count": self.left_out}
        if self.value is None:
            return ngettext("%(count)s đơn vị chỉ nhập tỷ lệ, không có tử số và mẫu số nên "
                            "không tổng hợp được.", "%(count)s đơn vị chỉ nhập tỷ lệ, không có "
                            "tử số và mẫu số nên không tổng hợp được.",
                            self.left_out) % {"count": self.left_out}
        return ngettext("Chưa tính %(count)s đơn vị chỉ nhập tỷ lệ, không có tử số và mẫu số.",
                        "Chưa tính %(count)s đơn vị chỉ nhập tỷ lệ, không có tử số và mẫu số.",
                        self.left_out) % {"count": self.left_out}


def read(sums: Sums, *, how: str, scale: int | None = None) -> Reading:
    """The value of `sums` for a measure that adds up by `how` (rules above)."""
    if not sums.units:
        return Reading(None, 0, 0, how)
    if how == SUM:
        return Reading(_rounded(sums.total), sums.units, 0, how)
    if sums.units == 1 and not (how == RATIO and sums.parted):
        return Reading(_rounded(sums.lone), 1, 0, how)  # a unit's own figure
    if how == RATIO:
        if not scale:
            raise ValueError("a ratio needs its scale")
        if not sums.parted:
            return Reading(None, sums.units, sums.units, how)
        assert sums.numerator is not None and sums.denominator  # parted guarantees them
        value = sums.numerator / sums.denominator * scale
        return Reading(_rounded(value), sums.units, sums.units - sums.parted, how)
    return Reading(None, sums.units, sums.units, how)


def reconcile(own: Reading | None, below: Reading | None) -> tuple[str | None, bool]:
    """Which reading a unit shows ("own", "below" or None) and whether they differ > 5 %."""
    own_value = own.value if own else None
    below_value = below.value if below else None
    mismatch = (own_value is not None and below_value is not None and own_value != 0
                and abs(own_value - below_value) / abs(own_value) > MISMATCH_TOLERANCE)
    if own_value is not None:
        return "own", mismatch
    if below is not None and below.units:
        return "below", False
    if own is not None and own.units:
        return "own", False
    return None, False


class Dated(Protocol):
    @property
    def year(self) -> int: ...


class Judged(Dated, Protocol):
    """A plan's target as the status needs it (childplan's Target, or a test's stand-in)."""

    @property
    def spec(self) -> TargetSpec: ...


def targets_for[T: Dated](targets: Sequence[T], year: int) -> list[T]:
    """The targets a value of `year` is judged against: the first target year at or after
    it, else the last one."""
    if not targets:
        return []
    years = sorted({t.year for t in targets})
    chosen = next((y for y in years if y >= year), years[-1])
    return [t for t in targets if t.year == chosen]


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # a progress status (indicators.progress), NO_DATA or NO_TARGET
    ratio: Decimal | None = None
    year: int | None = None  # the year judged: the latest with a value
    value: Decimal | None = None
    target: Judged | None = None  # the first of the targets judged against


def judge(series: Sequence[tuple[int, Decimal | None]], targets: Sequence[Judged], *,
          direction: str, upto: int | None = None) -> Verdict:
    """The status of a measure's yearly values as of `upto` (the latest year without one)."""
    points = sorted((year, value) for year, value in series
                    if value is not None and (upto is None or year <= upto))
    if not points:
        return Verdict(NO_DATA)
    year, value = points[-1]
    if not targets:
        return Verdict(NO_TARGET, None, year, value)
    chosen = targets_for(targets, year)
    worst = assess_worst(assess(points, t.spec, direction=direction) for t in chosen)
    return Verdict(worst.status, worst.ratio, year, value, chosen[0])


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))
