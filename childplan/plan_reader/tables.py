"""Targets set in a table: a row for each measure, a column for each year.

A Word table arrives one cell a line, row after row (documents.py reads it in python-docx's
order); a text copy or a PDF text layer gives a row a line, its cells parted by "|", by
runs of spaces, or only by the figures that end it ("Tỷ suất tử vong … ‰ 12 10").

A table of targets opens with a header whose cells name years ("Năm 2025", "Mục tiêu
2030", "2025"); a column of figures already reached ("Thực hiện 2020", "Ước 2020", "Năm
gốc 2020") holds no target. Each row after it gives the measure's words, perhaps its unit,
then one cell for each year column ("-" when the year has no value). The table ends at
the first line that is not such a row.

`table_sentences(lines)` writes each value of a row as a sentence the reader reads like
any other ("Tỷ suất tử vong trẻ em dưới 1 tuổi 12‰ năm 2025") and returns the lines left
for the rest of the reader, the tables' own lines blanked so they are not read twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR_CELL = re.compile(r"(?P<label>[^\d|]{0,25}?)\s*(?:năm\s+)?(?P<year>(?:19|20)\d\d)\s*",
                       re.IGNORECASE)
# Words of a sentence, not of a column's header ("hằng năm giai đoạn từ năm 2025").
NOT_HEADER = re.compile(r"giai\s+đoạn|hằng|hàng|mỗi|vào|trong|từ", re.IGNORECASE)
LABEL_CELL = re.compile(r"s?tt|chỉ tiêu|nội dung|đơn vị(?: tính)?|tên chỉ tiêu", re.IGNORECASE)
PAST = re.compile(r"thực hiện|ước|kết quả|hiện trạng|thực trạng|gốc|cơ sở|hiện nay",
                  re.IGNORECASE)
VALUE_CELL = re.compile(r"(?:(?:dưới|trên|ít nhất|tối thiểu|không quá|<|>|≤|≥)\s*)?"
                        r"\d[\d.,]{0,12}\s*(?:%|‰|/\s*100\.000)?", re.IGNORECASE)
EMPTY_CELLS = {"-", "–", "—", "x", "/", "…", "..."}
ORDINAL = re.compile(r"(?:\d{1,3}|[IVXL]{1,6}|[a-zđ])[.)]?", re.IGNORECASE)
# A row written on one line, its figures at the end: the words, then the unit, then the
# figures. Each piece is bounded, so the search stays linear in the line.
TRAILING = re.compile(r"(?P<value>(?:(?:dưới|trên)\s+)?\d[\d.,]{0,12}\s?(?:%|‰)?|[-–—x])$",
                      re.IGNORECASE)
MAX_COLUMNS = 12


@dataclass
class _Column:
    year: int
    past: bool


def _is_value(cell: str) -> bool:
    return cell in EMPTY_CELLS or bool(VALUE_CELL.fullmatch(cell))


def _header(cell: str) -> _Column | None:
    found = YEAR_CELL.fullmatch(cell)
    if not found or NOT_HEADER.search(found.group("label")):
        return None
    return _Column(int(found.group("year")), bool(PAST.search(found.group("label"))))


def _split_line(line: str, columns: int) -> list[str]:
    """The cells of a row written on one line."""
    if "|" in line:
        return [cell.strip() for cell in line.strip(" |").split("|")]
    if "  " in line:
        return [cell.strip() for cell in re.split(r"\s{2,}", line.strip())]
    cells: list[str] = []
    rest = line.strip()
    while len(cells) < columns:
        found = TRAILING.search(rest)
        if not found or found.start() == 0 or rest[found.start() - 1] != " ":
            break
        cells.insert(0, found.group("value"))
        rest = rest[:found.start()].rstrip()
    if not cells:
        return [line.strip()]
    unit = re.search(r"\s(%|‰|/100\.000)$", rest)
    if unit:
        return [rest[:unit.start()], unit.group(1), *cells]
    return [rest, *cells]


def _header_of_line(line: str) -> list[_Column]:
    """Year columns of a header written on one line ("Chỉ tiêu Đơn vị Năm 2025 Năm 2030")."""
    if (VALUE_CELL.search(re.sub(r"(?:19|20)\d\d", "", line)) or len(line) > 200
            or re.search(r"giai\s+đoạn|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", line,
                         re.IGNORECASE)):
        return []
    cells = _split_line(line, 0) if ("|" in line or "  " in line) else re.split(
        r"(?<=\d)\s+", line)
    columns = [column for column in map(_header, (c.strip() for c in cells)) if column]
    return columns if len(columns) >= 2 else []


class _Cells:
    """The cells after a header, with their line, split from the lines as they are needed
    (a table ends soon; the rest of the document is not split for each line it starts)."""

    def __init__(self, lines: list[str], start: int, columns: int):
        self.lines, self.next_line, self.columns = lines, start, columns
        self.cells: list[tuple[int, str]] = []

    def has(self, position: int) -> bool:
        while len(self.cells) <= position and self.next_line < len(self.lines):
            number, line = self.next_line, self.lines[self.next_line].strip()
            self.next_line += 1
            parts = (_split_line(line, self.columns)
                     if len(line) > 3 and not _is_value(line) else [line])
            self.cells.extend((number, part) for part in parts if part)
        return position < len(self.cells)

    def __getitem__(self, position: int) -> tuple[int, str]:
        self.has(position)
        return self.cells[position]


def _sign(value: str, unit: str) -> str:
    if re.search(r"[%‰]|100\.000", value):
        return ""
    if "‰" in unit or "1.000" in unit:
        return "‰"
    if "100.000" in unit:
        return "/100.000"
    if "%" in unit or "tỷ lệ" in unit.lower():
        return "%"
    return ""


def table_sentences(lines: list[str]) -> tuple[list[str], list[str]]:
    """Sentences for the values of the tables of targets, and the lines left to read."""
    left = list(lines)
    sentences: list[str] = []
    index = 0
    while index < len(lines):
        found = _table_at(lines, index)
        if found is None:
            index += 1
            continue
        end, rows = found
        sentences.extend(rows)
        for taken in range(index, end):
            left[taken] = ""
        index = max(end, index + 1)
    return sentences, left


def _table_at(lines: list[str], start: int) -> tuple[int, list[str]] | None:
    """The end of a table whose header starts at lines[start], and its sentences."""
    line = lines[start].strip()
    columns: list[_Column] = []
    index = start
    if "|" in line or "  " in line or len(_header_of_line(line)) >= 2:
        columns = _header_of_line(line)
        index = start + 1 if columns else start
    if not columns:
        # One cell a line: labels ("STT", "Chỉ tiêu", "Đơn vị tính") and year cells.
        while index < min(len(lines), start + 2 * MAX_COLUMNS) and len(columns) < MAX_COLUMNS:
            cell = lines[index].strip()
            column = _header(cell)
            if column:
                columns.append(column)
            elif columns or len(cell) > 30 or re.search(r"\d", cell) or not cell:
                break
            index += 1
        labelled = any(LABEL_CELL.fullmatch(lines[at].strip()) for at in range(start, index))
        if len(columns) < (1 if labelled else 2):
            return None
    rows: list[str] = []
    cells = _Cells(lines, index, len(columns))
    position, end, misses = 0, index, 0
    while cells.has(position) and misses < 2:
        number, cell = cells[position]
        if ORDINAL.fullmatch(cell) and cells.has(position + 1):
            position += 1
            continue
        if _is_value(cell) or len(cell) < 4:
            break
        name = cell
        after = position + 1
        while cells.has(after) and cells[after][1] == name:
            after += 1  # a group heading spanning the row, repeated in each cell
        unit = ""
        if (cells.has(after + 1) and not _is_value(cells[after][1])
                and _is_value(cells[after + 1][1]) and len(cells[after][1]) <= 40):
            unit = cells[after][1]
            after += 1
        values = [cells[at] for at in range(after, after + len(columns)) if cells.has(at)]
        if len(values) < len(columns) or not all(_is_value(v) for _, v in values):
            if after == position + 1 or unit == "":
                misses += 1  # a row of words alone: a group heading inside the table
                position = after
                continue
            break
        misses = 0
        for column, (_, value) in zip(columns, values, strict=True):
            if column.past or value in EMPTY_CELLS:
                continue
            rows.append(f"{name} {value}{_sign(value, unit)} năm {column.year}")
        position = after + len(columns)
        end = values[-1][0] + 1
    if not rows:
        return None
    return end, rows
