"""Numbers written the Vietnamese way: comma for decimals, dot for thousands.

Agency staff type figures as they write them on paper ("1,9", "1.234",
"1.234,5"). A form must turn that text into a Decimal or say, in Vietnamese,
which field is wrong and why. Guessing is worse than asking: "1.234" read as
1234 in a percentage field, or as 1,234 in a count, silently changes a figure
the People's Committee will read. So every rule below either has exactly one
reading or is refused with a message that shows how to write it.

Reading text with ``parse_number(text, kind=..., field=...)``:

1. Spaces (also non-breaking, narrow non-breaking and thin spaces, which Word
   and Excel insert) around the text are ignored. Nothing left: "chưa nhập".
2. One trailing unit sign may follow, with or without a space: "%" in a
   percent field; "%" or "‰" in a decimal field (the sign is decoration, the
   caller knows the unit; nothing is converted). "‰" in a percent field is
   refused because it means a value ten times smaller; a count takes no sign.
3. One leading sign may come first: "-", the Unicode minus "−" (what Word
   turns a hyphen into) or "+". Negatives are parsed; rejecting them is the
   caller's business, since an annual change may be negative.
4. What is left may hold only the digits 0–9, "," "." and spaces. Any other
   character (letters, "e" notation, a second sign) is refused and named.
5. The comma is the decimal separator. At most one; digits are required on
   both sides ("1," and ",5" are refused); the part after it is digits only,
   so "1,234.5" (the English way round) is refused with a hint.
6. Thousands are grouped with dots or with spaces, never both in one number.
   A grouped number has a first group of 1–3 digits that does not start with
   0, then groups of exactly three digits: "1.234.567", "1 234,5". Anything
   else with several dots or spaces ("1.23.4", "12.34,5", "1 23") is refused
   as misplaced thousands separators.
7. A single dot and no comma is the only ambiguous shape:
   - If the dot cannot be a thousands separator (the digits after it are not
     exactly three, or the part before it is not a valid first group, e.g.
     "98.5", "0.5", "0.123", "1234.5"), it is a decimal point: that is the
     only reading. This covers the usual percentage typed with a dot.
   - Otherwise ("1.234", "100.000") it may be either. In a count the value
     is a whole number, so it is thousands: 1234. In a percent or decimal
     field it is refused, naming the field, never guessed.
8. A count is a whole number of things: any decimal part ("1,5", "1,0",
   "1.5") is refused.

Writing numbers with ``format_number(value, decimals=...)`` produces the same
convention (dot thousands, comma decimals), so for every value whose text has
only one reading ``parse_number(format_number(x)) == x``. The only values
whose text is ambiguous are whole numbers from 1.000 to 999.999 (exactly one
dot), which a percent or decimal field refuses; that is why a form should show
a percentage with its decimals, and why a count round-trips for every value.

In English the same two signs are swapped (1,234.5: point for decimals, comma for
thousands), and only swapped: the rules above are the one rule, read on the text with its
signs swapped back. Which notation is in use comes from ``use_separators`` (the portal
gives it the active language's format module, childplan/formats); Vietnamese otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = ("count", "percent", "decimal")

DIGITS = frozenset("0123456789")
# Word and Excel put these between thousands groups ("1 234" with U+00A0).
GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
MINUS_SIGNS = frozenset("-\u2212")

_SHOWN_LENGTH = 30

# (decimal separator, thousands separator) of the two notations.
VIETNAMESE = (",", ".")
ENGLISH = (".", ",")
_SWAP = str.maketrans(",.", ".,")


def _vietnamese() -> tuple[str, str]:
    return VIETNAMESE


_separators: Callable[[], tuple[str, str]] = _vietnamese


def use_separators(source: Callable[[], tuple[str, str]]) -> None:
    """Where parse_number and format_number learn the notation in use, asked at each call:
    a function giving (decimal separator, thousands separator), VIETNAMESE or ENGLISH."""
    global _separators
    _separators = source


def _swapped() -> bool:
    separators = tuple(_separators())
    if separators not in (VIETNAMESE, ENGLISH):
        raise ValueError(f"unsupported number separators {separators!r}")
    return separators == ENGLISH


_NOT_WHOLE = gettext_lazy("«%(text)s» không hợp lệ: số đếm phải là số nguyên.")


class NumberFormatError(ValueError):
    """A figure the user typed cannot be read; the message tells them why.

    The message is a Vietnamese sentence meant for the form, prefixed with the
    field's label when the caller gave one. `field` and `text` are kept so a
    form or an Excel import can place the error beside the right cell.
    """

    def __init__(self, problem: str, *, field: str = "", text: str = "") -> None:
        self.field = field
        self.text = text
        self.problem = problem  # the reason alone, for a caller that names the field itself
        if field:
            message = f"{field}: {problem}"
        else:
            message = problem[:1].upper() + problem[1:]
        super().__init__(message)


def parse_number(text: str, *, kind: str = "decimal", field: str = "") -> Decimal:
    """Read a figure typed the Vietnamese way; see the module docstring.

    `kind` is "count", "percent" or "decimal" (rates per 1.000, per 100.000,
    annual changes); it decides how far a lone dot may be read. `field` is the
    label the user sees, repeated in the error so they know which box to fix.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit():
        # Digits alone (what a number cell of a spreadsheet gives) have one reading in
        # either notation and pass every rule below: the common case, read directly.
        return Decimal(stripped)
    shown = _shown(stripped)
    if _swapped():
        stripped = stripped.translate(_SWAP)

    def fail(problem: str) -> NumberFormatError:
        return NumberFormatError(problem, field=field, text=text)

    if not stripped:
        raise fail(_("chưa nhập số liệu."))

    body = stripped
    if body[-1] in "%‰":
        sign = body[-1]
        if kind == "count":
            raise fail(_("«%(text)s» là số đếm nên không kèm dấu %(sign)s.")
                       % {"text": shown, "sign": sign})
        if kind == "percent" and sign == "‰":
            raise fail(_("«%(text)s» dùng dấu ‰ (phần nghìn) trong ô phần trăm: hãy nhập số "
                         "phần trăm, ví dụ 98,5.") % {"text": shown})
        body = body[:-1].rstrip()

    negative = False
    if body[:1] in MINUS_SIGNS or body[:1] == "+":
        negative = body[0] != "+"
        body = body[1:].lstrip()
    if not body:
        raise fail(_("«%(text)s» không có chữ số nào.") % {"text": shown})

    for char in body:
        if char not in DIGITS and char not in GROUP_SPACES and char not in ",.":
            raise fail(_("«%(text)s» có ký tự «%(char)s» không phải chữ số.")
                       % {"text": shown, "char": char})

    if body.count(",") > 1:
        raise fail(_("«%(text)s» có nhiều dấu phẩy: dấu phẩy chỉ dùng một lần, để tách phần "
                     "thập phân, ví dụ 1.234,5.") % {"text": shown})

    whole, comma, fraction = body.partition(",")
    if comma:
        if not whole:
            raise fail(_("«%(text)s» thiếu chữ số trước dấu phẩy: hãy viết 0,5 thay vì ,5.")
                       % {"text": shown})
        if not fraction:
            raise fail(_("«%(text)s» thiếu chữ số sau dấu phẩy.") % {"text": shown})
        if "." in fraction:
            raise fail(_("«%(text)s» có dấu chấm sau dấu phẩy: hãy dùng dấu chấm để tách hàng "
                         "nghìn và dấu phẩy cho phần thập phân, ví dụ 1.234,5.")
                       % {"text": shown})
        if not set(fraction) <= DIGITS:
            raise fail(_("«%(text)s» có khoảng trắng trong phần thập phân.") % {"text": shown})
        if kind == "count":
            raise fail(str(_NOT_WHOLE) % {"text": shown})
        integer = _ungroup(whole, shown, fail)
    elif whole.count(".") == 1 and not set(whole) & GROUP_SPACES:
        head, _dot, tail = whole.partition(".")
        if not head or not tail:
            raise fail(_("«%(text)s» thiếu chữ số ở một bên dấu chấm.") % {"text": shown})
        if len(tail) == 3 and _is_first_group(head):
            if kind != "count":
                raise fail(_("«%(text)s» không rõ là số thập phân hay số nghìn: nếu là số "
                             "thập phân, hãy dùng dấu phẩy (%(decimal)s); nếu là số nghìn, "
                             "hãy bỏ dấu chấm (%(thousands)s).")
                           % {"text": shown, "decimal": _written(f"{head},{tail}"),
                              "thousands": f"{head}{tail}"})
            integer, fraction = head + tail, ""
        elif kind == "count":
            raise fail(str(_NOT_WHOLE) % {"text": shown})
        else:
            integer, fraction = head, tail
    else:
        integer = _ungroup(whole, shown, fail)

    value = Decimal(f"{'-' if negative else ''}{integer}{'.' if fraction else ''}{fraction}")
    # "-0" and "-0,0" are zero; a signed zero would print as "-0".
    return abs(value) if value.is_zero() else value


def format_number(value: Decimal | int | float | None, *, decimals: int | None = None) -> str:
    """Write a number the way Vietnamese reports print it: 1.234,5.

    Trailing zeros are dropped (Decimal("9.50") → "9,5") because a stored
    Decimal keeps the column's places, not what the agency typed. With
    `decimals`, the value is rounded half up (as people and Excel round) and
    printed with exactly that many places, for tables that align columns.
    None prints as an empty cell.
    """
    if value is None:
        return ""
    number = _to_decimal(value)
    if decimals is not None and decimals < 0:
        raise ValueError("decimals must be zero or positive")
    with localcontext() as context:
        # Enough precision that neither quantize nor normalize rounds or fails.
        context.prec = max(28, len(number.as_tuple().digits) + abs(number.adjusted())
                           + (decimals or 0) + 4)
        if decimals is not None:
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
    if number.is_zero():
        number = abs(number)

    text = f"{number:f}"
    sign = "-" if text.startswith("-") else ""
    whole, _dot, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    written = f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
    return written.translate(_SWAP) if _swapped() else written


def typed_text(value: Decimal | int | float | None) -> str:
    """A number a machine gave (an Excel cell, a JSON number) as a reporter would type it in
    the notation in use, for parse_number to read back to the same value: no thousands
    signs, the decimal sign of the language, trailing zeros dropped ("1234,5"; "1234.5" in
    English). A grouped text would not do: "1.234" is refused in a percent box."""
    if value is None:
        return ""
    if type(value) is int:
        return str(value)  # what the lines below make of a whole number, without a Decimal
    number = _to_decimal(value)
    if number == number.to_integral_value():
        # 19, 19.0 and a stored 19.0000 are the same count.
        whole = number.quantize(Decimal(1))
        return f"{abs(whole) if whole.is_zero() else whole:f}"
    return _written(f"{number.normalize():f}".replace(".", ","))


# How many places after the comma a reported figure shows, on every page, warning and file
# alike (the stored value keeps four): the form's preview (static/js/report_form.js) reads
# it from the page.
FIGURE_DECIMALS = 2


def format_figure(value: Decimal | int | float | None) -> str:
    """A reported figure as every output shows it: rounded half up to FIGURE_DECIMALS places,
    trailing zeros dropped (4,7462 → "4,75"; 9,50 → "9,5"; 1234 → "1.234")."""
    if value is None:
        return ""
    return format_number(shown_figure(value))


def shown_figure(value: Decimal | int | float) -> Decimal:
    """The figure as format_figure shows it, as a number: what a verdict read off the page
    is judged on (9,4962 shows as 9,5, which is not "dưới 9,5")."""
    return _to_decimal(value).quantize(Decimal(1).scaleb(-FIGURE_DECIMALS),
                                       rounding=ROUND_HALF_UP)


def _to_decimal(value: Decimal | int | float) -> Decimal:
    # bool is an int; printing True as "1" would hide a yes/no measure bug.
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"cannot format {type(value).__name__} as a number")
    # A float goes through its shortest repr so 1.9 stays 1.9, not 1.899999…
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r} as a number")
    return number


def _written(text: str) -> str:
    """A text of the Vietnamese notation (as the rules read it) in the notation in use."""
    return text.translate(_SWAP) if _swapped() else text


def _is_first_group(digits: str) -> bool:
    """Whether `digits` can open a number grouped in thousands."""
    return 1 <= len(digits) <= 3 and digits[0] != "0"


def _ungroup(whole: str, shown: str, fail: Callable[[str], NumberFormatError]) -> str:
    """The digits of an integer part, checking its thousands separators."""
    separators = {char for char in whole if char == "." or char in GROUP_SPACES}
    if not separators:
        return whole
    if "." in separators and len(separators) > 1:
        raise fail(_("«%(text)s» dùng lẫn dấu chấm và khoảng trắng để tách hàng nghìn: chỉ "
                     "dùng một loại, ví dụ 1.234.567.") % {"text": shown})
    groups = "".join("." if char in GROUP_SPACES else char for char in whole).split(".")
    if not _is_first_group(groups[0]) or any(len(group) != 3 for group in groups[1:]):
        raise fail(_("«%(text)s» đặt dấu tách hàng nghìn sai chỗ: sau mỗi dấu tách phải có "
                     "đúng ba chữ số, ví dụ 1.234.567 hoặc 1.234,5.") % {"text": shown})
    return "".join(groups)


def _shown(text: str) -> str:
    """The user's text as quoted back in a message, cut if very long."""
    if len(text) <= _SHOWN_LENGTH:
        return text
    return text[: _SHOWN_LENGTH - 1] + "…"
