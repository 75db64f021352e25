"""Target phrases: the values, comparators, years and areas one clause of a plan sets.

A clause is one series of a chỉ tiêu ("giảm tỷ suất tử vong trẻ sơ sinh xuống dưới 9,5‰
vào năm 2025 và dưới 9‰ vào năm 2030"). `read_clause` returns what it says, in order,
without deciding which measure it is about (measures.py does that) and leaving two
readings open that depend on the measure's direction: a bare value ("90% trẻ em …")
and "là" (comparator "" and "là").

Rules, each tested in tests/childplan/test_plan_reader_phrases.py:

1. Numbers that describe the measure, not its target, are masked first: ages ("dưới
   5 tuổi", "từ 5 đến 17 tuổi", "từ 07 tuổi trở lên"), "8 loại vắc xin", "trên 1.000
   trẻ đẻ sống" (which also says the value is per 1.000), dates, document numbers,
   "giai đoạn 2021-2025".
2. A year is "năm YYYY". A value is a number with a unit sign ("%", "‰", "/100.000",
   "99,1 %") or a number right after a comparator word ("dưới 1,9", "xuống 2").
   "từ 2 đến 3%" and "0,4 - 0,7%" are ranges.
3. Each value belongs to the years that follow it ("đạt 97% vào năm 2025 và 98% vào
   năm 2030"); values with no year after them take the year written before them
   ("Đến năm 2015, có trên 90% …"). "… và duy trì đến năm 2030" with no value of its
   own repeats the previous values for that year, worded "duy trì".
4. A value with no comparator word takes the word of the value before it in the clause
   ("xuống dưới 6,5% vào năm 2025 và 6% vào năm 2030": both "dưới").
5. "hằng năm / hàng năm / mỗi năm" makes the values annual rates of change, negative
   when the clause says "giảm". Otherwise a range is a band.
6. An area follows its value ("dưới 5% đối với nông thôn") or precedes it ("thành thị
   dưới 10%"): nông thôn and ngoại thành are rural, thành thị and nội thành urban.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from childplan.plan_reader.text import parse_number

# Longest first: "xuống dưới" before "xuống", "ít nhất có" before "ít".
COMPARATOR_WORDS: list[tuple[str, str, str]] = [
    ("phấn đấu đạt", ">=", "phấn đấu đạt"),
    ("ít nhất có", ">=", "ít nhất có"),
    ("xuống còn", "<=", "xuống còn"),
    ("xuống dưới", "<", "dưới"),
    ("không quá", "<=", "không quá"),
    ("phấn đấu", ">=", "phấn đấu"),
    ("ít nhất", ">=", "ít nhất"),
    ("duy trì", "=", "duy trì"),
    ("xuống", "<=", "xuống"),
    ("dưới", "<", "dưới"),
    ("trên", ">", "trên"),
    ("đạt", ">=", "đạt"),
    ("còn", "<=", "còn"),
    ("có", ">=", "có"),
    ("tăng", "up", "tăng"),
    ("giảm", "down", "giảm"),
    ("ít", ">=", "ít nhất"),
    ("là", "là", "là"),
    ("từ", "from", "từ"),
]
_WORDING = {word: (comparator, wording) for word, comparator, wording in COMPARATOR_WORDS}
_WORD_RE = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _, _ in COMPARATOR_WORDS)
# A number, taken whole (atomic): giving digits back could never let the rest match, and
# it is not started inside another number (a start there would only rescan the same digits).
_NUM = r"(?<!\d)(?<!\d[.,])(?>\d+(?:[.,]\d+)*)"
_SIGN = r"(?:\s*(%|‰|/\s*100\.000|/\s*1\.000))?"
VALUE_RE = re.compile(
    rf"(?:(?<!\w)(?P<word>{_WORD_RE})\s*)?(?P<low>{_NUM}){_SIGN.replace('(%', '(?P<sign1>%')}"
    rf"(?:\s*(?:-|–|đến)\s*(?P<high>{_NUM}){_SIGN.replace('(%', '(?P<sign2>%')})?(?![\w.,]\d|\w)"
)
YEAR_RE = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)")
# "vào các năm 2015, 2020": the years after the first are written bare.
YEAR_LIST_RE = re.compile(r"(?<!\w)năm\s+(?:19|20)\d\d"
                          r"(?:\s*(?:,|và)\s*(?:19|20)\d\d(?![\d.,]\d|\d))+")
BARE_YEAR_RE = re.compile(r"(?<=[,\s])((?:19|20)\d\d)(?!\d)")
PER_THOUSAND_RE = re.compile(r"(?:trên\s+)?1\.000\s+trẻ(?:\s+em)?\s+(?:đẻ|sinh)\s+sống")
MASKS = [
    PER_THOUSAND_RE,
    re.compile(r"(?:(?<!\w)(?:dưới|trên|từ|đến)\s+)?(?<!\d)\d++(?:\s*(?:-|–|đến)\s*\d++)?\s*"
               r"(?:tháng\s+)?tuổi(?:\s+trở\s+lên)?"),
    re.compile(r"(?<!\d)\d++\s+loại"),
    re.compile(r"\d{1,2}/\d{1,2}/\d{4}"),
    re.compile(r"(?<!\d)\d++(?:/\d++)?/[a-zđ][a-zđ\-/]*"),
    re.compile(r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}"),
    re.compile(r"(?:nghị định|quyết định|kế hoạch|chỉ thị|thông tư)\s+(?:số\s+)?\d+"),
    re.compile(r"(?<!\d)\d++(?:\.\d++)?\s*(?:lần|giờ|ngày)(?!\w)"),
    # Dates written "ngày 20.10", "ngày 20/10/2023", "tháng 6", and the year a change is
    # measured from ("giảm 15% so với năm 2021"), which is not the target's year.
    re.compile(r"ngày\s+\d{1,2}(?:[./-]\d{1,2}(?:[./-]\d{2,4})?)?(?!\d)"),
    re.compile(r"tháng\s+\d{1,2}(?:[./-]\d{4})?(?!\d)"),
    re.compile(r"so\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?\d{4}"),
]
ANNUAL_RE = re.compile(r"(?:hằng|hàng|mỗi)\s+năm")
AREA_RE = re.compile(r"(nông\s+thôn|thành\s+thị|nội\s+thành|ngoại\s+thành)")
# Parts of a territory that are not the national measure's rural/urban split: a value
# set for them alone is not the plan's target for the measure.
SUBAREA_RE = re.compile(r"miền\s+núi|vùng\s+cao|vùng\s+sâu|vùng\s+(?:đặc\s+biệt\s+)?khó\s+khăn|"
                        r"dân\s+tộc\s+thiểu\s+số|biên\s+giới|hải\s+đảo|bãi\s+ngang")
AREAS = {"nông thôn": "rural", "ngoại thành": "rural", "thành thị": "urban", "nội thành": "urban"}
_MASK_CHAR = "¤"
# A clause sets a few values for a few years; one naming more is not a target sentence,
# and reading it whole would multiply its values by its years.
MAX_PHRASES = 100
MAX_YEARS = 20
TOO_MANY = (f"Câu nêu quá nhiều giá trị hoặc năm (hơn {MAX_PHRASES} giá trị hay {MAX_YEARS} năm "
            "liền nhau): chỉ đọc phần đầu, hãy kiểm tra lại.")
_SIGNS = {"%": "%", "‰": "‰", "/100.000": "/100.000", "/1.000": "‰"}


@dataclass
class Phrase:
    """One value a clause sets for some years; `years` None when the clause gives none."""

    years: list[int] | None
    comparator: str  # "<" "<=" ">" ">=" "=" "band" "annual_change", or "" / "là" / "up" / "down"
    value: Decimal
    value_high: Decimal | None
    area: str
    wording: str
    sign: str  # the unit sign the document wrote: "%", "‰", "/100.000" or ""
    sure: bool = True
    notes: list[str] = field(default_factory=list)


def _mask(work: str) -> str:
    for pattern in MASKS:
        work = pattern.sub(lambda m: _MASK_CHAR * len(m.group(0)), work)
    return work


def _area_near(before: str, after: str) -> str:
    # "dưới 5% đối với nông thôn", "dưới 5% nông thôn"; after a comma the area
    # opens the next value ("nông thôn dưới 5%, thành thị dưới 10%").
    found = (re.match(r"[\s,]*(?:(?:đối\s+với|ở|tại|khu\s+vực|vùng|cho)\s+)+"
                      + AREA_RE.pattern, after)
             or re.match(r"\s*" + AREA_RE.pattern, after))
    if not found:
        found = re.search(AREA_RE.pattern + r"[\s,:]*(?:là\s+)?$", before)
    if found:
        return AREAS[" ".join(found.group(1).split())]
    own = before[before.rfind(",") + 1:]  # the words since the previous value's comma
    if SUBAREA_RE.search(own) or SUBAREA_RE.match(after.split(",")[0][:40].strip()):
        return "other"
    return "all"


def read_clause(clause: str) -> list[Phrase]:
    """The phrases of one clause, in the order the document writes them."""
    work = " ".join(clause.lower().split())
    work = re.sub(r"ph[aâấầ]n\s+đ[aâấầ]u", "phấn đấu", work)
    per_thousand = bool(PER_THOUSAND_RE.search(work))
    work = _mask(work)
    tokens: list[tuple[int, int, str, object]] = []
    for m in YEAR_RE.finditer(work):
        tokens.append((m.start(), m.end(), "year", int(m.group(1))))
    listed: set[int] = set()  # where the bare years of a list start
    for m in YEAR_LIST_RE.finditer(work):
        for bare in BARE_YEAR_RE.finditer(work, m.start() + 8, m.end()):
            tokens.append((bare.start(), bare.end(), "year", int(bare.group(1))))
            listed.add(bare.start())
    blanked = YEAR_LIST_RE.sub(lambda m: _MASK_CHAR * len(m.group(0)), work)
    blanked = YEAR_RE.sub(lambda m: _MASK_CHAR * len(m.group(0)), blanked)
    for m in VALUE_RE.finditer(blanked):
        if m.group("word") or m.group("sign1") or m.group("sign2"):
            tokens.append((m.start(), m.end(), "value", m))
    tokens.sort(key=lambda t: t[0])
    annual = _word_ends(work) if ANNUAL_RE.search(work) else None
    phrases: list[Phrase] = []
    pending: list[Phrase] = []
    bound: list[Phrase] = []
    last_years: list[int] | None = None
    previous_word: tuple[str, str] | None = None
    opener: int | None = None  # the year the pending values follow ("năm 2030 là 12")
    skip_to = 0
    cursor = 0
    for index, (start, end, kind, data) in enumerate(tokens):
        if len(phrases) > MAX_PHRASES:
            return _too_many(phrases)
        if index < skip_to:
            continue
        gap_before = work[cursor:start]
        if kind == "year":
            year = int(data)  # type: ignore[arg-type]
            run = _year_run(tokens, index)
            if len(pending) > 1 and len(run) == len(pending) and listed & {
                    t[0] for t in tokens[index:index + len(run)]}:
                # "80% và 85% vào các năm 2015, 2020": one year each, in order.
                for phrase, paired in zip(pending, run, strict=True):
                    phrase.years = [paired]
                bound, pending, last_years = pending, [], [run[-1]]
                skip_to = index + len(run)
                cursor = tokens[skip_to - 1][1]
                continue
            forward = "(" in gap_before and _value_follows(tokens, index, work)
            if pending and (forward or (opener is not None
                                        and re.match(r"[\s¤]*(?:[,;]|và\b)", gap_before))):
                # "11,8% (đến năm 2030 là 11,3%)": the bracket's year is the next value's;
                # "năm 2025 là 15, năm 2030 là 12": each value takes the year before it.
                for phrase in pending:
                    phrase.years = [opener] if opener is not None and not forward else None
                bound = pending if opener is not None and not forward else []
                pending, last_years, opener = [], [year], None
                cursor = end
                continue
            carried = not pending and "duy trì" in gap_before and bound
            continues = (index > 0 and tokens[index - 1][2] == "year"
                         and "duy trì" not in gap_before)
            if pending:
                for phrase in pending:
                    phrase.years = [year]
                bound, pending = pending, []
            elif continues and bound and bound[0].years is not None:
                # The phrases bound together share their years: look at the first only.
                if bound[0].years and bound[0].years[-1] != year:
                    if len(bound[0].years) >= MAX_YEARS:
                        return _too_many(phrases)
                    for phrase in bound:
                        phrase.years.append(year)
            elif carried:
                bound = [_carry(p, year) for p in bound]
                phrases.extend(bound)
            if not continues or last_years is None:
                last_years = [year]
            elif len(last_years) < MAX_YEARS:
                last_years.append(year)
            else:
                return _too_many(phrases)
        else:
            phrase, previous_word = _phrase(data, work, gap_before, tokens, index, annual,
                                            per_thousand, previous_word)
            if phrase is not None:
                if not pending:
                    opener = (int(tokens[index - 1][3])  # type: ignore[arg-type]
                              if index and tokens[index - 1][2] == "year"
                              and re.fullmatch(r"[\s,:¤]*(?:có|thì|sẽ)?[\s,:]*", gap_before)
                              else None)
                pending.append(phrase)
                phrases.append(phrase)
        cursor = end
    for phrase in pending:
        phrase.years = list(last_years) if last_years else None
    return phrases


def _year_run(tokens: list, index: int) -> list[int]:
    """The years written one after another from tokens[index]."""
    run = []
    for token in tokens[index:index + MAX_YEARS]:
        if token[2] != "year":
            break
        run.append(int(token[3]))
    return run


def _value_follows(tokens: list, index: int, work: str) -> bool:
    """Whether a value comes after the year at tokens[index] before its bracket closes."""
    if index + 1 >= len(tokens) or tokens[index + 1][2] != "value":
        return False
    return ")" not in work[tokens[index][1]:tokens[index + 1][0]]


def _too_many(phrases: list[Phrase]) -> list[Phrase]:
    """What was read before the clause named too many values or years, in doubt."""
    for phrase in phrases:
        phrase.sure = False
        phrase.notes.append(TOO_MANY)
    return phrases


def _word_ends(work: str) -> dict[str, int | None]:
    """Where "giảm" and "tăng" first end: a value is said to fall when "giảm" comes before it."""
    ends: dict[str, int | None] = {}
    for word in ("giảm", "tăng"):
        at = work.find(word)
        ends[word] = at + len(word) if at >= 0 else None
    return ends


def _said_before(end: int | None, start: int) -> bool:
    return end is not None and end <= start


def _carry(phrase: Phrase, year: int) -> Phrase:
    return Phrase(years=[year], comparator=phrase.comparator, value=phrase.value,
                  value_high=phrase.value_high, area=phrase.area, wording="duy trì",
                  sign=phrase.sign, sure=phrase.sure, notes=list(phrase.notes))


def _phrase(match, work, gap_before, tokens, index, annual, per_thousand, previous_word):
    end = match.end()
    next_start = tokens[index + 1][0] if index + 1 < len(tokens) else len(work)
    gap_after = work[end:next_start]
    low, doubtful_low = parse_number(match.group("low"))
    high, doubtful_high = (parse_number(match.group("high")) if match.group("high")
                           else (None, False))
    if low is None:
        return None, previous_word
    word = " ".join(match.group("word").split()) if match.group("word") else ""
    if word:
        comparator, wording = _WORDING[word]
        previous_word = (comparator, wording)
    elif previous_word:
        comparator, wording = previous_word
    else:
        comparator, wording = "", ""
    raw_sign = (match.group("sign1") or match.group("sign2") or "").replace(" ", "")
    sign = _SIGNS.get(raw_sign, "") or ("‰" if per_thousand else "")
    notes: list[str] = []
    sure = not (doubtful_low or doubtful_high)
    if not sure:
        notes.append("Số có một dấu chấm và ba chữ số sau: không rõ là số thập phân hay số nghìn.")
    if annual:
        decrease = _said_before(annual["giảm"], match.start()) or comparator == "down"
        increase = _said_before(annual["tăng"], match.start()) or comparator == "up"
        factor = -1 if decrease else 1
        if decrease == increase:
            sure = False
            notes.append("Không rõ mức thay đổi hằng năm là tăng hay giảm.")
        value, value_high = factor * low, (factor * high if high is not None else None)
        comparator = "annual_change"
        wording = wording if wording not in ("", "up", "down") else ("giảm" if decrease else "tăng")
    elif high is not None:
        comparator, value, value_high = "band", low, high
    else:
        value, value_high = low, None
        if re.match(r"[\s¤]*(?:%\s*)?trở\s+lên", gap_after) and comparator in ("", "from", ">="):
            comparator = ">="
        elif comparator == "from":
            comparator = ">="
        elif comparator in ("up", "down"):
            notes.append(f"«{wording} {match.group('low')}» không nói rõ là giảm/tăng đến "
                         "hay giảm/tăng thêm.")
            comparator = "<=" if comparator == "down" else ">="
            sure = False
    return Phrase(years=None, comparator=comparator, value=value, value_high=value_high,
                  area=_area_near(gap_before, gap_after), wording=wording, sign=sign,
                  sure=sure, notes=notes), previous_word
