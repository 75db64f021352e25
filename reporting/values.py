"""A report's figures: the one path by which every channel checks and writes them.

The data-entry form, the Excel upload and, later, the API all go through here:

- `read_entry` checks one measure's boxes as typed (the figure itself, see
  reporting.figures, then the note and the source), so a row is accepted or
  refused for the same reasons whatever brought it;
- `values_write` writes the figures that differ from what is stored, in bulk:
  one INSERT … ON CONFLICT DO UPDATE per 2.000 figures, then their history
  rows copied by the database from the rows just written (INSERT … SELECT),
  each naming who, when and the channel. A province's Excel template may
  hold thousands of rows: one model instance per figure (a save, or Django's
  bulk_create, which prepares every value of every instance in Python) cost
  more than reading the file, so the rows go to the database as plain
  tuples, in the same SQL on SQLite and PostgreSQL;
- `unconfirmed_unusual` lists the figures that look unusual for their history
  (reporting.plausibility) and lack a confirmed note; the submit service
  refuses a report that has any.

A confirmation belongs to the value it confirmed (Value.confirmed_value). The
form's box says "confirmed" or "not confirmed"; a channel without the box (an
Excel file) keeps a confirmation only while its value is unchanged. Either way
a changed value is unconfirmed until someone confirms it again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.utils.translation import gettext as _

from indicators.numbers import format_number
from reporting.figures import Figure, MeasureSpec, read_figure
from reporting.models import (
    Report,
    ReportingCycle,
    ValidationRule,
    Value,
    confirms,
    plausibility_floor,
)
from reporting.plausibility import far_message
from reporting.rules import Violation, violations

# How much each box takes, on the form and from an uploaded Excel template alike.
NUMBER_MAX_LENGTH = 40
NOTE_MAX_LENGTH = 2000
SOURCE_MAX_LENGTH = Value._meta.get_field("source").max_length
# The columns a write sets, in the order values_write compares them.
FIELDS = ("numerator", "denominator", "value", "aggregable", "note", "source", "confirmed_value")
BATCH = 2000
HISTORY_BATCH = 900  # ids per statement: within SQLite's limit of bound parameters


@dataclass(frozen=True)
class FigureEntry:
    """One measure's figure as a channel delivers it, already checked.

    confirmed: True or False where the channel shows the confirmation box (the form),
    None where it has none (an Excel file): then a stored confirmation of the same
    value is kept.
    """

    figure: Figure
    note: str = ""
    source: str = ""
    confirmed: bool | None = None


@dataclass(frozen=True)
class Entry:
    """What the data-entry form holds: figures by measure id, the narrative and budget."""

    figures: dict[int, FigureEntry] = field(default_factory=dict)
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    budget_spent: Decimal | None = None


def read_entry(spec: MeasureSpec, *, numerator: str = "", denominator: str = "",
               value: str = "", note: str = "", source: str = "",
               confirmed: bool | None = None) -> tuple[FigureEntry | None, dict[str, str]]:
    """The entry typed for `spec`, or errors keyed by box: numerator, denominator, value,
    note, source. Every message starts with the measure ("Chỉ tiêu 3a, …")."""
    figure, errors = read_figure(spec, numerator=numerator, denominator=denominator,
                                 value=value)
    note, source = note.strip(), source.strip()
    for box, text, limit in (("note", note, NOTE_MAX_LENGTH),
                             ("source", source, SOURCE_MAX_LENGTH)):
        problem = length_problem(text, limit)
        if problem:
            label = _("ghi chú") if box == "note" else _("nguồn số liệu")
            errors[box] = f"{spec.label}, {label}: {problem}"
    if errors:
        return None, errors
    return FigureEntry(figure=figure, note=note, source=source, confirmed=confirmed), {}


def length_problem(text: str, limit: int) -> str:
    """Why a note, source or number box is too long for its box ("" when it is not): the
    one message of the form, the upload and the API."""
    if len(text) <= limit:
        return ""
    return _("dài %(length)s ký tự, tối đa %(limit)s.") % {
        "length": format_number(len(text)), "limit": format_number(limit)}


def confirmation(typed: FigureEntry, stored: Decimal | None) -> Decimal | None:
    """The value a write records as confirmed, from the channel's box and what was stored."""
    value = typed.figure.value
    if value is None:
        return None
    if typed.confirmed is None:
        return stored if stored == value else None
    return value if typed.confirmed else None


def values_write(*, report: Report, figures: dict[int, FigureEntry], by,
                 now: datetime.datetime, channel: str) -> int:
    """Insert or update the report's figures that differ from what is stored, with history.

    The caller holds the report's edit claim (reporting.services.report_claim_for_edit)
    inside its transaction. Returns how many figures were written.
    """
    stored = {row[0]: row[1:] for row in Value.objects.filter(report=report)
              .values_list("measure_id", "pk", *FIELDS)}
    rows: list[tuple] = []
    for measure_id, typed in figures.items():
        old = stored.get(measure_id)
        figure = typed.figure
        if old is None and figure.is_empty and not typed.note and not typed.source:
            continue
        new = (figure.numerator, figure.denominator, figure.value, figure.aggregable,
               typed.note, typed.source, confirmation(typed, old[-1] if old else None))
        if old is None or old[1:] != new:
            rows.append((report.pk, measure_id, *new))
    if not rows:
        return 0
    ids = _upsert(rows)
    given = {"history_date": now, "history_user": by.pk if by is not None else None,
             "history_change_reason": None, "channel": channel}
    _history_insert([ids[row[1]] for row in rows if row[1] not in stored],
                    history_type="+", given=given)
    _history_insert([stored[row[1]][0] for row in rows if row[1] in stored],
                    history_type="~", given=given)
    return len(rows)


def _upsert(rows: list[tuple]) -> dict[int, int]:
    """Write (report, measure, *FIELDS) rows, inserting or updating by (report, measure);
    the ids written by measure id."""
    quote = connection.ops.quote_name
    fields = [Value._meta.get_field(name) for name in ("report", "measure", *FIELDS)]
    columns = ", ".join(quote(f.column) for f in fields)
    updates = ", ".join(f"{quote(f.column)} = excluded.{quote(f.column)}" for f in fields[2:])
    returning = connection.features.can_return_rows_from_bulk_insert
    size = min(BATCH, connection.ops.bulk_batch_size(fields, rows))
    one = f"({', '.join(['%s'] * len(fields))})"
    ids: dict[int, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            cursor.execute(
                f"INSERT INTO {quote(Value._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([one] * len(chunk))} "
                f"ON CONFLICT ({quote(fields[0].column)}, {quote(fields[1].column)}) "
                f"DO UPDATE SET {updates}"
                + (f" RETURNING {quote(fields[1].column)}, {quote(Value._meta.pk.column)}"
                   if returning else ""),
                [cell for row in chunk for cell in row])
            if returning:
                ids.update(cursor.fetchall())
    if not returning:
        ids = dict(Value.objects.filter(report_id=rows[0][0], measure_id__in=[
            row[1] for row in rows]).values_list("measure_id", "pk"))
    return ids


def _history_insert(ids: list[int], *, history_type: str, given: dict) -> None:
    """The history rows of the figures `ids` as just written, copied by the database.

    The figure's columns come from the history model, so a field added to Value is kept
    too; the history's own columns (who, when, the channel) are given.
    """
    if not ids:
        return
    history = Value.history.model
    quote = connection.ops.quote_name
    given = {**given, "history_type": history_type,
             "history_date": connection.ops.adapt_datetimefield_value(given["history_date"])}
    tracked = {f.attname for f in Value._meta.concrete_fields}
    copied = [f for f in history._meta.concrete_fields if f.attname in tracked]
    stated = [f for f in history._meta.concrete_fields
              if f.attname not in tracked and f.name != "history_id"]
    columns = ", ".join(quote(f.column) for f in copied + stated)
    select = ", ".join([quote(f.column) for f in copied] + ["%s"] * len(stated))
    constants = [given[f.name] for f in stated]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), HISTORY_BATCH):
            chunk = ids[start:start + HISTORY_BATCH]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "
                f"SELECT {select} FROM {quote(Value._meta.db_table)} "
                f"WHERE {quote(Value._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                constants + chunk)


def unconfirmed_unusual(report: Report) -> dict[int, str]:
    """What stops the report's submission, by measure id: figures far from their history
    without a confirmed note (reporting.plausibility.far_message), and the validation rules
    across measures they break (reporting.rules): a blocking rule whatever the note, a rule
    asking for confirmation unless its first measure's figure is confirmed with a note."""
    return unconfirmed_unusual_by_report([report]).get(report.pk, {})


class _Figure(NamedTuple):
    """A stored figure as the checks before submission and approval read it."""

    measure_id: int
    code: str
    unit_kind: str
    value: Decimal
    confirmed: bool
    note: str


def unconfirmed_unusual_by_report(reports: list[Report]) -> dict[int, dict[int, str]]:
    """`unconfirmed_unusual` of many reports (report id → what stops it; reports with
    nothing are left out), read in a few queries whatever their number: their figures, the
    rules, their cycles, and the earlier figures of each plan and year among them."""
    figures: dict[int, list[_Figure]] = {}
    for report_id, measure_id, code, unit_kind, value, confirmed_value, note in (
            Value.objects.filter(report__in=[r.pk for r in reports]).exclude(value=None)
            .values_list("report_id", "measure_id", "measure__code", "measure__unit_kind",
                         "value", "confirmed_value", "note")):
        figures.setdefault(report_id, []).append(_Figure(
            measure_id, code, unit_kind, value, confirms(confirmed_value, value), note))
    if not figures:
        return {}
    rules = [rule.as_rule() for rule in ValidationRule.objects.filter(active=True)]
    earlier = _earlier_by_unit([r for r in reports if r.pk in figures],
                               {f.measure_id for fs in figures.values() for f in fs})
    found: dict[int, dict[int, str]] = {}
    for report in reports:
        stops = _unconfirmed(figures.get(report.pk, []), earlier.get(report.pk, {}), rules)
        if stops:
            found[report.pk] = stops
    return found


def _earlier_by_unit(reports: list[Report], measure_ids: set[int]
                     ) -> dict[int, dict[int, dict[int, Decimal]]]:
    """Report id → measure → year → the unit's counted figure of an earlier year in the same
    plan (Report.earlier_values for many reports: one query per plan and year among them)."""
    cycles = {pk: (plan_id, year) for pk, plan_id, year in ReportingCycle.objects.filter(
        pk__in={r.cycle_id for r in reports}).values_list("pk", "plan_id", "year")}
    groups: dict[tuple[int, int], list[Report]] = {}
    for report in reports:
        groups.setdefault(cycles[report.cycle_id], []).append(report)
    found: dict[int, dict[int, dict[int, Decimal]]] = {}
    for (plan_id, year), group in groups.items():
        by_unit: dict[int, dict[int, dict[int, Decimal]]] = {}
        for unit_id, measure_id, past, value in (
                Value.objects.counted(plan_id, units={r.unit_id for r in group})
                .filter(report__cycle__year__lt=year, measure__in=measure_ids)
                .order_by("report__cycle__year")
                .values_list("report__unit_id", "measure_id", "report__cycle__year", "value")):
            by_unit.setdefault(unit_id, {}).setdefault(measure_id, {})[past] = value
        for report in group:
            found[report.pk] = by_unit.get(report.unit_id, {})
    return found


def _unconfirmed(values: list[_Figure], earlier: dict[int, dict[int, Decimal]],
                 rules: list) -> dict[int, str]:
    found: dict[int, str] = {}
    for value in values:
        if value.confirmed and value.note.strip():
            continue
        message = far_message(value.code, value.value, earlier.get(value.measure_id, {}),
                              floor=plausibility_floor(value))
        if message:
            found[value.measure_id] = message
    by_code = {value.code: value for value in values}
    for broken in violations(rules, {code: v.value for code, v in by_code.items()}):
        first = by_code[broken.rule.first_code]
        if not broken.blocks and first.confirmed and first.note.strip():
            continue
        found[first.measure_id] = " ".join(filter(None, [found.get(first.measure_id),
                                                         rule_message(broken)]))
    return found


def rule_violations(values: dict[str, Decimal | None]) -> list[Violation]:
    """The active validation rules (ValidationRule, editable in the admin) that figures by
    measure code break. Every channel asks here: the form as the reporter types, the submit
    service for the form, the upload and the API, the reviewer's cycle report."""
    return violations([rule.as_rule() for rule in ValidationRule.objects.filter(active=True)],
                      values)


def cycle_rule_violations(reports: list[Report]) -> list[tuple[Report, Violation]]:
    """The validation rules each report's figures break, for the reviewer's cycle page: the
    rules and every figure of the reports read in two queries, whatever their number."""
    rules = [rule.as_rule() for rule in ValidationRule.objects.filter(active=True)]
    figures: dict[int, dict[str, Decimal | None]] = {}
    for report_id, code, value in (Value.objects.filter(report__in=reports)
                                   .values_list("report_id", "measure__code", "value")):
        figures.setdefault(report_id, {})[code] = value
    return [(report, broken) for report in reports
            for broken in violations(rules, figures.get(report.pk, {}))]


def rule_message(broken: Violation) -> str:
    """The violation as the reporter reads it, saying what it takes to submit."""
    then = (_("Hãy sửa số liệu trước khi nộp.") if broken.blocks else
            _("Nếu số liệu đúng, hãy ghi chú lý do ở chỉ tiêu %(code)s và đánh dấu xác nhận "
              "trước khi nộp.") % {"code": broken.rule.first_code})
    return _("Vi phạm quy tắc kiểm tra: %(rule)s %(then)s") % {"rule": broken.text, "then": then}
