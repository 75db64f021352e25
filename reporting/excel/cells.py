"""What every workbook we write shares: number formats, safe text, workbook options.

Number formats. An .xlsx stores a number format with "." for decimals and ","
for thousands whatever the language; the spreadsheet shows them with the
reader's separators. On a computer set to Vietnamese (Windows "Vietnamese
(Vietnam)", LibreOffice locale vi-VN) "#,##0.0#" shows 1.234,5; on an English
one it shows 1,234.5. Writing numbers as text would force the Vietnamese look
everywhere but leave officers unable to add them up, so figures stay numbers.
The workbook's document language is set to vi-VN so that spell-checking and
the default locale of new cells follow Vietnamese where the program honours it.

Formula injection. A cell whose text begins with "=", "+", "-" or "@" would
become a formula if written with worksheet.write() (XlsxWriter turns such
strings into formulas) or retyped by the reader. Text is always written with
write_string(), and such text gets the quote prefix ("'" in Excel) so editing
the cell keeps it text.
"""

from __future__ import annotations

from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext_lazy

RISKY_LEADS = ("=", "+", "-", "@", "\t", "\r")

COUNT_FORMAT = "#,##0"
RATE_FORMAT = "#,##0.0#"
# The words a yes/no cell shows for 1 and 0, in the reader's language.
YES_NO_FORMAT = gettext_lazy('[=1]"Có";[=0]"Không";General')

NUMBER_FORMATS = {
    "count": COUNT_FORMAT,
    "percent": RATE_FORMAT,
    "per_1000": RATE_FORMAT,
    "per_100000": RATE_FORMAT,
    "annual_change": RATE_FORMAT,
    "yes_no": YES_NO_FORMAT,
}

FONT = {"font_name": "Times New Roman", "font_size": 11}


def new_workbook(target, *, constant_memory: bool = True) -> xlsxwriter.Workbook:
    """A workbook that never turns text into formulas, numbers or links."""
    workbook = xlsxwriter.Workbook(target, {
        "constant_memory": constant_memory, "in_memory": not constant_memory,
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    workbook.set_properties({"author": "ChildPlan", "company": "ChildPlan"})
    workbook.set_custom_property("Language", "vi-VN")
    return workbook


def number_format(unit_kind: str) -> str:
    return str(NUMBER_FORMATS.get(unit_kind, RATE_FORMAT))


def is_risky(text: str) -> bool:
    return text.startswith(RISKY_LEADS)


class Formats:
    """Formats made once per workbook, by name, with a quote-prefixed twin for risky text."""

    def __init__(self, workbook: xlsxwriter.Workbook, specs: dict[str, dict]):
        self.workbook = workbook
        self.specs = specs
        self.made: dict[tuple[str, bool], object] = {}

    def __getitem__(self, name: str):
        return self.get(name)

    def get(self, name: str, *, quoted: bool = False):
        key = (name, quoted)
        if key not in self.made:
            spec = {**FONT, **self.specs[name]}
            if quoted:
                spec["quote_prefix"] = True
            self.made[key] = self.workbook.add_format(spec)
        return self.made[key]

    def number(self, unit_kind: str, *, locked: bool = True, **extra):
        """A bordered number cell in the unit's format; locked ones greyed as read-only."""
        key = (f"number:{unit_kind}:{locked}:{sorted(extra.items())}", False)
        if key not in self.made:
            spec = {**FONT, "border": 1, "valign": "top", "num_format": number_format(unit_kind),
                    **extra}
            if locked:
                spec["bg_color"] = "#F2F2F2"
            else:
                spec["locked"] = False
            self.made[key] = self.workbook.add_format(spec)
        return self.made[key]


def write_text(sheet, row: int, col: int, text: str | None, formats: Formats, name: str) -> None:
    """Text as text, always: never a formula, however it begins."""
    text = text or ""
    if not text:
        sheet.write_blank(row, col, None, formats[name])
        return
    sheet.write_string(row, col, text, formats.get(name, quoted=is_risky(text)))


def write_number(sheet, row: int, col: int, number: Decimal | int | None, cell_format) -> None:
    if number is None:
        sheet.write_blank(row, col, None, cell_format)
    else:
        sheet.write_number(row, col, float(number), cell_format)
