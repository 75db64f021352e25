"""The write of an upload: every figure of a confirmed preview, in one transaction.

It claims the report exactly as the data-entry form's save does (the same
conditional update on status and version, reporting.services), so an upload
and a form save racing on one report cannot both win, and writes the figures
through the same path as the form (reporting.values.values_write: only the
rows that change, in bulk, with history naming the Excel channel).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from reporting.models import Channel, Report, ReportEvent
from reporting.services import report_claim_for_edit
from reporting.values import Entry, FigureEntry, values_write


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
        written = values_write(report=report, figures=figures, by=by, now=now,
                               channel=Channel.EXCEL)
        ReportEvent.objects.create(report=report, action=ReportEvent.Action.SAVE, by=by, at=now,
                                   comment=f"Tải lên từ tệp Excel: {written} số liệu.")
    report.refresh_from_db()
    return written
