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
from reporting.services import Entry, FigureEntry, report_claim_for_edit

FIELDS = ("numerator", "denominator", "value", "aggregable", "note", "source", "confirmed")
BATCH = 2000
HISTORY_BATCH = 900  # ids per statement: within SQLite's limit of bound parameters


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
        report_claim_for_edit(report, by=by, version=version, entry=entry, now=now)
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
    """The history rows simple_history would write, copied by the database from the rows just
    written (INSERT … SELECT), a chunk of ids at a time.

    Building one historical model instance per figure in Python costs more than the upsert
    itself. The columns come from the history model, so a field added to Value is kept too.
    """
    if not values:
        return
    history = Value.history.model
    quote = connection.ops.quote_name
    given = {"history_date": connection.ops.adapt_datetimefield_value(now),
             "history_type": history_type, "history_change_reason": None,
             "history_user": by.pk if by is not None else None}
    copied = [f for f in history._meta.concrete_fields
              if f.name != "history_id" and f.name not in given]
    stated = [f for f in history._meta.concrete_fields if f.name in given]
    columns = ", ".join(quote(f.column) for f in copied + stated)
    select = ", ".join([quote(f.column) for f in copied] + ["%s"] * len(stated))
    constants = [given[f.name] for f in stated]
    ids = [value.pk for value in values]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), HISTORY_BATCH):
            chunk = ids[start:start + HISTORY_BATCH]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "
                f"SELECT {select} FROM {quote(Value._meta.db_table)} "
                f"WHERE {quote(Value._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                constants + chunk)
