"""A report's figures sent as one document, checked by the data-entry form itself.

The document is turned into what the form would post: the boxes of the measures it
names, and for every other measure the figure already saved (so a document changes only
what it sends, like DHIS2's dataValueSets). The form then reads, checks and warns exactly
as on the page, with its own Vietnamese messages, and its errors are handed back naming
the document's field and row. Nothing is written unless every row passes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.errors import DOCUMENT, ApiRefusal, item
from indicators.numbers import typed_text
from reporting.forms import ReportForm, entry_rows
from reporting.models import Channel, Report, Value
from reporting.services import (
    Entry,
    ReportConflict,
    UnconfirmedFigures,
    report_save,
    report_submit,
)

NUMBER_BOXES = ("numerator", "denominator", "value")
# Past these the form would refuse the number anyway; refusing first keeps a 1E+999999
# from being spelled out digit by digit.
LARGEST = Decimal(10) ** 15
SMALLEST_EXPONENT = -12


@dataclass(frozen=True)
class Row:
    """One figure of a document: a measure code and its boxes, as numbers."""

    measure: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    note: str = ""
    source: str = ""
    confirmed: bool = False
    confirm_for: Decimal | None = None


@dataclass(frozen=True)
class Checked:
    entry: Entry
    version: int
    changes: list[dict]
    rows: dict[int, tuple[int, str]]  # measure id → (index of the document's row, code)


def check_document(report: Report, rows: list[Row], *, version: int,
                   narrative: dict | None = None) -> Checked:
    """The document read through the form; ApiRefusal(422) naming every bad field and row."""
    form_rows = entry_rows(report)
    by_code = {row.measure.code: row for row in form_rows}
    data = {"version": str(version), "results": report.results,
            "difficulties": report.difficulties, "proposals": report.proposals,
            "budget_spent": typed_text(report.budget_spent)}
    for key, given in (narrative or {}).items():
        if given is not None:
            data[key] = typed_text(given) if key == "budget_spent" else given
    for row in form_rows:
        data.update(_saved_boxes(row, row.saved))

    errors: list[dict] = []
    where: dict[int, int] = {}  # measure id → index of the document's row
    for index, sent in enumerate(rows):
        label = f"figures[{index}]"
        form_row = by_code.get(sent.measure)
        if form_row is None:
            asked = ", ".join(by_code) or _("không có chỉ tiêu nào")
            errors.append(item(f"{label}.measure", _(
                "Chỉ tiêu «%(code)s» không thuộc báo cáo này (báo cáo gồm: %(asked)s).")
                % {"code": sent.measure, "asked": asked}, row=index + 1, measure=sent.measure))
            continue
        if form_row.measure.pk in where:
            errors.append(item(f"{label}.measure", _("Chỉ tiêu «%(code)s» đã có ở dòng %(row)s.")
                               % {"code": sent.measure, "row": where[form_row.measure.pk] + 1},
                               row=index + 1, measure=sent.measure))
            continue
        where[form_row.measure.pk] = index
        if not form_row.spec.is_ratio and (sent.numerator is not None
                                           or sent.denominator is not None):
            errors.append(item(f"{label}.numerator", _(
                "Chỉ tiêu %(code)s không tính từ tử số và mẫu số: chỉ gửi «value».")
                % {"code": sent.measure}, row=index + 1, measure=sent.measure))
        for box in NUMBER_BOXES:
            number = getattr(sent, box)
            problem = _number_problem(number)
            if problem:
                errors.append(item(f"{label}.{box}", _("Chỉ tiêu %(code)s: %(problem)s")
                                   % {"code": sent.measure, "problem": problem},
                                   row=index + 1, measure=sent.measure))
            data[form_row.name(box)] = typed_text(number) if not problem else ""
        data[form_row.name("note")] = sent.note
        data[form_row.name("source")] = sent.source
        data.pop(form_row.name("confirm"), None)
        data.pop(form_row.name("confirm_for"), None)
        if sent.confirmed and sent.confirm_for is None:
            errors.append(item(f"{label}.confirm_for", _(
                "Chỉ tiêu %(code)s: xác nhận (confirmed) phải kèm giá trị được xác nhận "
                "(confirm_for), như biểu mẫu ghi giá trị đã hiện khi đánh dấu.")
                % {"code": sent.measure}, row=index + 1, measure=sent.measure))
        elif sent.confirmed:
            problem = _number_problem(sent.confirm_for)
            if problem:
                errors.append(item(f"{label}.confirm_for", _("Chỉ tiêu %(code)s: %(problem)s")
                                   % {"code": sent.measure, "problem": problem},
                                   row=index + 1, measure=sent.measure))
            data[form_row.name("confirm")] = "on"
            data[form_row.name("confirm_for")] = _plain(sent.confirm_for)
    if errors:
        raise ApiRefusal(422, _summary(errors), errors)

    form = ReportForm(form_rows, data, report=report)
    if not form.is_valid():
        by_name = {row.name(box): (row, box) for row in form_rows for box in
                   ("numerator", "denominator", "value", "note", "source", "confirm")}
        for name, messages in form.errors.items():
            for message in messages:
                if name in by_name:
                    row, box = by_name[name]
                    index = where.get(row.measure.pk)
                    box = "confirmed" if box == "confirm" else box
                    field = f"figures[{index}].{box}" if index is not None else \
                        f"{row.measure.code}.{box}"
                    errors.append(item(field, message, row=None if index is None else index + 1,
                                       measure=row.measure.code))
                else:
                    errors.append(item(str(DOCUMENT) if name == "__all__" else name, message))
        raise ApiRefusal(422, _summary(errors), errors)

    # The form drops a tick given for another value than the row's (a figure changed after
    # it was confirmed): the API names it instead of writing the figure unconfirmed.
    for row in form_rows:
        index = where.get(row.measure.pk)
        if index is None or not rows[index].confirmed or form.figures[row.measure.pk].confirmed:
            continue
        value = form.figures[row.measure.pk].figure.value
        errors.append(item(f"figures[{index}].confirm_for", _(
            "Chỉ tiêu %(code)s: xác nhận cho giá trị %(confirmed)s, nhưng giá trị của dòng là "
            "%(value)s; hãy xem lại số liệu rồi xác nhận đúng giá trị gửi.") % {
                "code": row.measure.code, "confirmed": typed_text(rows[index].confirm_for),
                "value": typed_text(value) if value is not None else _("trống")},
            row=index + 1, measure=row.measure.code))

    if errors:
        raise ApiRefusal(422, _summary(errors), errors)

    changes = []
    for row in form_rows:
        if row.measure.pk not in where:
            continue
        typed = form.figures[row.measure.pk].figure
        saved = row.saved.value if row.saved else None
        changes.append({"measure": row.measure.code, "numerator": typed.numerator,
                        "denominator": typed.denominator, "value": typed.value, "before": saved,
                        "change": "new" if row.saved is None else
                        ("same" if _same(row.saved, typed) else "changed")})
    rows_of = {pk: (index, rows[index].measure) for pk, index in where.items()}
    return Checked(entry=form.entry(), version=form.cleaned_data["version"], changes=changes,
                   rows=rows_of)


def figures_write(*, report: Report, by, checked: Checked, submit: bool,
                  now: datetime.datetime | None = None) -> Report:
    """The one call from the API into the reporting services: save (or save and submit) the
    checked figures; ReportConflict becomes 409. The history rows of this write name the
    API as their channel."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            write = report_submit if submit else report_save
            report = write(report=report, by=by, version=checked.version,
                           entry=checked.entry, now=now, channel=Channel.API)
    except UnconfirmedFigures as error:
        # The submit service's refusal, named on the note of each figure as the form does.
        errors = []
        for measure_id, warning in error.warnings.items():
            index, code = checked.rows.get(measure_id, (None, ""))
            field = f"figures[{index}].note" if index is not None else str(DOCUMENT)
            errors.append(item(field, warning, row=None if index is None else index + 1,
                               measure=code or None))
        raise ApiRefusal(422, _summary(errors), errors) from error
    except ReportConflict as error:
        raise ApiRefusal(409, str(error)) from error
    return report


def _saved_boxes(row, saved: Value | None) -> dict[str, str]:
    if saved is None:
        return {}
    boxes = {row.name("numerator"): typed_text(saved.numerator),
             row.name("denominator"): typed_text(saved.denominator),
             row.name("value"): "" if saved.numerator is not None else typed_text(saved.value),
             row.name("note"): saved.note, row.name("source"): saved.source}
    if saved.confirmed:
        boxes[row.name("confirm")] = "on"
        boxes[row.name("confirm_for")] = _plain(saved.confirmed_value)
    return boxes


def _plain(number: Decimal | None) -> str:
    """A number as the form's hidden confirm_for box holds it (a dot, as the page sends)."""
    return "" if number is None else format(number, "f")


def _number_problem(number: Decimal | None) -> str:
    if number is None:
        return ""
    if not number.is_finite():
        return _("không phải là số.")
    if abs(number) >= LARGEST:
        return _("số quá lớn.")
    if number.as_tuple().exponent < SMALLEST_EXPONENT:
        return _("nhiều nhất 4 chữ số sau dấu phẩy.")
    return ""


def _same(saved: Value, typed) -> bool:
    return (saved.numerator, saved.denominator, saved.value) == (
        typed.numerator, typed.denominator, typed.value)


def _summary(errors: list[dict]) -> str:
    head = "; ".join(e["reason"] for e in errors[:3])
    more = ngettext(" (và %(count)s lỗi khác)", " (và %(count)s lỗi khác)", len(errors) - 3) % {
        "count": len(errors) - 3} if len(errors) > 3 else ""
    return ngettext("Chưa ghi gì: %(count)s lỗi. %(problems)s", "Chưa ghi gì: %(count)s lỗi. "
                    "%(problems)s", len(errors)) % {"count": len(errors), "problems": head + more}
