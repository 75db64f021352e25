r"""Read a plan document: its facts, its targets and who is responsible for them.

Pure Python, no Django: `read_plan(text, catalogue)` takes the document's text and the
measures it may map targets to, and returns a ReadPlan. The reader never guesses
silently: anything it had to infer (a year the sentence does not give, a comparator
the sentence does not state for a measure that falls, a unit sign at odds with the
measure) is kept with `sure=False` and a note saying why, and a phrase that looks like
a target but matches no measure is listed in `unmapped`.

text.py rebuilds paragraphs, sections.py finds the document's parts, phrases.py reads
the values of one clause, measures.py decides which measure a clause is about.

Hostile text. A document longer than MAX_CHARACTERS or MAX_LINES, or one that reads as
more than MAX_TARGETS targets, is refused with ReadRefused (a Vietnamese message). Every
pattern runs in time linear in its text: no quantified piece can match what the piece
after it matches (`\d[\w/.-]`, not `\d+[\w/.-]*`), numbers are taken whole (atomic)
and never started inside another number, and names have a length bound. Blank space is
already one space inside a paragraph. tests/childplan/test_plan_reader_hostile.py runs
each pattern on the texts that made it slow.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from childplan.plan_reader import local, sections, tables
from childplan.plan_reader.measures import UNIT_SIGNS, MeasureInfo, match_measure
from childplan.plan_reader.phrases import Phrase, read_clause
from childplan.plan_reader.text import normalise
from childplan.plan_reader.text import paragraphs as split_paragraphs

__all__ = ["MeasureInfo", "ReadAssignment", "ReadPlan", "ReadRefused", "ReadTarget",
           "catalogue_from_rows", "check_size", "read_plan"]

MILESTONES = (2025, 2030)
# The five seed plans hold 6,000 to 34,000 characters in 50 to 400 lines.
MAX_CHARACTERS = 300_000
MAX_LINES = 10_000
# The review page posts 8 fields a target; Django refuses forms of more than 5,000 fields.
MAX_TARGETS = 500
TOO_MANY_TARGETS = (f"Văn bản đọc ra hơn {MAX_TARGETS} mục tiêu, quá nhiều để kiểm tra trên "
                    "một trang: hãy tách văn bản hoặc bỏ các phụ lục không phải mục tiêu.")


class ReadRefused(ValueError):
    """A text the reader will not read; the message says why, in Vietnamese."""


def check_size(text: str, *, max_characters: int = MAX_CHARACTERS,
               max_lines: int = MAX_LINES) -> None:
    """Refuse a text too long to be one plan before anything is read from it."""
    if len(text) > max_characters:
        raise ReadRefused(f"Văn bản dài {_count(len(text))} ký tự, vượt giới hạn "
                          f"{_count(max_characters)} ký tự của một kế hoạch: hãy bỏ các phụ lục "
                          "không chứa mục tiêu hoặc tách văn bản.")
    lines = text.count("\n") + 1
    if lines > max_lines:
        raise ReadRefused(f"Văn bản có {_count(lines)} dòng, vượt giới hạn {_count(max_lines)} "
                          "dòng của một kế hoạch: hãy bỏ các phụ lục không chứa mục tiêu hoặc "
                          "tách văn bản.")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@dataclass
class ReadTarget:
    indicator: int | None
    measure: str
    year: int
    comparator: str
    value: Decimal
    value_high: Decimal | None
    area: str
    unit: str
    wording: str
    text: str
    sure: bool = True
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"indicator": self.indicator, "measure": self.measure, "year": self.year,
                "comparator": self.comparator, "value": json_number(self.value),
                "value_high": json_number(self.value_high), "area": self.area,
                "unit": self.unit, "text": self.text}


@dataclass
class ReadAssignment:
    agency: str
    indicators: list[int]
    role: str
    text: str

    def to_json(self) -> dict:
        return {"agency": self.agency, "indicators": self.indicators, "role": self.role}


@dataclass
class ReadPlan:
    kind: str
    title: str
    number: str
    date: datetime.date | None
    issuer: str
    period: tuple[int | None, int | None]
    targets: list[ReadTarget]
    assignments: list[ReadAssignment]
    consolidating_office: str
    deadline: str | None
    unmapped: list[str]
    # The plan's own measures proposed for unmapped sentences (local.py): code, name,
    # unit_kind, unit_label, direction, text; and their targets, all unsure.
    local_measures: list[dict] = field(default_factory=list)
    local_targets: list[ReadTarget] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Everything read, in JSON types, to keep between the steps of an import."""
        data = self.to_json()
        data.update(kind=self.kind, title=self.title,
                    consolidating_office=self.consolidating_office, deadline=self.deadline,
                    local_measures=self.local_measures)
        data["local_targets"] = [t.to_json() for t in self.local_targets]
        for target, kept in zip([*self.targets, *self.local_targets],
                                [*data["targets"], *data["local_targets"]], strict=True):
            kept.update(value=str(target.value), wording=target.wording, sure=target.sure,
                        notes=target.notes,
                        value_high=None if target.value_high is None else str(target.value_high))
        for assignment, kept in zip(self.assignments, data["assignments"], strict=True):
            kept["text"] = assignment.text
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ReadPlan:
        def target(t: dict) -> ReadTarget:
            high = t.get("value_high")
            return ReadTarget(
                indicator=t.get("indicator"), measure=t["measure"], year=int(t["year"]),
                comparator=t["comparator"], value=Decimal(str(t["value"])),
                value_high=None if high in (None, "") else Decimal(str(high)),
                area=t.get("area", "all"), unit=t.get("unit", ""), wording=t.get("wording", ""),
                text=t.get("text", ""), sure=t.get("sure", True), notes=t.get("notes", []))

        date = data.get("date")
        return cls(
            kind=data.get("kind", "Kế hoạch"), title=data.get("title", ""),
            number=data.get("number", ""),
            date=datetime.date.fromisoformat(date) if date else None,
            issuer=data.get("issuer", ""), period=tuple(data.get("period") or (None, None)),
            targets=[target(t) for t in data.get("targets", [])],
            assignments=[ReadAssignment(a["agency"], list(a.get("indicators", [])),
                                        a.get("role", "lead"), a.get("text", ""))
                         for a in data.get("assignments", [])],
            consolidating_office=data.get("consolidating_office", ""),
            deadline=data.get("deadline"), unmapped=list(data.get("unmapped", [])),
            local_measures=list(data.get("local_measures", [])),
            local_targets=[target(t) for t in data.get("local_targets", [])],
        )

    def to_json(self) -> dict:
        return {"number": self.number, "date": self.date.isoformat() if self.date else None,
                "issuer": self.issuer, "period": list(self.period),
                "targets": [t.to_json() for t in self.targets],
                "assignments": [a.to_json() for a in self.assignments],
                "unmapped": self.unmapped}


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def catalogue_from_rows(rows: list[dict]) -> list[MeasureInfo]:
    """Measures from the rows of fixtures/national_indicators.json."""
    kinds = []
    for row in rows:
        unit = row["unit"]
        kind = ("per_1000" if unit.startswith("‰") else "per_100000" if "100.000" in unit
                else "annual_change" if "/năm" in unit else "percent")
        raw = row["direction"]
        direction = ("maintain" if "maintain" in raw else
                     "decrease" if raw.startswith("decrease") else "increase")
        kinds.append(MeasureInfo(row["id"], row["chi_tieu"], row["name"], kind, direction))
    return kinds


def read_plan(text: str, catalogue: list[MeasureInfo], *, max_characters: int = MAX_CHARACTERS,
              max_lines: int = MAX_LINES) -> ReadPlan:
    check_size(text, max_characters=max_characters, max_lines=max_lines)
    rows, lines = tables.table_sentences(normalise(text).split("\n"))
    paragraphs = split_paragraphs("\n".join(lines))
    kind, title = sections.plan_title(paragraphs)
    period = sections.plan_period(paragraphs, title)
    date = sections.plan_date(paragraphs)
    targets: list[ReadTarget] = []
    # Each sentence that maps to no measure, with the years the sentences before it gave.
    unmapped: dict[str, list[int] | None] = {}
    found = sections.target_section(paragraphs)
    if found:
        heading, section = found
        targets, unmapped = _targets(section, catalogue, period, lead=_years(heading))
    if not targets:
        # An excerpt, a news article, a plan whose section holds no sentence of targets.
        targets, more = _targets(
            sections.searched_paragraphs(paragraphs), catalogue, period,
            since=sections.context_start(paragraphs, period, date), searching=True)
        unmapped = more | unmapped
    if rows:
        in_tables, more = _targets(rows, catalogue, period)
        said = {_said(t) for t in targets}
        targets += [t for t in in_tables if _said(t) not in said]  # a table may repeat the text
        unmapped = unmapped | {k: v for k, v in more.items() if k not in unmapped}
    proposed, own = _local_targets(unmapped, period if period[0] else
                                   sections.context_period(paragraphs))
    if len(targets) + len(own) > MAX_TARGETS:
        raise ReadRefused(TOO_MANY_TARGETS)
    known = {m.indicator for m in catalogue if m.indicator is not None}
    assignments = [ReadAssignment(item.agency, item.indicators, item.role, item.text)
                   for item in sections.assignments(paragraphs, known)]
    return ReadPlan(
        kind=kind, title=title, number=sections.plan_number(paragraphs),
        date=date, issuer=sections.plan_issuer(paragraphs),
        period=period, targets=targets, assignments=assignments,
        consolidating_office=sections.consolidating_office(paragraphs),
        deadline=sections.reporting_deadline(paragraphs), unmapped=list(unmapped),
        local_measures=proposed, local_targets=own,
    )


def _clauses(paragraph: str) -> list[str]:
    """Clauses of one item: series are separated by ";" (or ":" in some copies) and
    sentences by a full stop before a capital."""
    clauses = []
    for part in re.split(r"\s*[;:]\s+|\s*;\s*", paragraph):
        pieces = re.split(r"\.\s+", part)
        sentence = [pieces[0]]
        for piece in pieces[1:]:
            if piece[:1].isupper():
                clauses.append(". ".join(sentence))
                sentence = [piece]
            else:
                sentence.append(piece)
        clauses.append(". ".join(sentence))
    return [c.strip(" .;:") for c in clauses if c.strip(" .;:")]


LOCAL_NOTE = ("Chỉ tiêu riêng của kế hoạch, ChildPlan đề xuất từ câu này: hãy nhận, sửa "
              "hoặc bỏ chỉ tiêu ở bảng «Chỉ tiêu riêng».")


def _local_targets(unmapped: dict[str, list[int] | None],
                   period: tuple[int | None, int | None]) -> tuple[list[dict], list[ReadTarget]]:
    """The measures proposed for the unmapped sentences, and their targets (unsure)."""
    measures: dict[str, dict] = {}
    targets: list[ReadTarget] = []
    for measure, label, clause in local.propose(list(unmapped)):
        measures.setdefault(measure.code, {
            "code": measure.code, "name": measure.name, "unit_kind": measure.unit_kind,
            "unit_label": label, "direction": measure.direction, "text": clause})
        for phrase in read_clause(clause):
            if phrase.area == "other":
                continue
            if phrase.years is None and unmapped[clause]:
                phrase.years = list(unmapped[clause] or [])
            for target in _resolve(phrase, measure, clause, None, period, False):
                target.sure = False
                target.notes.append(LOCAL_NOTE)
                targets.append(target)
    return list(measures.values()), _flag_duplicates(targets, drop_repeats=False)


def _said(target: ReadTarget) -> tuple:
    return (target.measure, target.year, target.area, target.comparator, target.value,
            target.value_high)


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)", text)][-1:]


def _targets(paragraphs: list[str], catalogue: list[MeasureInfo],
             period: tuple[int | None, int | None], *, lead: list[int] | None = None,
             since: int | None = None,
             searching: bool = False
             ) -> tuple[list[ReadTarget], dict[str, list[int] | None]]:
    """The targets of the paragraphs. `lead` are the years a list's heading gives ("Đến năm
    2030 đạt được: …"); when `searching` a whole document, a clause with no value in a unit
    is not listed as unmapped and a target before `since` is a past result, not a target."""
    targets: list[ReadTarget] = []
    unmapped: dict[str, list[int] | None] = {}  # in the document's order
    hint: int | None = None
    section_lead = lead
    for paragraph in paragraphs:
        item = re.sub(r"^(?:[-+•]\s*|(?:\d{1,2}(?:\.\d{1,2}){0,4}|[a-zđ])[.)]?\s+|"
                      r"(?:\d{1,2}|[a-zđ])[.)]\s*)", "", paragraph)
        numbered = re.match(r"chỉ tiêu\s+(\d{1,2})(?:\.\d{1,2})*\s*[:.]\s*", item,
                            re.IGNORECASE)
        if numbered:
            hint = int(numbered.group(1)) if "." not in numbered.group(0).strip(" .:") else None
            item = item[numbered.end():]
        elif not paragraph.startswith("+"):
            hint = None
        item = re.sub(r"^mục tiêu\s+\d+\s*:\s*", "", item, flags=re.IGNORECASE)
        clauses = [part for clause in _clauses(item)
                   for part in _split_measures(clause, read_clause(clause), catalogue)]
        if not any(phrases for _, phrases in clauses):
            # "Đến năm 2030 đạt được:", "a) Giai đoạn 2021 - 2025": the years of the list.
            span = re.search(r"giai\s+đoạn\s+\d{4}\s*[-–]\s*(\d{4})", item, re.IGNORECASE)
            years = _years(item) or ([int(span.group(1))] if span else [])
            if years and (item.rstrip().endswith(":") or len(item) < 100):
                lead = years  # "Đến năm 2030 đạt được các chỉ tiêu sau:"
            elif sections.heading_rank(paragraph) is not None:
                lead = section_lead
        previous_years: list[int] | None = None
        words_before = ""  # "Tỷ lệ … thấp còi: dưới 20%": the measure before a colon
        for clause, phrases in clauses:
            if not phrases:
                words_before = clause
                continue
            inherited = False
            if all(p.years is None for p in phrases) and previous_years:
                for phrase in phrases:
                    phrase.years = list(previous_years)
                inherited = True
            measure = match_measure(clause, catalogue)
            if measure is None and words_before:
                clause = f"{words_before}: {clause}"
                measure = match_measure(clause, catalogue)
            words_before = ""
            kept = [p for p in phrases if _fits(p, measure)] if measure else []
            if measure is None or len(kept) < len(phrases):
                if not searching or any(p.sign and p.years for p in phrases):
                    unmapped[clause] = previous_years or lead
            if measure is not None:
                for phrase in kept:
                    for target in _resolve(phrase, measure, clause, hint, period, inherited,
                                           lead):
                        if not (searching and since and target.year < since):
                            targets.append(target)
                if len(targets) > MAX_TARGETS:
                    raise ReadRefused(TOO_MANY_TARGETS)
            years = [y for p in phrases for y in (p.years or [])]
            previous_years = years[-1:] if years else previous_years
    if searching:
        targets = _drop_results(targets)
    targets = _flag_duplicates(targets, drop_repeats=searching)
    return targets, unmapped


# Words of a sentence that sets a target rather than reports a figure.
TARGET_CUES = re.compile(r"đến năm|vào năm|phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|xuống|giảm|"
                         r"tăng|duy trì|nâng|ít nhất|trở lên", re.IGNORECASE)


def _drop_results(targets: list[ReadTarget]) -> list[ReadTarget]:
    """In a text read whole, "Năm 2022, tỷ lệ … là 14,2%" reports a figure: a sentence with
    no word of a target, for a year before every year a target sentence names, is left out."""
    cued = [t.year for t in targets if TARGET_CUES.search(t.text)]
    if not cued:
        return targets
    first = min(cued)
    return [t for t in targets if TARGET_CUES.search(t.text) or t.year >= first]


def _split_measures(clause: str, phrases: list[Phrase],
                    catalogue: list[MeasureInfo]) -> list[tuple[str, list[Phrase]]]:
    """"… đạt 90%, tỷ lệ trẻ em bỏ học … dưới 2%": two measures in one clause, each with its
    values; the years are those the whole clause gives each value."""
    parts = re.split(r",\s+(?=(?:và\s+)?(?:tỷ|tỉ)\s+(?:lệ|suất)\s)", clause, flags=re.IGNORECASE)
    if len(phrases) < 2 or len(parts) < 2:
        return [(clause, phrases)]
    read = [read_clause(part) for part in parts]
    measures = [match_measure(part, catalogue) for part in parts]
    if (sum(len(r) for r in read) != len(phrases) or not all(read) or None in measures
            or len({m.code for m in measures if m}) < 2):
        return [(clause, phrases)]
    whole = iter(phrases)
    for part in read:
        for phrase in part:
            phrase.years = next(whole).years
    return list(zip(parts, read, strict=True))


def _fits(phrase: Phrase, measure: MeasureInfo) -> bool:
    """Whether a value can be a target of the measure: not a part of the territory, not a
    count ("70.000 ngôi nhà") for a rate, not a percentage for a rate per 100.000."""
    if phrase.area == "other":
        return False
    if measure.unit_kind == "percent" and not phrase.sign and phrase.value > 100:
        return False
    return not (measure.unit_kind == "per_100000" and phrase.sign == "%")


def _resolve(phrase: Phrase, measure: MeasureInfo, clause: str, hint: int | None,
             period: tuple[int | None, int | None], inherited: bool,
             lead: list[int] | None = None) -> list[ReadTarget]:
    notes = list(phrase.notes)
    sure = phrase.sure
    comparator = phrase.comparator
    value, value_high = phrase.value, phrase.value_high
    if measure.unit_kind == "annual_change" and comparator != "annual_change":
        # "Giảm số cuộc tảo hôn 15% so với năm 2021": a change over the plan's year.
        falls = "giảm" in clause.lower()
        comparator, sure = "annual_change", False
        value = -value if falls else value
        value_high = (-value_high if falls else value_high) if value_high is not None else None
        notes.append("Câu không ghi «hằng năm»: hiểu là mức thay đổi trong một năm.")
    falls = measure.direction == "decrease"
    if comparator == "":
        comparator = "<=" if falls else ">="
        if falls:
            sure = False
            notes.append("Câu không ghi «dưới/xuống»: hiểu là không vượt quá giá trị này.")
    elif comparator == "là":
        comparator = "<=" if falls else ">="
    if comparator == "annual_change" and measure.unit_kind not in ("annual_change", "count"):
        sure = False
        notes.append("Mức thay đổi hằng năm cho một chỉ tiêu không tính theo mức thay đổi.")
    unit = UNIT_SIGNS.get(measure.unit_kind, "")
    expected = {"percent": "%", "per_1000": "‰", "per_100000": "/100.000",
                "annual_change": "%"}.get(measure.unit_kind)
    if phrase.sign and expected and phrase.sign != expected:
        if phrase.sign == "%" and expected == "‰":
            notes.append("Văn bản ghi «%» cho một tỷ suất tính theo ‰: đọc là ‰.")
        else:
            sure = False
            notes.append(f"Văn bản ghi «{phrase.sign}» nhưng chỉ tiêu tính theo {unit}.")
    if measure.unit_kind == "percent" and comparator != "annual_change":
        if not all(Decimal(0) <= v <= Decimal(100) for v in (phrase.value, phrase.value_high)
                   if v is not None):
            sure = False
            notes.append("Tỷ lệ phần trăm ngoài khoảng 0–100.")
    if hint is not None and measure.indicator is not None and hint != measure.indicator:
        sure = False
        notes.append(f"Văn bản xếp câu này vào chỉ tiêu {hint}, nội dung lại là chỉ tiêu "
                     f"{measure.indicator} quốc gia.")
    years = phrase.years
    if years is None and lead:
        years = list(lead)
    if inherited:
        sure = False
        notes.append("Năm lấy theo vế câu trước.")
    if years is None:
        start, end = period
        years = [y for y in MILESTONES if start and end and start <= y <= end] or (
            [end] if end else [])
        sure = False
        notes.append("Câu không ghi năm: lấy theo các mốc của kế hoạch.")
    start, end = period
    result = []
    for year in years:
        year_notes = list(notes)
        year_sure = sure
        if start and end and not start <= year <= end:
            year_sure = False
            year_notes.append(f"Năm {year} nằm ngoài giai đoạn {start}–{end}.")
        result.append(ReadTarget(
            indicator=measure.indicator, measure=measure.code, year=year, comparator=comparator,
            value=value, value_high=value_high, area=phrase.area, unit=unit,
            wording=phrase.wording, text=clause, sure=year_sure, notes=year_notes))
    return result


def _flag_duplicates(targets: list[ReadTarget], *, drop_repeats: bool) -> list[ReadTarget]:
    """Targets of one measure, year and area are in doubt; in a text read whole, one that
    says the same as another (a news headline repeating its article) is dropped."""
    seen: dict[tuple, ReadTarget] = {}
    kept = []
    for target in targets:
        key = (target.measure, target.year, target.area)
        twin = seen.get(key)
        if drop_repeats and twin and (twin.comparator, twin.value, twin.value_high) == (
                target.comparator, target.value, target.value_high):
            continue
        kept.append(target)
        if key in seen:
            for twin in (seen[key], target):
                twin.sure = False
                if "Trùng chỉ tiêu, năm và khu vực với một mục tiêu khác." not in twin.notes:
                    twin.notes.append("Trùng chỉ tiêu, năm và khu vực với một mục tiêu khác.")
        else:
            seen[key] = target
    return kept
