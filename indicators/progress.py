"""Progress of a measure towards its target (DESIGN.md §6).

The dashboard shows leaders one word per measure: achieved, on track, needs
acceleration, limited progress, deterioration or no data. This module turns a
series of yearly values and one target into that word, a ratio, and a short
reason in the active language (Vietnamese by default). It knows nothing of Django but the
translation of its words; the aggregation task feeds it.

The general rule
----------------
The baseline (x0, year t0) is the first observed year, the latest (xt, year t)
the last; the series may come in any order.

- **achieved** when the target's comparator holds at xt ("<", "<=", ">",
  ">=", band: low ≤ xt ≤ high; "=" see *maintain* below).
- otherwise R = observed rate / required rate, where the observed rate is
  the compound annual growth rate (CAGR) from x0 to xt and the required rate
  the CAGR from xt to the goal over the years left (T − t). The goal is the
  target value, or for a band the nearest edge. The required rate points
  from xt towards the goal, so R is positive when the series moves the
  right way and negative when it moves away: that is the sign correction.
  R is rounded half up to four decimals before it is banded, so that the
  noise of a fractional power cannot move a boundary case across a band;
  the rounded R is the ratio returned and shown.
- R ≥ 0.95 on track; 0.5 ≤ R < 0.95 acceleration needed; −0.1 ≤ R < 0.5
  limited progress; R < −0.1 deterioration (the bands of the UN Statistics
  Division's SDG progress chart).

Special rules
-------------
- **No data**: no observation (values of None are skipped) → no_data.
- **A single data point**: achieved if the comparator holds; otherwise
  *limited*, with no ratio. One value shows no trend, so it cannot earn "on
  track", and it is not deterioration either; but it is not "no data"
  (the value is on the page) and the target is not met: "limited progress"
  is the honest word for progress that has not been shown yet.
- **Zero or negative values**: a CAGR needs positive values at both ends
  (x0 and xt for the observed rate, xt and the goal for the required one).
  If any of x0, xt or the goal is ≤ 0 (a commune with no cases, a target of
  zero), both rates are linear annual changes instead, (xt − x0)/(t − t0)
  and (goal − xt)/(T − t), so R stays a ratio of like with like. (A CAGR
  towards a goal of 0 would need −100 % a year and call any progress slow.)
- **Latest value exactly on a strict bound** ("<" or ">" with xt equal to
  the value): the required change is zero, so R does not exist. The series
  is judged by its movement: the right way → on track (it only has to keep
  going), no change → limited, the wrong way → deterioration.
- **Target year reached or passed** (t ≥ T, no years left): achieved if the
  comparator holds; otherwise no rate can catch up any more, so the status
  is *deterioration* if the series moved away from the goal since the
  baseline and *limited* if it moved towards it or stood still.
- **Band targets** ("0,4–0,7%"): achieved inside the band, edges included;
  outside, the goal is the nearest edge. A series that jumped over the band
  is now moving away from its nearest edge and reads as deterioration.
- **Maintain targets** (comparator "="): for direction "increase" (e.g.
  "duy trì 100%") xt ≥ value is achieved; for "decrease" xt ≤ value; for
  "maintain" or "band" only xt = value. When not achieved, the value is the
  goal and the general rule applies.
- **A target for 2030 only**: assessed against 2030 with the years left to
  2030; no 2025 milestone is interpolated, the plan did not set one.
- **Rural and urban thresholds**: two TargetSpecs on two series, assessed
  separately; ``assess_worst`` gives the combined status. Its order, worst
  first: deterioration, limited, acceleration needed, no data, on track,
  achieved. A known shortfall outranks a missing area because it is the
  thing to act on; a missing area outranks the good statuses because half a
  picture cannot be called on track.
- **Annual-change targets** ("giảm 2–3% mỗi năm"): `value` and `value_high`
  are percents a year, negative meaning a decrease, value ≤ value_high
  ("giảm 2–3%" is value=−3, value_high=−2; "giảm 5%" is value=−5 alone). The
  observed rate is 100 × CAGR from x0 to xt (the mean annual percent change).
  What "met" means depends on the direction:
  - decrease: rate ≤ value_high (cutting faster than asked also meets it);
  - increase: rate ≥ value;
  - maintain or band: the sign of the range decides: a range wholly below
    zero reads as decrease ("duy trì mức giảm 2–3%"), wholly above as
    increase; a range containing zero is a stability band, met inside it.
  Met → achieved. Not met → R = rate / edge (value_high for decrease, value
  for increase), banded as usual. When that edge is zero or on the wrong
  side of zero ("không tăng quá 1%/năm", a decrease target with edge +1),
  missing it means moving the wrong way faster than tolerated →
  deterioration. Outside a stability band → limited (no better side).
  A percent change needs a positive baseline: for a decrease target a
  latest value of 0 is achieved (nothing left to reduce); otherwise, with
  x0 ≤ 0 or xt < 0, the status follows the movement (right way → on track,
  none → limited, wrong way → deterioration) and there is no ratio. A
  single point → limited. The target year plays no part: a rate a year
  does not run out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from indicators.numbers import format_number

ACHIEVED = "achieved"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
LIMITED = "limited"
DETERIORATION = "deterioration"
NO_DATA = "no_data"

STATUS_LABELS: dict[str, str] = {
    ACHIEVED: gettext_lazy("Đã đạt"),
    ON_TRACK: gettext_lazy("Đúng tiến độ"),
    ACCELERATION_NEEDED: gettext_lazy("Cần đẩy nhanh"),
    LIMITED: gettext_lazy("Tiến bộ hạn chế"),
    DETERIORATION: gettext_lazy("Đi xuống"),
    NO_DATA: gettext_lazy("Chưa có số liệu"),
}

COMPARATORS = ("<", "<=", ">", ">=", "=", "band", "annual_change")
DIRECTIONS = ("increase", "decrease", "maintain", "band")

ON_TRACK_FROM = Decimal("0.95")
ACCELERATION_FROM = Decimal("0.5")
LIMITED_FROM = Decimal("-0.1")

# Worst first: see "Rural and urban thresholds" in the module docstring.
_SEVERITY = {
    DETERIORATION: 0,
    LIMITED: 1,
    ACCELERATION_NEEDED: 2,
    NO_DATA: 3,
    ON_TRACK: 4,
    ACHIEVED: 5,
}

_NO_DATA_REASON = gettext_lazy("Chưa có số liệu để đánh giá.")
_RATIO_PLACES = Decimal("0.0001")
_PRECISION = 28


@dataclass(frozen=True)
class TargetSpec:
    """One numeric target of a plan for a measure, in the terms of §6.

    `value` is optional in its type only because the Target model's column is;
    a spec without one is refused, since a target with no number (a plan of
    tasks only) has nothing to assess. For "annual_change" both values are
    percents a year, negative for a decrease; `value_high` may be left out
    for a single rate ("giảm 5% mỗi năm").
    """

    year: int
    comparator: str
    value: Decimal | None
    value_high: Decimal | None = None

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise ValueError(f"comparator must be one of {COMPARATORS}, not {self.comparator!r}")
        if self.value is None:
            raise ValueError("a target needs a value")
        object.__setattr__(self, "value", _decimal(self.value))
        if self.value_high is not None:
            if self.comparator not in ("band", "annual_change"):
                raise ValueError(f"value_high has no meaning for comparator {self.comparator!r}")
            object.__setattr__(self, "value_high", _decimal(self.value_high))
            if self.value_high < self.value:
                raise ValueError("value_high must not be below value")
        elif self.comparator == "band":
            raise ValueError("a band target needs value_high")

    @classmethod
    def of_plan(cls, year: int, comparator: str, value: Decimal | None,
                value_high: Decimal | None = None) -> TargetSpec:
        """A target as a plan stores it: a range written high-to-low ("giảm 3–2%", kept
        as −2, −3) is put in order first."""
        if value is not None and value_high is not None and value_high < value:
            value, value_high = value_high, value
        return cls(year, comparator, value, value_high)


@dataclass(frozen=True, eq=False)
class Assessment:
    """The verdict on one measure: status, the ratio R if any, and why.

    The reason may be given as a function that words it: the snapshot job judges
    thousands of series and shows none of their reasons, so they are worded when read.
    """

    status: str
    ratio: Decimal | None
    wording: str | Callable[[], str] = field(repr=False)

    def __post_init__(self) -> None:
        if self.status not in STATUS_LABELS:
            raise ValueError(f"unknown status {self.status!r}")

    @property
    def reason(self) -> str:
        return self.wording() if callable(self.wording) else str(self.wording)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return (self.status, self.ratio, self.reason) == (other.status, other.ratio,
                                                          other.reason)

    def __hash__(self) -> int:
        return hash((self.status, self.ratio))

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def assess(
    series: Sequence[tuple[int, Decimal | None]], target: TargetSpec, *, direction: str
) -> Assessment:
    """Judge a measure's yearly values against one target (rules above)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    points = _observations(series)
    if not points:
        return Assessment(NO_DATA, None, _NO_DATA_REASON)
    with localcontext() as context:
        context.prec = _PRECISION
        if target.comparator == "annual_change":
            return _assess_annual_change(points, target, direction)
        return _assess_level(points, target, direction)


def assess_worst(assessments: Iterable[Assessment]) -> Assessment:
    """The worst of several assessments (rural and urban, say); ties keep the first."""
    items = list(assessments)
    if not items:
        return Assessment(NO_DATA, None, _NO_DATA_REASON)
    return min(items, key=lambda item: _SEVERITY[item.status])


def status_for_ratio(ratio: Decimal) -> str:
    """The UNSD progress-chart band of a ratio R."""
    if ratio >= ON_TRACK_FROM:
        return ON_TRACK
    if ratio >= ACCELERATION_FROM:
        return ACCELERATION_NEEDED
    if ratio >= LIMITED_FROM:
        return LIMITED
    return DETERIORATION


def _assess_level(
    points: list[tuple[int, Decimal]], target: TargetSpec, direction: str
) -> Assessment:
    (t0, x0), (t, xt) = points[0], points[-1]

    def said(text: str, **more) -> str:
        return text % {"now": _("Năm %(year)s: %(value)s") % {"year": t, "value": _short(xt)},
                       "target": _("mục tiêu %(target)s năm %(year)s") % {
                           "target": _describe(target), "year": target.year},
                       "since": t0, **more}

    if _holds(xt, target, direction):
        return Assessment(ACHIEVED, None, lambda: said(_("%(now)s, đã đạt %(target)s.")))
    if len(points) == 1:
        return Assessment(LIMITED, None, lambda: said(_(
            "%(now)s, chưa đạt %(target)s; mới có số liệu một năm, chưa thấy được xu hướng.")))
    goal = _goal(xt, target)
    # On a strict bound the goal equals xt; the comparator says which way to go.
    needed = _sign(goal - xt) or (-1 if target.comparator == "<" else 1)
    moved = _sign(xt - x0) * needed
    years_left = target.year - t
    if years_left <= 0:
        status = DETERIORATION if moved < 0 else LIMITED
        return Assessment(status, None, lambda: said(_(
            "%(now)s, đã đến năm mục tiêu mà chưa đạt %(target)s; số liệu %(movement)s từ năm "
            "%(since)s."), movement=_movement(moved)))
    if min(x0, xt, goal) > 0:
        observed = _cagr(x0, xt, t - t0)
        required = _cagr(xt, goal, years_left)
    else:
        observed = (xt - x0) / (t - t0)
        required = (goal - xt) / years_left
    if required == 0:  # on a strict bound (or too near it for 28 digits to tell)
        status = {1: ON_TRACK, 0: LIMITED, -1: DETERIORATION}[moved]
        return Assessment(status, None, lambda: said(_(
            "%(now)s, đúng bằng ngưỡng của %(target)s; số liệu %(movement)s từ năm %(since)s."),
            movement=_movement(moved)))
    ratio = _rounded_ratio(observed, required)
    return Assessment(status_for_ratio(ratio), ratio, lambda: said(_(
        "%(now)s, chưa đạt %(target)s; từ năm %(since)s, %(pace)s."), pace=_pace(ratio)))


def _assess_annual_change(
    points: list[tuple[int, Decimal]], target: TargetSpec, direction: str
) -> Assessment:
    (t0, x0), (t, xt) = points[0], points[-1]
    low, high, sense = _rate_terms(target, direction)
    wanted = _("mục tiêu %(target)s") % {"target": _describe(target)}
    met, rate = _annual_change_met(points, low, high, sense)
    if met and rate is None:
        return Assessment(ACHIEVED, None, _("Năm %(year)s: 0, không còn gì để giảm; đạt "
                                            "%(target)s.") % {"year": t, "target": wanted})
    if len(points) == 1:
        return Assessment(LIMITED, None, _("Mới có số liệu năm %(year)s, chưa tính được tốc độ "
                                           "thay đổi để so với %(target)s.")
                          % {"year": t, "target": wanted})
    if rate is None:
        needed = {"decrease": -1, "increase": 1}.get(sense, 0)
        moved = _sign(xt - x0)
        if needed == 0:
            status = ACHIEVED if moved == 0 else LIMITED
        else:
            status = {1: ON_TRACK, 0: LIMITED, -1: DETERIORATION}[moved * needed]
        return Assessment(status, None, _(
            "Từ năm %(since)s đến %(year)s: %(first)s → %(last)s; không tính được phần trăm "
            "thay đổi từ giá trị 0 hoặc âm, đánh giá theo chiều thay đổi so với %(target)s.")
            % {"since": t0, "year": t, "first": _short(x0), "last": _short(xt),
               "target": wanted})
    observed = _("Bình quân %(since)s–%(year)s: %(rate)s mỗi năm, %(target)s") % {
        "since": t0, "year": t, "rate": _describe_rate(rate), "target": wanted}
    if met:
        return Assessment(ACHIEVED, None, _("%(observed)s: đã đạt.") % {"observed": observed})
    edge = high if sense == "decrease" else low if sense == "increase" else None
    if edge is None:
        return Assessment(LIMITED, None, _("%(observed)s: nằm ngoài khoảng cho phép.")
                          % {"observed": observed})
    if (sense == "decrease" and edge >= 0) or (sense == "increase" and edge <= 0):
        return Assessment(DETERIORATION, None, _("%(observed)s: vượt mức cho phép theo chiều "
                                                 "xấu.") % {"observed": observed})
    ratio = _rounded_ratio(rate, edge)
    return Assessment(status_for_ratio(ratio), ratio, f"{observed}: {_pace(ratio)}.")


def target_met(series: Sequence[tuple[int, Decimal | None]], target: TargetSpec, *,
               direction: str) -> bool | None:
    """Whether `target` is met by the series as it stands: the comparator at the latest
    value, or for an annual change the mean annual change from the first value to the
    latest (the rules of "achieved" above, the same ones `assess` applies). None when it
    cannot be told: no value; for an annual change, a single value, or a change from 0 or
    below that no percent describes (a decrease down to 0 is met)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    points = _observations(series)
    if not points:
        return None
    with localcontext() as context:
        context.prec = _PRECISION
        if target.comparator != "annual_change":
            return _holds(points[-1][1], target, direction)
        met, rate = _annual_change_met(points, *_rate_terms(target, direction))
        if met or rate is not None:
            return met
        if len(points) > 1 and _rate_sense(*_rate_terms(target, direction)[:2],
                                           direction) == "stable":
            return points[0][1] == points[-1][1]
        return None


def _rate_terms(target: TargetSpec, direction: str) -> tuple[Decimal, Decimal, str]:
    low = target.value
    high = target.value if target.value_high is None else target.value_high
    assert low is not None and high is not None  # TargetSpec guarantees it
    return low, high, _rate_sense(low, high, direction)


def _annual_change_met(points: list[tuple[int, Decimal]], low: Decimal, high: Decimal,
                       sense: str) -> tuple[bool, Decimal | None]:
    """(met, the mean annual percent change): a decrease down to 0 is met with no rate;
    no rate either from a single value or a first value ≤ 0 or a last one < 0."""
    (t0, x0), (t, xt) = points[0], points[-1]
    if sense == "decrease" and xt == 0:
        return True, None
    if len(points) == 1 or x0 <= 0 or xt < 0:
        return False, None
    rate = 100 * _cagr(x0, xt, t - t0)
    if sense == "decrease":
        return rate <= high, rate
    if sense == "increase":
        return rate >= low, rate
    return low <= rate <= high, rate


def _observations(series: Sequence[tuple[int, Decimal | None]]) -> list[tuple[int, Decimal]]:
    """The reported (year, value) pairs in year order; a year twice is a caller's bug."""
    points = sorted((year, _decimal(value)) for year, value in series if value is not None)
    years = [year for year, _ in points]
    if len(set(years)) != len(years):
        raise ValueError(f"a year appears twice in the series: {years}")
    return points


def _holds(value: Decimal, target: TargetSpec, direction: str) -> bool:
    goal = target.value
    assert goal is not None  # TargetSpec guarantees it
    match target.comparator:
        case "<":
            return value < goal
        case "<=":
            return value <= goal
        case ">":
            return value > goal
        case ">=":
            return value >= goal
        case "band":
            assert target.value_high is not None
            return goal <= value <= target.value_high
        case _:  # "=": a maintain target; its direction says which side is fine
            if direction == "increase":
                return value >= goal
            if direction == "decrease":
                return value <= goal
            return value == goal


def _goal(value: Decimal, target: TargetSpec) -> Decimal:
    """The value the series must reach: the target, or a band's nearest edge."""
    assert target.value is not None
    if target.comparator == "band" and target.value_high is not None and value > target.value_high:
        return target.value_high
    return target.value


def _rate_sense(low: Decimal, high: Decimal, direction: str) -> str:
    if direction in ("increase", "decrease"):
        return direction
    if high < 0:
        return "decrease"
    if low > 0:
        return "increase"
    return "stable"


def _cagr(start: Decimal, end: Decimal, years: int) -> Decimal:
    # A fractional power in Decimal costs ~50 µs; binary floating point is ample for a rate
    # that is banded after rounding to four places, and the snapshot job runs it thousands
    # of times.
    return Decimal(repr((float(end) / float(start)) ** (1 / years) - 1))


def _rounded_ratio(observed: Decimal, required: Decimal) -> Decimal:
    ratio = observed / required
    # Four places of a very large ratio need more digits than the context has.
    room = Context(prec=max(_PRECISION, ratio.adjusted() + 6))
    return ratio.quantize(_RATIO_PLACES, rounding=ROUND_HALF_UP, context=room)


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _decimal(value: Decimal | int | float) -> Decimal:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _short(value: Decimal) -> str:
    """A value for a sentence: two decimals at most, trailing zeros dropped."""
    return format_number(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _pace(ratio: Decimal) -> str:
    """R in words: a multiple of the pace needed, or a move the wrong way."""
    shown = format_number(ratio, decimals=2)
    if ratio < 0:
        return _("số liệu đi ngược hướng mục tiêu (tỷ số tiến độ %(ratio)s)") % {"ratio": shown}
    return _("tốc độ thay đổi bằng %(ratio)s lần tốc độ cần có") % {"ratio": shown}


def _movement(moved: int) -> str:
    return {1: _("đã chuyển biến đúng hướng"), 0: _("không thay đổi"),
            -1: _("đi ngược hướng mục tiêu")}[moved]


def _describe_rate(rate: Decimal) -> str:
    if rate < 0:
        return _("giảm %(rate)s%%") % {"rate": _short(-rate)}
    if rate > 0:
        return _("tăng %(rate)s%%") % {"rate": _short(rate)}
    return _("không đổi")


def _describe(target: TargetSpec) -> str:
    """The target in words, for the reason text, in the active language."""
    return _described(target, get_language())


@lru_cache(maxsize=4096)
def _described(target: TargetSpec, language: str | None) -> str:
    """Cached: a national recompute describes the same few targets thousands of times (the
    language is part of the key since the words depend on it)."""
    value, high = target.value, target.value_high
    assert value is not None
    low = {"value": _short(value)}
    match target.comparator:
        case "<":
            return _("dưới %(value)s") % low
        case "<=":
            return _("không quá %(value)s") % low
        case ">":
            return _("trên %(value)s") % low
        case ">=":
            return _("từ %(value)s trở lên") % low
        case "=":
            return _("duy trì %(value)s") % low
        case "band":
            assert high is not None
            return _("từ %(value)s đến %(high)s") % {**low, "high": _short(high)}
    if high is None or high == value:
        return _("%(rate)s mỗi năm") % {"rate": _describe_rate(value)}
    if high <= 0:
        return _("giảm %(low)s–%(high)s%% mỗi năm") % {"low": _short(-high),
                                                       "high": _short(-value)}
    if value >= 0:
        return _("tăng %(low)s–%(high)s%% mỗi năm") % {"low": _short(value), "high": _short(high)}
    return _("thay đổi trong khoảng %(low)s%% đến %(high)s%% mỗi năm") % {
        "low": _short(value), "high": _short(high)}
