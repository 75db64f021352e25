"""The write of an upload: every figure of a confirmed preview, in one transaction.

It claims the report exactly as the data-entry form's save does (the same
conditional update on status and version, reporting.services), so an upload
and a form save racing on one report cannot both win. The figures are then
written in bulk, one INSERT … ON CONFLICT for the values and one INSERT for
their history rows, instead of two queries per figure: a province's template
may hold thousands of rows. Only rows that change are written.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone

from reporting.models import Report, ReportEvent, Value
from reporting.services import Entry, FigureEntry, _claim_for_edit

FIELDS = ("numerator", "denominator", "value", "aggregable", "note", "source", "confirmed")
BATCH = 2000
HISTORY_BATCH = 500  # rows per INSERT: within SQLite's limit of bound parameters


def report_upload(*, report: Report, by, version: int, figures: dict[int, FigureEntry],
                  now: datetime.datetime | None = None) -> int:
    """Save the uploaded figures as a draft; ReportConflict when the report moved on.

    Returns how many figures were written.
    """
    now = now or timezone.now()
    # The narrative is the report's own: the claim only succeeds at the version it was read at.
    entry = Entry(figures=figures, results=report.results, difficulties=report.difficulties,
                  proposals=report.proposals, budget_spent=report.budget_spent)
    with transaction.atomic():
        _claim_for_edit(report, by=by, version=version, entry=entry, now=now)
        written = values_upsert(report=report, figures=figures, by=by, now=now)
        ReportEvent.objects.create(report=report, action=ReportEvent.Action.SAVE, by=by, at=now,
                                   comment=f"Tải lên từ tệp Excel: {written} số liệu.")
    report.refresh_from_db()
    return written


def values_upsert(*, report: Report, figures: dict[int, FigureEntry], by,
                  now: datetime.datetime) -> int:
    """Insert or update the report's figures that differ from what is stored, with history."""
    existing = {v.measure_id: v for v in Value.objects.filter(report=report)}
    created: list[Value] = []
    updated: list[Value] = []
    for measure_id, typed in figures.items():
        old = existing.get(measure_id)
        figure = typed.figure
        if old is None and figure.is_empty and not typed.note and not typed.source:
            continue
        fields = {"numerator": figure.numerator, "denominator": figure.denominator,
                  "value": figure.value, "aggregable": figure.aggregable, "note": typed.note,
                  "source": typed.source}
        if old is not None and all(getattr(old, k) == v for k, v in fields.items()):
            continue
        # A changed figure needs confirming again if it looks unusual when submitted.
        value = Value(report_id=report.pk, measure_id=measure_id, confirmed=False, **fields)
        value._history_user = by
        (created if old is None else updated).append(value)
    if not created and not updated:
        return 0
    Value.objects.bulk_create(created + updated, batch_size=BATCH, update_conflicts=True,
                              unique_fields=["report", "measure"], update_fields=FIELDS)
    for value in updated:
        value.pk = value.pk or existing[value.measure_id].pk
    if any(value.pk is None for value in created):  # a backend that returns no ids
        ids = dict(Value.objects.filter(report=report).values_list("measure_id", "pk"))
        for value in created:
            value.pk = ids[value.measure_id]
    _history_insert(created, history_type="+", by=by, now=now)
    _history_insert(updated, history_type="~", by=by, now=now)
    return len(created) + len(updated)


def _history_insert(values: list[Value], *, history_type: str, by, now) -> None:
    """The history rows simple_history would write, as multi-row INSERTs of plain tuples.

    Building one historical model instance per figure costs more than the upsert itself;
    the columns come from the history model, so a field added to Value is kept too.
    """
    history = Value.history.model
    fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
    given = {"history_date": now, "history_type": history_type, "history_change_reason": None,
             "history_user": by.pk if by is not None else None}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Values adapted once per column type, as the ORM would for a save().
    prepare = [(f.name in given, f) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(values), HISTORY_BATCH):
            chunk = values[start:start + HISTORY_BATCH]
            params = []
            for value in chunk:
                for fixed, f in prepare:
                    raw = given[f.name] if fixed else getattr(value, f.attname)
                    params.append(f.get_db_prep_save(raw, connection))
            cursor.execute(f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} "
                           f"({columns}) VALUES {', '.join([row] * len(chunk))}", params)
