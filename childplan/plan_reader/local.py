"""A plan's own measures: what a target sentence that fits no national measure measures.

Plans add measures of their own ("100% Ban Bảo vệ trẻ em cấp xã hoạt động có hiệu quả",
"Xây dựng đội ngũ cộng tác viên … đạt 12 xã/phường"). For each unmapped sentence that
sets values, `propose` writes a measure for the officer to accept, edit or drop:

- name: the sentence without its values, years and the words that set them ("phấn đấu",
  "đạt", "vào năm 2025"), with "Tỷ lệ" before a percentage that does not name itself;
- unit: percent when a value is written with "%" or the sentence says "tỷ lệ"; per 1.000
  or per 100.000 with their signs; otherwise a count, whose label is the word after the
  number ("12 xã/phường" → "xã/phường");
- direction: decrease when the sentence says "giảm", "xuống" or "dưới", else increase.

Sentences that name the same measure (the same name once tidied) give one measure.
"""

from __future__ import annotations

import re

from childplan.plan_reader.measures import MeasureInfo
from childplan.plan_reader.phrases import read_clause

MAX_NAME = 300
_YEARS = re.compile(r"(?:(?:vào|đến|trong|từ)\s+)?(?:các\s+)?năm\s+(?:19|20)\d\d(?!\d)",
                    re.IGNORECASE)
_VALUE = re.compile(
    r"(?<!\w)(?:(?:phấn đấu|phân đầu|phần đầu|đạt|ít nhất|có|từ|trên|dưới|xuống|còn|là|"
    r"khoảng|giảm|tăng)\s+)*\d[\d.,]{0,15}\s?(?:%|‰|/100\.000)?(?:\s*(?:-|–|đến)\s*\d[\d.,]{0,15}\s?"
    r"(?:%|‰)?)?(?:\s+trở\s+lên)?", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:phấn đấu|phân đầu|phần đầu|đạt|có|ít nhất|trên|có ít|và|"
                      r"xây dựng được|xây dựng|mỗi năm,?|hằng năm,?|hàng năm,?)\s+)+",
                      re.IGNORECASE)
_COUNT_UNIT = re.compile(r"\d[\d.,]{0,15}\s+([^\W\d_]+(?:/[^\W\d_]+)?)")


def _tidy(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:-–")
    name = _LEADING.sub("", name).strip(" ,.;:-–")
    return name[:1].upper() + name[1:] if name else ""


def _after(name: str) -> str:
    """The name after a word put before it: lower case, unless it opens a proper name
    ("Ban Bảo vệ trẻ em")."""
    words = name.split(maxsplit=2)
    if len(words) > 1 and words[1][:1].isupper():
        return name
    return name[:1].lower() + name[1:]


def propose(clauses: list[str], *, first_code: int = 1) -> list[tuple[MeasureInfo, str, str]]:
    """Measures for the unmapped sentences that set values: (measure, unit label, sentence),
    one entry per sentence, sentences of one measure sharing the same MeasureInfo."""
    found: dict[str, MeasureInfo] = {}
    labels: dict[str, str] = {}
    result = []
    for clause in clauses:
        phrases = read_clause(clause)
        if not phrases:
            continue
        words = clause[:MAX_NAME]
        signs = {p.sign for p in phrases if p.sign}
        if any(p.comparator == "annual_change" for p in phrases):
            kind, label = "annual_change", "%/năm"
        elif "‰" in signs:
            kind, label = "per_1000", "‰"
        elif "/100.000" in signs:
            kind, label = "per_100000", "/100.000"
        elif "%" in signs or re.search(r"t[ỷỉ]\s+lệ", words, re.IGNORECASE):
            kind, label = "percent", "%"
        else:
            unit = _COUNT_UNIT.search(_YEARS.sub("", words))
            kind, label = "count", unit.group(1) if unit else ""
        name = _tidy(_VALUE.sub(" ", _YEARS.sub(" ", words)))
        if kind == "count" and label:
            name = _tidy(re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", name, count=1))
        if not name:
            continue
        if kind == "percent" and not re.match(r"t[ỷỉ]\s+lệ", name, re.IGNORECASE):
            name = "Tỷ lệ " + _after(name)
        elif kind == "count" and not re.match(r"số\s", name, re.IGNORECASE):
            name = "Số " + _after(name)
        key = name.lower()
        if key not in found:
            falls = re.search(r"(?<!\w)(?:giảm|xuống|dưới)(?!\w)", words, re.IGNORECASE)
            found[key] = MeasureInfo(f"L{first_code + len(found)}", None, name, kind,
                                     "decrease" if falls else "increase")
            labels[key] = label
        result.append((found[key], labels[key], clause))
    return result
