"""Reading a filled template back: checked whole, previewed row by row, nothing saved.

A file is refused outright (UploadRefused, one message) when it is not the
template of this report as we wrote it: too large, not .xlsx, a macro-enabled
workbook, an archive or XML that no spreadsheet holds (safe_files: a zip bomb,
entities, a DTD, a damaged part), not our template, another report's template,
columns renamed, moved or missing. Otherwise every row is read and each problem
named by its row, its column and the reason (a formula where a figure belongs,
text that is not a number, a figure the data-entry form would refuse, a note or
source longer than the form takes). The figures as they would stand once written
are checked against the validation rules across measures (reporting.values.
rule_violations, the form's and the API's check): the preview names each rule
broken with its severity; one that blocks a submission makes the file
unconfirmable, one asking for a confirmation needs the reporter's tick on its
first measure's figure, which is then saved confirmed. Only a file without
problems can be confirmed, and confirming writes every row or none
(reporting.excel.services.report_upload).

The confirmation carries the rows as they were typed, signed; the signature
only says the preview came from us. On confirm every row is checked again,
exactly as the preview checked it: the measure is one the report's agency
leads in the plan, and the figures, note and source pass the checks of the
data-entry form (reporting.values.read_entry). One bad row refuses the whole
confirmation, naming the row, and nothing is written.

Memory stays bounded: the archive is checked before openpyxl opens it, the data
sheet is streamed (read-only mode) over the template's columns only, and text
longer than its box is dropped as it is read, not kept for a later check.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal

import openpyxl
import tablib
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from indicators.models import UNIT_SCALE
from indicators.numbers import format_number, typed_text
from reporting.excel import template
from reporting.figures import MeasureSpec
from reporting.models import Report, plausibility_floor
from reporting.plausibility import far_message
from reporting.rules import Violation
from reporting.values import (
    NOTE_MAX_LENGTH,
    NUMBER_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    FigureEntry,
    length_problem,
    read_entry,
    rule_message,
    rule_violations,
)
from safe_files import MIB, Limits, UnsafeFile, open_archive, read_member

PAYLOAD_SALT = "reporting.excel.upload"
PAYLOAD_MAX_AGE = 2 * 60 * 60  # seconds between the preview and the confirmation
MACRO_PARTS = ("xl/vbaProject.bin", "xl/vbaProjectSignature.bin")
# What a filled template may hold. A template of 10,000 measures unpacks to a 9 MB sheet
# of ~300,000 XML elements, ~20 times its packed size; openpyxl streams the sheets and the
# shared strings but builds every other part (styles: ~50 elements in our template) into
# objects; Excel keeps at most 32,767 characters in a cell. A file of a few megabytes
# that unpacks to gigabytes is a zip bomb.
XLSX_LIMITS = Limits(entries=100, member_size=32 * MIB, total_size=64 * MIB, ratio=100,
                     xml_elements=2_000_000, xml_depth=64, text_length=32_767,
                     streamed=("xl/worksheets/sheet", "xl/sharedStrings.xml"),
                     tree_elements=10_000)
WHAT = gettext_lazy("bảng tính Excel")
EXTRA_ROWS = 200  # rows beyond the report's measures before we stop reading
LAST_ROW = 1_048_576  # Excel's last row: a row numbered beyond it is not read
SHOWN_PROBLEMS = 5  # in a refused confirmation's message

NUMERATOR, DENOMINATOR, VALUE, NOTE, SOURCE = template.INPUT_COLUMNS
CODE = template.CODE_COLUMN
COLUMN_OF = {"numerator": NUMERATOR, "denominator": DENOMINATOR, "value": VALUE, "note": NOTE,
             "source": SOURCE}
TEXT_LENGTHS = {NUMERATOR: NUMBER_MAX_LENGTH, DENOMINATOR: NUMBER_MAX_LENGTH,
                VALUE: NUMBER_MAX_LENGTH, NOTE: NOTE_MAX_LENGTH, SOURCE: SOURCE_MAX_LENGTH}


class UploadRefused(Exception):
    """The file as a whole cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
            "row": self.row, "column": _(self.column), "message": self.message}


@dataclass(frozen=True)
class UploadRow:
    """A measure of the report as an upload is compared with it: read as plain rows, since a
    province's template may hold thousands."""

    pk: int
    spec: MeasureSpec
    saved: tuple | None  # the stored figure: numerator, denominator, value, note, source
    history: dict[int, Decimal]  # earlier approved values by year

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    def far_warning(self, value: Decimal | None) -> str:
        if not self.history:
            return ""  # nothing to compare with: never far (reporting.plausibility)
        return far_message(self.code, value, self.history, floor=plausibility_floor(self.spec))


@dataclass
class Change:
    row: int
    entry: UploadRow
    new: FigureEntry
    kind: str  # "new", "changed", "cleared" or "same"
    warning: str = ""
    typed: dict[str, str] = field(default_factory=dict)  # the boxes as read from the file

    KINDS = {"new": gettext_lazy("Thêm mới"), "changed": gettext_lazy("Sửa"),
             "cleared": gettext_lazy("Xóa số liệu"), "same": gettext_lazy("Không đổi")}

    @property
    def label(self) -> str:
        return str(self.KINDS[self.kind])

    @property
    def measure(self) -> UploadRow:
        return self.entry


@dataclass
class Preview:
    report: Report
    version: int
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The validation rules the figures would break once written (reporting.rules).
    rules: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Confirmable: no bad row, and no rule broken that blocks a submission (the form's
        submit refuses those whatever the note)."""
        return not self.problems and not self.blocking

    @property
    def blocking(self) -> list[Violation]:
        return [v for v in self.rules if v.blocks]

    @property
    def to_confirm(self) -> list[Violation]:
        """The broken rules asking for a confirmation: the reporter ticks their first
        measure's figure, as the form's box beside it."""
        return [v for v in self.rules if not v.blocks]

    @property
    def rule_rows(self) -> list[tuple[str, str]]:
        """Each broken rule as the page lists it: its severity, then the form's message."""
        return [(_("Chặn nộp") if v.blocks else _("Cần xác nhận"), rule_message(v))
                for v in self.rules]

    @property
    def to_write(self) -> list[Change]:
        return [c for c in self.changes if c.kind != "same"]

    def payload(self) -> str:
        """The rows to write as the file had them: row number, code and the typed boxes."""
        rows = [[c.row, c.measure.code, *(c.typed[box] for box in COLUMN_OF)]
                for c in self.to_write]
        return signing.dumps({"report": self.report.pk, "version": self.version, "rows": rows},
                             salt=PAYLOAD_SALT, compress=True)


def read_payload(token: str, report: Report, confirmed: Collection[str] = ()
                 ) -> tuple[int, dict[int, FigureEntry]]:
    """The version and figures a preview promised, every row checked again as the preview
    checks it; UploadRefused if stale, not ours, or any row does not pass, or if the figures
    break a validation rule that blocks, or one asking for a confirmation whose first
    measure's code is not among `confirmed` (the ticks of the confirmation page). A ticked
    figure is written confirmed."""
    try:
        data = signing.loads(token, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.SignatureExpired as error:
        raise UploadRefused(_("Bản xem trước đã quá hai giờ; hãy tải tệp lên lại.")) from error
    except signing.BadSignature as error:
        raise UploadRefused(_("Dữ liệu xác nhận không hợp lệ; hãy tải tệp lên lại.")) from error
    if not isinstance(data, dict) or data.get("report") != report.pk:
        raise UploadRefused(_("Dữ liệu xác nhận thuộc báo cáo khác; hãy tải tệp lên lại."))
    version, rows = data.get("version"), data.get("rows")
    if not isinstance(version, int) or not isinstance(rows, list) or not all(
            _is_payload_row(row) for row in rows):
        raise UploadRefused(_("Dữ liệu xác nhận không hợp lệ; hãy tải tệp lên lại."))
    specs = led_specs(report)
    figures: dict[int, FigureEntry] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, code, *boxes in rows:
        known = specs.get(code)
        problem = _code_problem(number, code, known is not None, seen)
        if problem:
            problems.append(problem)
            continue
        measure_id, spec = known
        typed, found = _checked(number, spec, dict(zip(COLUMN_OF, boxes, strict=True)))
        problems += found
        if typed is not None:
            figures[measure_id] = typed
    if problems:
        raise UploadRefused(_refusal(problems))
    codes = {pk: code for code, (pk, _) in specs.items()}
    saved = dict(report.values.values_list("measure__code", "value"))
    broken = rules_after(saved, {codes[pk]: entry for pk, entry in figures.items()})
    refused = [rule_message(v) for v in broken if v.blocks] + [
        _("Chưa đánh dấu xác nhận số liệu %(code)s: %(rule)s")
        % {"code": v.rule.first_code, "rule": rule_message(v)}
        for v in broken if not v.blocks and v.rule.first_code not in confirmed]

    if refused:
        raise UploadRefused(" ".join(refused))
    ticked = {v.rule.first_code for v in broken}
    return version, {pk: replace(entry, confirmed=True) if codes[pk] in ticked else entry
                     for pk, entry in figures.items()}


def rules_after(saved: dict[str, Decimal | None], written: dict[str, FigureEntry]
                ) -> list[Violation]:
    """The validation rules broken by the report's figures once the file's are written over
    the saved ones (measure code → value), through the check every channel calls."""
    return rule_violations({**saved, **{code: entry.figure.value
                                        for code, entry in written.items()}})


def led_specs(report: Report) -> dict[str, tuple[int, MeasureSpec]]:
    """The measures the report's agency leads in the plan (Report.measures, the form's list):
    code → (id, spec), read as plain rows since a province template may hold thousands."""
    rows = report.measures().select_related(None).values_list(
        "pk", "code", "name", "unit_kind", "numerator_label", "denominator_label")
    return {code: (pk, MeasureSpec(code=code, name=name, unit_kind=kind,
                                   scale=UNIT_SCALE.get(kind), numerator_label=top,
                                   denominator_label=bottom))
            for pk, code, name, kind, top, bottom in rows}


def _is_payload_row(row) -> bool:
    if not isinstance(row, list) or len(row) != 2 + len(COLUMN_OF) or not isinstance(
            row[0], int):
        return False
    for cell in row[1:]:
        if not isinstance(cell, str):
            return False
    return True


def _refusal(problems: list[Problem]) -> str:
    shown = "; ".join(str(p) for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    more = ngettext("; và %(count)s lỗi khác", "; và %(count)s lỗi khác", more) % {
        "count": more} if more > 0 else ""
    return _("Không lưu số liệu nào: dữ liệu xác nhận có dòng không hợp lệ (%(problems)s). "
             "Hãy tải tệp lên lại.") % {"problems": shown + more}


def check_file(upload) -> bytes:
    """The file's bytes if it may be an .xlsx without macros, within the size limit."""
    limit = settings.CHILDPLAN_UPLOAD_MAX_BYTES
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > limit:
        raise UploadRefused(_("Tệp nặng %(size)s, vượt giới hạn %(limit)s. Hãy dùng đúng tệp "
                              "mẫu đã tải về.") % {"size": _megabytes(upload.size),
                                                   "limit": _megabytes(limit)})
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise UploadRefused(_("Tệp có macro (.xlsm) không được nhận. Hãy lưu tệp dưới dạng "
                              "Sổ làm việc Excel (.xlsx) rồi tải lên lại."))
    content = upload.read()
    if not name.endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise UploadRefused(_("Tệp không phải bảng tính Excel .xlsx (hoặc đã bị hỏng, tải lên "
                              "chưa hết). Hãy tải mẫu về, nhập số liệu và lưu dưới dạng .xlsx."))
    try:
        with open_archive(content, XLSX_LIMITS, what=WHAT) as archive:
            names = set(archive.namelist())
            types = (read_member(archive, "[Content_Types].xml", MIB, what=WHAT)
                     if "[Content_Types].xml" in names else b"")
    except UnsafeFile as error:
        raise UploadRefused(str(error)) from error
    if names & set(MACRO_PARTS) or b"macroEnabled" in types:
        raise UploadRefused(_("Tệp có chứa macro nên không được nhận. Hãy lưu tệp dưới dạng "
                              "Sổ làm việc Excel (.xlsx) không có macro rồi tải lên lại."))
    if "xl/workbook.xml" not in names:
        raise UploadRefused(_("Tệp không phải bảng tính Excel .xlsx."))
    return content


def read_upload(report: Report, upload) -> Preview:
    """Check the file and compare its rows with the report's figures. Writes nothing."""
    content = check_file(upload)
    rows = upload_rows(report)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            _check_template(book, report)
            sheet = book[_data_sheet(book)]
            dataset, row_numbers, problems = _read_rows(sheet, report,
                                                        limit=len(rows) + EXTRA_ROWS)
        finally:
            book.close()
    except UploadRefused:
        raise
    except Exception as error:  # a damaged file may fail anywhere inside openpyxl
        raise UploadRefused(_("Không đọc được tệp: tệp bị hỏng hoặc không phải .xlsx.")) \
            from error
    preview = Preview(report, report.version, problems=problems)
    _compare(preview, rows, dataset, row_numbers)
    if not preview.problems:
        preview.rules = rules_after(
            {row.code: row.saved.value for row in rows if row.saved},
            {change.measure.code: change.new for change in preview.changes})
    return preview


def upload_rows(report: Report) -> list[UploadRow]:
    """The report's measures with their saved and earlier figures (targets are not needed)."""
    specs = led_specs(report)
    saved = {row.measure_id: row for row in report.values.values_list(
        "measure_id", "numerator", "denominator", "value", "note", "source", named=True)}
    earlier = report.earlier_values(report.measures())
    return [UploadRow(pk, spec, saved.get(pk), {year: value.value for year, value in
                                                 earlier[pk].items()} if pk in earlier else {})
            for pk, spec in specs.values()]


def _check_template(book, report: Report) -> None:
    if template.META_SHEET not in book.sheetnames or _data_sheet(book) is None:
        raise UploadRefused(_("Tệp này không phải mẫu nhập số liệu của hệ thống. Hãy tải mẫu "
                              "của báo cáo này về, nhập số liệu vào đó rồi tải lên."))
    token = book[template.META_SHEET]["B1"].value
    made_for = template.report_of(token) if isinstance(token, str) else None
    if made_for is None:
        raise UploadRefused(_("Mẫu này đã bị sửa phần nhận dạng nên không xác định được báo "
                              "cáo. Hãy tải lại mẫu của báo cáo này."))
    if made_for != report.pk:
        raise UploadRefused(_("Tệp này là mẫu của một báo cáo khác, không phải của báo cáo "
                              "«%(report)s». Hãy tải mẫu của báo cáo này.") % {"report": report})


def _data_sheet(book) -> str | None:
    """The template's data sheet, named in any of the site's languages."""
    return next((name for name in book.sheetnames if name in template.sheet_names()), None)


def _read_rows(sheet, report: Report, *, limit: int):
    # Columns are read by their Vietnamese names, whichever language the template was made in.
    expected = template.columns(report, language="vi")
    width = len(expected)
    header_row = template.HEADER_ROW + 1
    header = [_header_text(c.value) for c in next(
        sheet.iter_rows(min_row=header_row, max_row=header_row), ())]
    while header and not header[-1]:
        header.pop()
    # The reader's language first: a header matching no language is compared with the one
    # it shares the most names with, so the message names what is missing in its own words.
    known = [template.columns(report)] + [template.columns(report, language=code)
                                          for code, _name in settings.LANGUAGES]
    if header not in known:
        closest = max(known, key=lambda names: len(set(names) & set(header)))
        raise UploadRefused(_column_problem(header, closest))
    # The template's columns only: a sheet may claim 16,384 columns to pad every row to.
    rows = sheet.iter_rows(min_row=header_row + 1, max_row=LAST_ROW, max_col=width)
    # Only the code and the reporter's cells are read; the locked ones are ours.
    read = [0, *range(len(expected) - len(template.INPUT_COLUMNS), len(expected))]
    dataset = tablib.Dataset(headers=[expected[i] for i in read])
    numbers: list[int] = []
    problems: list[Problem] = []
    columns = [(col, expected[col], TEXT_LENGTHS.get(expected[col])) for col in read]
    for row_number, cells in enumerate(rows, start=header_row + 1):
        if all(c.value is None or c.value == "" for c in cells):
            continue
        if len(numbers) >= limit:
            raise UploadRefused(_("Tệp có hơn %(limit)s dòng số liệu, nhiều hơn số chỉ tiêu "
                                  "của báo cáo. Hãy dùng đúng tệp mẫu đã tải về.")
                                % {"limit": limit})
        texts = []
        width = len(cells)
        for col, name, longest in columns:
            if col >= width:
                texts.append("")
                continue
            cell = cells[col]
            if cell.value is None and cell.data_type != "f":
                texts.append("")  # an empty box: nothing to read or measure
                continue
            text, problem = _cell_text(cell, name, longest)
            if problem:
                problems.append(Problem(row_number, name, problem))
            texts.append(text)
        dataset.append(texts)
        numbers.append(row_number)
    return dataset, numbers, problems


def _compare(preview: Preview, rows: list[UploadRow], dataset: tablib.Dataset,
             numbers: list[int]) -> None:
    by_code = {row.code: row for row in rows}
    seen: dict[str, int] = {}
    broken = {p.row for p in preview.problems}
    column = {name: i for i, name in enumerate(dataset.headers)}
    code_at = column[CODE]
    at = {box: column[name] for box, name in COLUMN_OF.items()}
    for number, data in zip(numbers, dataset, strict=True):
        code = data[code_at].strip()
        entry = by_code.get(code)
        problem = _code_problem(number, code, entry is not None, seen)
        if problem:
            preview.problems.append(problem)
            continue
        if number in broken:
            continue
        typed = {box: data[i] for box, i in at.items()}
        new, problems = _checked(number, entry.spec, typed)
        preview.problems += problems
        if new is None:
            continue
        preview.changes.append(Change(number, entry, new, _kind(entry, new),
                                      entry.far_warning(new.figure.value), typed))


def _code_problem(number: int, code: str, known: bool, seen: dict[str, int]) -> Problem | None:
    """Whether the row's code names a measure of the report, once; `seen` records it."""
    if not known:
        return Problem(number, CODE, _("«%(code)s» không phải chỉ tiêu của báo cáo này.")
                       % {"code": code} if code else _("trống."))
    if code in seen:
        return Problem(number, CODE, _("chỉ tiêu %(code)s đã có ở dòng %(row)s; mỗi chỉ tiêu "
                                       "chỉ một dòng.") % {"code": code, "row": seen[code]})
    seen[code] = number
    return None


def _checked(number: int, spec: MeasureSpec, typed: dict[str, str]
             ) -> tuple[FigureEntry | None, list[Problem]]:
    """A row's boxes checked as the data-entry form checks them, problems named by column."""
    new, errors = read_entry(spec, **typed)
    return new, [Problem(number, COLUMN_OF[box], _without_label(message))
                 for box, message in errors.items()]


def _kind(entry: UploadRow, new: FigureEntry) -> str:
    saved, figure = entry.saved, new.figure
    if saved is None:
        return "same" if figure.is_empty and not new.note and not new.source else "new"
    if (saved.numerator, saved.denominator, saved.value, saved.note, saved.source) == (
            figure.numerator, figure.denominator, figure.value, new.note, new.source):
        return "same"
    return "cleared" if figure.is_empty and saved.value is not None else "changed"


def _cell_text(cell, column: str, longest: int | None) -> tuple[str, str]:
    """A cell as the text a reporter would type, or a problem with it; `longest` is the
    column's TEXT_LENGTHS."""
    text, problem = _typed_text(cell, column)
    if problem:
        return "", problem
    # Dropped as it is read, not kept for read_entry's check: the same rule and message.
    problem = length_problem(text.strip(), longest) if longest is not None else ""
    return ("", problem) if problem else (text, "")


def _typed_text(cell, column: str) -> tuple[str, str]:
    value = cell.value
    if cell.data_type == "f":
        wanted = (_("ô chứa công thức (%(formula)s); hãy nhập con số, không nhập công thức.")
                  if column in template.NUMBER_COLUMNS else
                  _("ô chứa công thức (%(formula)s); hãy nhập nội dung, không nhập công thức."))
        return "", wanted % {"formula": _short(str(value))}
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return "", _("ô chứa giá trị đúng/sai, không phải con số.")
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return "", _("ô đang ở định dạng ngày giờ, không phải con số.")
    if isinstance(value, int):
        return typed_text(value), ""
    if isinstance(value, float):
        return _float_text(value), ""
    return str(value), ""


def _float_text(value: float) -> str:
    # Excel keeps 15 significant digits; noise beyond them (0.30000000000000004) is not data.
    return typed_text(Decimal(f"{value:.15g}"))


def _header_text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _column_problem(found: list[str], expected: list[str]) -> str:
    missing = [c for c in expected if c not in found]
    unknown = [c for c in found if c and c not in expected]
    parts = []
    if missing:
        parts.append(_("thiếu cột %(columns)s") % {
            "columns": ", ".join(f"«{c}»" for c in missing)})
    if unknown:
        strange = ", ".join(f"«{_short(c)}»" for c in unknown[:5])
        if len(unknown) > 5:
            strange += ngettext(" và %(count)s cột khác", " và %(count)s cột khác",
                                len(unknown) - 5) % {"count": _count(len(unknown) - 5)}
        parts.append(_("có cột lạ %(columns)s") % {"columns": strange})
    if not parts:
        parts.append(_("các cột đã bị đổi thứ tự"))
    return _("Dòng tiêu đề (dòng %(row)s) không đúng mẫu: %(problems)s. Không đổi tên, thêm, "
             "xóa hay đổi chỗ các cột; hãy tải lại mẫu nếu cần.") % {
        "row": template.HEADER_ROW + 1, "problems": "; ".join(parts)}


def _without_label(message: str) -> str:
    """The form's message without its "Chỉ tiêu 3a, giá trị: " prefix: the row says that."""
    head, sep, rest = message.partition(": ")
    measure = (_("Chỉ tiêu %(code)s") % {"code": ""}).strip()
    return rest if sep and head.startswith(measure) else message


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(Decimal(size) / 1024, decimals=0)} KB"
    return f"{format_number(Decimal(size) / 1024 / 1024, decimals=1)} MB"
