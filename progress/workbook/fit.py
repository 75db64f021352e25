"""How tall a row must be for its wrapped text: heights written into the file.

Excel grows a row with wrapped text when it opens a file, but LibreOffice does not grow
merged cells, and neither grows a row whose height is set: text then prints over the next
row or is cut. So every row of a paper gets its height here, from the longest cell.

Widths are in the file's column units (the width of a digit of the default font, 11 pt);
a unit holds about 1,3 average characters of Vietnamese text in Times New Roman 11 pt
(measured on LibreOffice's PDF; Liberation Serif has the same widths), a little less in
bold. Estimates err towards one line too many: a little white space rather than text cut.
Pure: text in, points out.
"""

from __future__ import annotations

import math
import textwrap

CHARS_PER_UNIT = 1.25
BOLD_CHARS_PER_UNIT = 1.05
LINE_POINTS = 15.0  # one line of Times New Roman 11 pt with its leading
PADDING_POINTS = 3.0


def wrapped_lines(text: str | None, width: float, *, bold: bool = False) -> int:
    """Lines `text` takes in a column `width` units wide; at least one."""
    if not text:
        return 1
    per_line = max(1, math.floor(width * (BOLD_CHARS_PER_UNIT if bold else CHARS_PER_UNIT)) - 1)
    if len(text) <= per_line and "\n" not in text:
        return 1  # most cells: no wrapping to work out
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, len(textwrap.wrap(paragraph, per_line, break_long_words=True,
                                          break_on_hyphens=False)))
    return lines


def row_height(cells: list[tuple[str | None, float]], *, bold: bool = False,
               points_per_line: float = LINE_POINTS) -> float:
    """The height of a row of (text, width) cells: its tallest cell."""
    lines = max((wrapped_lines(text, width, bold=bold) for text, width in cells), default=1)
    return lines * points_per_line + PADDING_POINTS
