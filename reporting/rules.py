"""Validation rules across measures, in the manner of DHIS2's: a left side, an operator and a
right side, each side a sum of measure codes and numbers ("3a", "17a + 17b", "100"), checked
on the figures of one report (one agency, unit and year). No Django here.

- A side whose measures have no figure yet is not judged: the rule is skipped (DHIS2's
  "skip if any value is missing"), so a half-filled draft is not flooded with messages.
- Each rule has a severity: BLOCK refuses the submission until the figures agree; CONFIRM
  asks, like an unusual figure, for a note and a ticked confirmation on the left side's
  first measure.
- The message is the rule's own Vietnamese sentence, followed by the figures compared.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from indicators.numbers import format_figure

OPERATORS: dict[str, tuple[str, Callable[[Decimal, Decimal], bool]]] = {
    "le": ("≤", operator.le), "lt": ("<", operator.lt), "ge": ("≥", operator.ge),
    "gt": (">", operator.gt), "eq": ("=", operator.eq), "ne": ("≠", operator.ne),
}
BLOCK, CONFIRM = "block", "confirm"
_TERM = re.compile(r"^\s*(?:(?P<number>\d+(?:[.,]\d+)?)|(?P<code>\d+[a-z]?))\s*$")


class RuleSyntaxError(ValueError):
    """A side that is not a sum of measure codes and numbers; the message says which part."""


@dataclass(frozen=True)
class Side:
    codes: tuple[str, ...]
    constant: Decimal

    def total(self, values: Mapping[str, Decimal | None]) -> Decimal | None:
        found = [values.get(code) for code in self.codes]
        if any(value is None for value in found):
            return None
        return sum(found, self.constant)


def parse_side(text: str) -> Side:
    """ "3a", "17a + 17b", "100": codes are a number and at most one letter; a number alone
    or with a comma or dot is a constant (a code is never read as a number: write 100,0)."""
    codes: list[str] = []
    constant = Decimal(0)
    if not text.strip():
        raise RuleSyntaxError(gettext("vế trống"))
    for part in text.split("+"):
        found = _TERM.match(part.lower())
        if not found:
            raise RuleSyntaxError(gettext("«%(part)s» không phải mã chỉ tiêu hay một số")
                                  % {"part": part.strip()})
        if found["number"] and ("," in found["number"] or "." in found["number"]):
            try:
                constant += Decimal(found["number"].replace(",", "."))
            except InvalidOperation as error:
                raise RuleSyntaxError(gettext("«%(part)s» không đọc được")
                                      % {"part": part.strip()}) from error
        else:
            codes.append(found["code"] or found["number"])
    return Side(tuple(codes), constant)


@dataclass(frozen=True)
class Rule:
    left: str
    operator: str
    right: str
    severity: str
    message: str

    @property
    def first_code(self) -> str:
        return parse_side(self.left).codes[0] if parse_side(self.left).codes else ""

    @property
    def codes(self) -> set[str]:
        return set(parse_side(self.left).codes) | set(parse_side(self.right).codes)


@dataclass(frozen=True)
class Violation:
    rule: Rule
    left: Decimal
    right: Decimal

    @property
    def blocks(self) -> bool:
        return self.rule.severity == BLOCK

    @property
    def text(self) -> str:
        sign = OPERATORS[self.rule.operator][0]
        shown = [f"{text} = {format_figure(total)}"
                 for text, total in ((self.rule.left, self.left), (self.rule.right, self.right))
                 if parse_side(text).codes]  # a number alone is not repeated
        return gettext("%(message)s (%(values)s; cần %(left)s %(sign)s %(right)s.)") % {
            "message": self.rule.message, "values": ", ".join(shown), "left": self.rule.left,
            "sign": sign, "right": self.rule.right}


def violations(rules: Sequence[Rule], values: Mapping[str, Decimal | None]) -> list[Violation]:
    """The rules that the figures (measure code → value) break, in the rules' order."""
    found = []
    for rule in rules:
        left = parse_side(rule.left).total(values)
        right = parse_side(rule.right).total(values)
        if left is None or right is None:
            continue
        if not OPERATORS[rule.operator][1](left, right):
            found.append(Violation(rule, left, right))
    return found
