"""Text as documents arrive: Word, PDF and gazette copies broken into lines, markdown bold.

`paragraphs(text)` rebuilds the paragraphs a reader sees: lines broken in the middle of
a sentence (the Trà Vinh gazette copy breaks every 80 characters) are joined again, and
a new paragraph starts only where the document starts an item ("- ", "+ ", "a) ", "1. ",
"IV. ") or after a blank line, unless the next line carries on in lower case (a page
break in the middle of a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_BULLET = re.compile(r"^[-+•]\s")
_NUMBERED = re.compile(r"^(?:\d{1,2}\.(?:\s+\S|[^\d\s])|[a-zđ]\)\s|[IVXL]+\.\s|Điều\s+\d)")
_TARGET_ITEM = re.compile(r"^(?:[-+•]\s*)?(?:Chỉ tiêu|Mục tiêu)\s+\d", re.IGNORECASE)
# "1.1.2. Mục tiêu cụ thể", "1.2.1 Tỷ lệ …": numbered to several levels, then a capital.
_DEEP_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+(\w)")
# "Sở Lao động\n- Thương binh và Xã hội": the dash of a name broken across lines.
_NAME_GOES_ON = re.compile(r"^[-–]\s*Thương binh")
# Old and new placement of the tone mark in open syllables ("hoá" / "hóa", "uỷ" / "ủy"):
# documents mix both. Closed syllables ("hoạch", "đoàn") have one placement only.
_TONE_PLACEMENT = {"oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
                   "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OPEN_SYLLABLE = re.compile("(" + "|".join(_TONE_PLACEMENT) + r")(?!\w)", re.IGNORECASE)
# A markdown heading mark ("## ") at the start of a line, with the blank lines before it.
# The whitespace is taken whole (possessive) and the mark is optional, so a run of blank
# lines is scanned once, not once per line: the match is kept as it is when no mark follows.
_HEADING_MARK = re.compile(r"^\s*+(#+\s*)?", re.MULTILINE)


def same_tones(text: str) -> str:
    """One placement of the tone mark, for comparing words (not for showing them)."""
    def swap(match: re.Match) -> str:
        new = _TONE_PLACEMENT[match.group(1).lower()]
        return new.capitalize() if match.group(1)[0].isupper() else new

    return _OPEN_SYLLABLE.sub(swap, text)


def normalise(text: str) -> str:
    """NFC, no markdown emphasis, no odd spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in "\u00a0\u202f\u2009\t":
        text = text.replace(space, " ")
    text = re.sub(r"\*+|_{2,}", "", text)
    return _HEADING_MARK.sub(lambda m: "" if m.group(1) else m.group(0), text)


def _starts_item(line: str, previous: str) -> bool:
    if _NUMBERED.match(line) or _TARGET_ITEM.match(line):
        return True
    deep = _DEEP_NUMBER.match(line)
    if deep and deep.group(1).isupper():
        return True
    if _BULLET.match(line):
        # "Sở Lao động\n- Thương binh và Xã hội": a dash that continues a name, and
        # "0,1\n- 0,2%", a range broken across lines. A dash before a capital, or any dash
        # after the end of a sentence or a short heading, starts an item.
        if _NAME_GOES_ON.match(line):
            return False
        return (previous.endswith((".", ";", ":", "/.", "%", "‰"))
                or line[1:].lstrip()[:1].isupper()
                or (len(previous) < 60 and not previous[-1:].isdigit()
                    and bool(_NUMBERED.match(previous))))
    # "Đến năm 2025:" after a sentence: the lead of the list that follows.
    return line.endswith(":") and line[:1].isupper() and previous.endswith((".", ";", ":"))


def paragraphs(text: str) -> list[str]:
    result: list[str] = []
    current: list[str] = []
    after_blank = False
    for raw in normalise(text).split("\n"):
        line = " ".join(raw.split())
        if not line or line == "|":
            after_blank = True
            continue
        if current:
            previous = current[-1]
            joins = (line[0].islower() if after_blank
                     else not _starts_item(line, previous))
            if joins:
                current.append(line)
            else:
                result.append(" ".join(current))
                current = [line]
        else:
            current = [line]
        after_blank = False
    if current:
        result.append(" ".join(current))
    return result


def parse_number(text: str) -> tuple[Decimal | None, bool]:
    """A figure as plans print it, and whether its reading is in doubt.

    "9,5" and "1.234,5" use the comma for decimals; "18.5" is a stray dot, read as a
    decimal point; "1.000" and "100.000" group thousands. A lone dot followed by exactly
    three digits could be either, so that reading is returned as doubtful.
    """
    try:
        if "," in text:
            whole, _, fraction = text.rpartition(",")
            whole = whole.replace(".", "")
            if not whole.isdigit() or not fraction.isdigit():
                return None, True
            return Decimal(f"{whole}.{fraction}"), False
        if text.count(".") == 1:
            head, tail = text.split(".")
            if len(tail) == 3:
                return Decimal(head + tail), head != "0" and len(head) <= 3 and int(head) < 100
            return Decimal(text), False
        return Decimal(text.replace(".", "")), False
    except InvalidOperation:
        return None, True
