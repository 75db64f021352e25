"""Document structure: the header facts, the target section, the responsibilities.

All functions take the paragraphs of text.paragraphs().

- number: "Số: 2221/QĐ-UBND"; "Số /KH-UBND" (left blank for the signature) gives "".
- date: "<Place>, ngày 07 tháng 10 năm 2021"; a blank day or month gives None. Dates
  of other documents ("Kế hoạch số 56-KH/TU ngày 10 tháng 4 năm 2013") are not taken.
- issuer: the header ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"), else "UBND huyện Triệu Sơn ban
  hành/xây dựng Kế hoạch", else the committee's level with the place the plan names most.
- period: "giai đoạn 2021 - 2030" in the title, else "Thời gian thực hiện: từ năm … đến
  năm …"; None when neither is written.
- targets: the paragraphs from a heading "Mục tiêu cụ thể" / "Các chỉ tiêu chủ yếu" (else
  "Chỉ tiêu" / "Các chỉ tiêu"), numbered any way (II., 2., 1.1.2., b)) or not, to the next
  heading of the same or a higher level; the years the heading names ("Các chỉ tiêu cụ thể
  đến năm 2025") are the lead years of its list. A document with no such section (an
  excerpt, a news article) is read whole but for its preamble ("Căn cứ …"), its accounts
  of past results and its organisation section (`searched_paragraphs`).
- period: also "năm 2022" in the title of a yearly plan; `context_start` is the first year
  the document plans for, to tell a target from a past result in a text read whole.
- assignments: the numbered items of "Tổ chức thực hiện" / "Phân công trách nhiệm";
  each names one or more agencies, leads ("chủ trì") or supports, and the chỉ tiêu
  numbers it is given ("thực hiện các chỉ tiêu 3, 4, 5, 6").
- consolidating office: "(qua Sở … để tổng hợp)", "về Phòng … để tổng hợp", else the
  agency named "đầu mối". deadline: "trước ngày 20/11", "trước ngày 15 tháng 11".
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

ROMAN = re.compile(r"^[IVXL]+\.\s")
ARABIC = re.compile(r"^(\d{1,2})\.\s*(?=\D)")
# "1.", "1.1.", "1.1.2." or "1.2.1" before a word: the number of levels is the rank.
DEEP = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s*(?=[^\W\d_])")
LETTER = re.compile(r"^[a-zđ][.)]\s")
TARGET_HEADINGS = (
    re.compile(r"(?:các\s+)?(?:mục tiêu|chỉ tiêu)\s+cụ thể|(?:các\s+)?chỉ tiêu chủ yếu",
               re.IGNORECASE),
    re.compile(r"(?:các\s+)?chỉ tiêu(?!\s*\d)|mục tiêu(?:,|\s+và)\s+chỉ tiêu", re.IGNORECASE),
)
PAST_HEADING = re.compile(r"kết quả|thực trạng|tình hình|đánh giá", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Bounds of what a document names: a number ("2221/QĐ-UBND") and an agency's name (the
# length the plan's form keeps). Bounding them keeps each search linear in the text.
NUMBER_LENGTH = 60
NAME_LENGTH = 200
NUMBER_RE = re.compile(rf"Số\s*:?\s*(\d[\w/.-]{{0,{NUMBER_LENGTH}}}/[\wĐđ-]+)")
OFFICE_RES = [  # "(qua Sở … để tổng hợp)", "về Phòng … để tổng hợp"
    re.compile(rf"\(qua\s+((?:Sở|Phòng|sở|phòng)\s+[^()]{{1,{NAME_LENGTH}}}?)"
               r"(?:\s+để\s+tổng hợp)?\)"),
    re.compile(rf"về\s+((?:Sở|Phòng|sở|phòng)\s+[^.;()]{{1,{NAME_LENGTH}}}?)\s+để\s+tổng hợp"),
]
LEVELS = ("thành phố", "thị xã", "tỉnh", "huyện", "quận")
AGENCY_START = re.compile(
    r"(?:Ủy ban|UBND|Sở|Phòng|Công an|Đoàn|Hội|Báo|Đài|Thành đoàn|Tỉnh đoàn|Huyện đoàn|"
    r"Ban|Trung tâm|Bộ|Văn phòng|Liên đoàn|Viện|Tòa án|Các)\b")
AGENCY_END = re.compile(
    r"\s*(?::|\s(?:chủ trì|căn cứ|phối hợp|có trách nhiệm|trong phạm vi|thực hiện|"
    r"tham gia|tham mưu|là đơn vị)\b)")


@dataclass
class AssignmentItem:
    agency: str
    indicators: list[int]
    role: str
    text: str


def tidy_agency(name: str) -> str:
    name = re.sub(r"\s*[-–—]\s*", " - ", name.strip(" .,;:"))
    name = re.sub(r"^(?:Đề nghị|Giao)\s+", "", name)
    return name[:1].upper() + name[1:]


def plan_number(paragraphs: list[str]) -> str:
    head = " ".join(paragraphs[:15])
    found = NUMBER_RE.search(head)
    return found.group(1) if found else ""


def plan_date(paragraphs: list[str]) -> datetime.date | None:
    head = " ".join(paragraphs[:15])
    found = re.search(r"\w,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", head)
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _title_case(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


def plan_issuer(paragraphs: list[str]) -> str:
    text = " ".join(paragraphs)
    header = re.search(r"(?:ỦY BAN NHÂN DÂN|UBND)\s+(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN)\s+"
                       r"(\S++(?:\s\S++){0,4}\s?)", text)
    if header:
        words = []
        for word in header.group(2).split():
            if not (word.isupper() and word.isalpha()):
                break
            words.append(word)
        name = " ".join(words)
        if name:
            return f"UBND {header.group(1).lower()} {_title_case(name)}"
    level_re = "|".join(LEVELS)
    named = re.search(rf"(?:UBND|Ủy ban nhân dân)\s+({level_re})\s+((?:[A-ZĐÀ-Ỹ]\w*\s+){{1,4}})"
                      r"(?:ban hành|xây dựng)", text)
    if named:
        return f"UBND {named.group(1)} {named.group(2).strip()}"
    bare = re.search(rf"(?:UBND|Ủy ban nhân dân)\s+({level_re})\s+(?:ban hành|xây dựng)", text)
    if bare:
        level = bare.group(1)
        places = Counter(m.group(1).strip() for m in re.finditer(
            rf"(?<!\w){level}\s+((?:[A-ZĐ][^\W\d_]* ?){{1,4}})", "\n".join(paragraphs)))
        if places:
            return f"UBND {level} {places.most_common(1)[0][0]}"
    return ""


def plan_title(paragraphs: list[str]) -> tuple[str, str]:
    """The kind ("Quyết định" or "Kế hoạch") and the plan's title as the document words it."""
    text = " ".join(paragraphs[:20])
    kind = "Quyết định" if re.search(r"QUYẾT ĐỊNH\s", text[:600]) else "Kế hoạch"
    starts = [m.end() for m in re.finditer(r"KẾ HOẠCH\b", text)]
    prefix = "Kế hoạch "
    if not starts:
        # A decision that approves a programme ("QUYẾT ĐỊNH Phê duyệt Chương trình …").
        decision = re.search(r"QUYẾT ĐỊNH\s", text[:600])
        if not decision:
            return kind, ""
        starts, prefix = [decision.end()], ""
    start = starts[-1] if kind == "Quyết định" and len(starts) > 1 else starts[0]
    rest = text[start:]
    rest = rest.lstrip()
    # A title may itself start "Thực hiện …"; only a stop word after its start ends it.
    stop = re.compile(r"\(Kèm theo|Căn cứ|Thực hiện|Theo đề nghị|Để |\b[IVXL]{1,5}\. |\s\d{1,2}\. |"
                      r"ỦY BAN|THỦ TƯỚNG|"
                      r"Điều 1").search(rest, 1)
    title = " ".join(rest[: stop.start() if stop else 300].split()).strip(" .")
    if title.isupper():
        title = title.lower()
    if title and not prefix:
        title = title[:1].upper() + title[1:]
    return kind, (prefix + title) if title else ""


def plan_period(paragraphs: list[str], title: str) -> tuple[int | None, int | None]:
    found = re.search(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", title, re.IGNORECASE)
    yearly = re.search(r"(?<!đến )năm\s+(\d{4})(?!\s*[-–]\s*\d)", title, re.IGNORECASE)
    if not found and yearly:
        return int(yearly.group(1)), int(yearly.group(1))
    if not found:
        found = re.search(r"thời gian thực hiện\s*:?\s*từ năm\s+(\d{4})\s+đến năm\s+(\d{4})",
                          " ".join(paragraphs), re.IGNORECASE)
    if not found:
        return None, None
    return int(found.group(1)), int(found.group(2))


def context_start(paragraphs: list[str], period: tuple[int | None, int | None],
                  date: datetime.date | None) -> int | None:
    """The first year the document plans for: its period, else the first "giai đoạn" it
    names, else the year it is dated."""
    if period[0]:
        return period[0]
    found = re.search(r"giai\s+đoạn\s+(?:từ\s+(?:năm\s+)?)?(\d{4})\s*(?:[-–]|đến)",
                      " ".join(paragraphs), re.IGNORECASE)
    if found:
        return int(found.group(1))
    return date.year if date else None


def context_period(paragraphs: list[str]) -> tuple[int | None, int | None]:
    """The first "giai đoạn 2012-2020" a document names: the years its undated targets are
    for when it states no period of its own."""
    found = re.search(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", " ".join(paragraphs[:60]),
                      re.IGNORECASE)
    return (int(found.group(1)), int(found.group(2))) if found else (None, None)


def heading_rank(paragraph: str) -> int | None:
    """0 for "II.", the number of levels for "2." and "1.1.2.", 9 for "a)"; None otherwise."""
    if ROMAN.match(paragraph):
        return 0
    deep = DEEP.match(paragraph)
    if deep and ("." in deep.group(1) or paragraph[len(deep.group(1)):].startswith(".")):
        return deep.group(1).count(".") + 1
    if LETTER.match(paragraph):
        return 9
    return None


def _strip_number(paragraph: str) -> str:
    return re.sub(r"^(?:[IVXL]+\.|\d{1,2}(?:\.\d{1,2}){0,4}\.?|[a-zđ][.)])\s*", "", paragraph)


def target_section(paragraphs: list[str]) -> tuple[str, list[str]] | None:
    """The heading of the targets and the paragraphs under it, or None."""
    for pattern in TARGET_HEADINGS:
        for index, paragraph in enumerate(paragraphs):
            heading = _strip_number(paragraph)
            if not (pattern.match(heading) and len(paragraph) < 120):
                continue
            rank = heading_rank(paragraph)
            section = []
            for following in paragraphs[index + 1:]:
                found = heading_rank(following)
                if found is not None and (rank is None and found == 0
                                          or rank is not None and found <= rank):
                    break
                section.append(following)
            return paragraph, section
    return None


def searched_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs of a document read whole, less its preamble, past results and
    organisation."""
    kept: list[str] = []
    skipping: int | None = None  # the rank of the heading of a section left out
    for paragraph in paragraphs:
        rank = heading_rank(paragraph)
        if skipping is not None:
            if rank is None or rank > skipping:
                continue
            skipping = None
        heading = _strip_number(paragraph)
        if rank is not None and len(paragraph) < 120 and (
                PAST_HEADING.match(heading)
                or re.match(r"tổ chức thực hiện|phân công", heading, re.IGNORECASE)):
            skipping = rank
            continue
        if re.match(r"căn cứ|thực hiện (?:quyết định|kế hoạch|chỉ thị|nghị quyết) số", paragraph,
                    re.IGNORECASE):
            continue
        kept.append(paragraph)
    return kept


def _organisation_section(paragraphs: list[str]) -> list[str]:
    section: list[str] = []
    inside = False
    for paragraph in paragraphs:
        if ROMAN.match(paragraph):
            inside = bool(re.search(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG TRÁCH NHIỆM", paragraph.upper()))
            continue
        if inside:
            section.append(paragraph)
    return section


def _split_agencies(head: str) -> list[str]:
    head = re.sub(r"^(?:Đề nghị|Giao)\s+", "", head.strip())
    cut = AGENCY_END.search(head)
    if cut:
        head = head[: cut.start()]
    parts = re.split(r",\s+(?=" + AGENCY_START.pattern + r")|\s+và\s+(?=(?:các\s+)?"
                     + AGENCY_START.pattern + r")", head)
    agencies = []
    for index, part in enumerate(parts):
        part = re.sub(r"\s+và\s+các\s+[a-zà-ỹđ].*$", "", part)
        if index and re.match(r"các\s+[a-zà-ỹđ]", part):
            continue
        if part.strip():
            agencies.append(tidy_agency(part))
    return agencies


def assignments(paragraphs: list[str], known_indicators: set[int]) -> list[AssignmentItem]:
    items: list[list[str]] = []
    for paragraph in _organisation_section(paragraphs):
        if ARABIC.match(paragraph):
            items.append([ARABIC.sub("", paragraph, count=1)])
        elif items:
            items[-1].append(paragraph)
    result = []
    for item in items:
        agencies = _split_agencies(item[0])
        if not agencies:
            continue
        body = " ".join(item)
        numbers: list[int] = []
        for found in re.finditer(r"chỉ tiêu\s+(\d{1,2}(?:\s*(?:,|\.|;|và)\s*\d{1,2}(?!\d))*)",
                                 body):
            for number in re.findall(r"\d+", found.group(1)):
                if int(number) in known_indicators and int(number) not in numbers:
                    numbers.append(int(number))
        role = "lead" if re.search(r"chủ trì|đầu mối", body, re.IGNORECASE) else "support"
        for agency in agencies:
            result.append(AssignmentItem(agency, sorted(numbers), role, body))
    return result


def consolidating_office(paragraphs: list[str]) -> str:
    text = " ".join(paragraphs)
    for pattern in OFFICE_RES:
        found = pattern.search(text)
        if found:
            return tidy_agency(found.group(1))
    for item in assignments(paragraphs, set()):
        if "đầu mối" in item.text:
            return item.agency
    return ""


def reporting_deadline(paragraphs: list[str]) -> str | None:
    text = " ".join(paragraphs)
    found = (re.search(r"trước ngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d)", text)
             or re.search(r"trước ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})", text))
    if not found:
        return None
    return f"{int(found.group(1)):02d}/{int(found.group(2)):02d}"
