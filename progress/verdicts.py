"""The review's verdict on a target: "Đạt", "Không đạt" or "Chưa đánh giá được".

The mid-term review (sơ kết 2021–2025) judges every target of 2025, the final review
(tổng kết 2021–2030) every target of 2030, on the figure of that very year: the year's
counted figure, which is the annual cycle's or, where that gives none, the review
cycle's (reporting's Value.objects.counted decides). No database here; the words go through
gettext, so a verdict reads in the language active where it is made.

The rules
- The figure is judged as it is shown (indicators.numbers.shown_figure, two decimals,
  half up): a figure read as 9,5 is not "dưới 9,5", whatever its third decimal.
- Met is the rule of "achieved" in indicators.progress (`target_met`), the same the
  dashboards' statuses use: the comparator at the year's figure ("dưới", "không quá",
  "đạt", a band with its edges, "duy trì" in the measure's direction); for a change a year
  ("giảm 5% mỗi năm") the mean annual change from the first figure to the year's.
- Đạt: every target of the year is met (an urban and a rural threshold both).
- Không đạt: a target of the year is not met.
- Chưa đánh giá được, with why: the plan sets no numeric target for the year; there is
  no figure of the year (a later or an earlier one does not stand in for it); a change a
  year needs a figure before the year's, above zero.
- Where the year's figure came from a review cycle, the reason says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.numbers import format_figure, shown_figure
from indicators.progress import TargetSpec, target_met

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"

LABELS = {MET: gettext_lazy("Đạt"), NOT_MET: gettext_lazy("Không đạt"),
          UNKNOWN: gettext_lazy("Chưa đánh giá được")}


@dataclass(frozen=True)
class ReviewVerdict:
    result: str  # MET, NOT_MET or UNKNOWN
    year: int  # the target year judged
    value: Decimal | None  # the year's figure as shown
    reason: str

    @property
    def label(self) -> str:
        return str(LABELS[self.result])


def review_verdict(figures: Mapping[int, Decimal | None], targets: Sequence[TargetSpec], *,
                   year: int, direction: str, from_review: bool = False,
                   describe=None) -> ReviewVerdict:
    """The verdict on the plan's targets of `year` for one measure of one unit.

    `figures`: year → the unit's counted figure; `targets`: the plan's targets of the
    measure (those of other years are not judged here); `from_review`: the year's figure
    is a review cycle's; `describe`: target → a short name of it in the reader's language
    (its area: "nông thôn"), for naming which of several targets of the year fell short; the
    targets' own words are shown beside the reason, not inside it.
    """
    judged = [t for t in targets if t.year == year]
    raw = figures.get(year)
    value = None if raw is None else shown_figure(raw)
    if not judged:
        return ReviewVerdict(UNKNOWN, year, value,
                             _("Kế hoạch không đặt mục tiêu số cho năm %(year)s.")
                             % {"year": year})
    if value is None:
        return ReviewVerdict(UNKNOWN, year, None,
                             _("Chưa có số liệu năm %(year)s.") % {"year": year})
    series = [(y, shown_figure(v)) for y, v in sorted(figures.items())
              if v is not None and y <= year]
    shown = (_("Năm %(year)s: %(value)s (số liệu của kỳ sơ kết, tổng kết)") if from_review
             else _("Năm %(year)s: %(value)s")) % {"year": year, "value": format_figure(value)}
    results = [target_met(series, t, direction=direction) for t in judged]
    if any(r is False for r in results):
        # The target itself stands beside the reason (page, sheet, paper) in the plan's words;
        # the reason names only which of the year's targets fell short, where there are more.
        unmet = [describe(t) for t, r in zip(judged, results, strict=True)
                 if r is False and describe]
        unmet = [name for name in unmet if name]
        if len(judged) > 1 and unmet:
            return ReviewVerdict(NOT_MET, year, value, _(
                "%(shown)s; chưa đạt mục tiêu %(which)s.") % {"shown": shown,
                                                              "which": ", ".join(unmet)})
        return ReviewVerdict(NOT_MET, year, value, _("%(shown)s; chưa đạt mục tiêu.")
                             % {"shown": shown})
    if any(r is None for r in results):
        return ReviewVerdict(UNKNOWN, year, value, _(
            "%(shown)s; cần số liệu năm trước đó (lớn hơn 0) để tính mức thay đổi bình quân "
            "của mục tiêu.") % {"shown": shown})
    return ReviewVerdict(MET, year, value, _("%(shown)s; đã đạt mục tiêu.") % {"shown": shown})
