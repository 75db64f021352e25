"""One measure's figures as a reporter types them: read, checked, computed.

A ratio measure (percent, per 1.000, per 100.000) is entered as numerator and
denominator and its value computed; an agency that only has the rate may type
the value alone, which is kept but cannot be added up across units. Every
message names the box it is about, in the words the form shows.
No Django here: the form passes texts and gets a Figure or errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from indicators.numbers import NumberFormatError, format_number, parse_number

PLACES = Decimal("0.0001")
# The Value columns hold 18 digits, 4 after the comma.
LIMIT = Decimal(10) ** 14


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    name: str
    unit_kind: str  # indicators.models.UnitKind values
    scale: int | None  # 100, 1000, 100000 for ratios
    numerator_label: str = ""
    denominator_label: str = ""

    @property
    def is_ratio(self) -> bool:
        return self.scale is not None

    @property
    def label(self) -> str:
        return _("Chỉ tiêu %(code)s") % {"code": self.code}

    @property
    def value_kind(self) -> str:
        if self.unit_kind == "percent":
            return "percent"
        if self.unit_kind == "count":
            return "count"
        return "decimal"


@dataclass(frozen=True)
class Figure:
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    aggregable: bool = True

    @property
    def is_empty(self) -> bool:
        return self.value is None


def compute(numerator: Decimal, denominator: Decimal, scale: int) -> Decimal:
    return (numerator / denominator * scale).quantize(PLACES, rounding=ROUND_HALF_UP)


def read_figure(spec: MeasureSpec, *, numerator: str = "", denominator: str = "",
                value: str = "") -> tuple[Figure, dict[str, str]]:
    """The figure typed for `spec`, or errors keyed "numerator", "denominator", "value"."""
    errors: dict[str, str] = {}

    def label(key: str) -> str:
        # Only a message needs the box's label: a row that passes translates nothing.
        if key == "numerator":
            return f"{spec.label}, {spec.numerator_label or _('tử số')}"
        if key == "denominator":
            return f"{spec.label}, {spec.denominator_label or _('mẫu số')}"
        return f"{spec.label}, {_('giá trị')}"

    def read(text: str, key: str, kind: str) -> Decimal | None:
        if not text.strip():
            return None
        try:
            number = parse_number(text, kind=kind)
        except NumberFormatError as error:
            # The message parse_number gives with field=label, the label made only now.
            errors[key] = f"{label(key)}: {error.problem}"
            return None
        problem = _range_problem(number, kind=kind, negative_ok=spec.unit_kind == "annual_change")
        if problem:
            errors[key] = f"{label(key)}: {problem}"
            return None
        return number

    if spec.is_ratio and (numerator.strip() or denominator.strip()):
        top = read(numerator, "numerator", "count")
        bottom = read(denominator, "denominator", "count")
        if errors:
            return Figure(), errors
        if top is None:
            return Figure(), {"numerator": _(
                "%(field)s: chưa nhập, cần cả tử số và mẫu số (hoặc chỉ nhập giá trị).")
                % {"field": label("numerator")}}
        if bottom is None:
            return Figure(), {"denominator": _(
                "%(field)s: chưa nhập, cần cả tử số và mẫu số (hoặc chỉ nhập giá trị).")
                % {"field": label("denominator")}}
        if bottom == 0:
            return Figure(), {"denominator": _("%(field)s: mẫu số phải lớn hơn 0.")
                              % {"field": label("denominator")}}
        if top > bottom:
            return Figure(), {"numerator": _(
                "%(field)s: tử số (%(numerator)s) lớn hơn mẫu số (%(denominator)s).")
                % {"field": label("numerator"), "numerator": format_number(top),
                   "denominator": format_number(bottom)}}
        return Figure(top, bottom, compute(top, bottom, spec.scale)), {}

    number = read(value, "value", spec.value_kind)
    if errors or number is None:
        return Figure(), errors
    if spec.unit_kind == "percent" and number > 100:
        return Figure(), {"value": _("%(field)s: tỷ lệ phần trăm không thể lớn hơn 100 "
                                     "(%(value)s).")
                          % {"field": label("value"), "value": format_number(number)}}
    if spec.unit_kind == "yes_no" and number not in (0, 1):
        return Figure(), {"value": _("%(field)s: nhập 1 (có) hoặc 0 (không).")
                          % {"field": label("value")}}
    return Figure(value=number, aggregable=not spec.is_ratio), {}


def _range_problem(number: Decimal, *, kind: str, negative_ok: bool) -> str:
    if number < 0 and not negative_ok:
        return _("không được âm (%(number)s).") % {"number": format_number(number)}
    if abs(number) >= LIMIT:
        return _("số quá lớn.")
    if number != number.quantize(PLACES):
        return _("nhiều nhất 4 chữ số sau dấu phẩy.")
    return ""
