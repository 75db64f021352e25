"""The deadlines of a cycle, set by its consolidating office: one for the provincial agencies'
reports (the cycle's own, the plan's 20/11 unless changed) and one for the communes', which
may be earlier so the office can consolidate their figures by the cycle's deadline.

A change is kept (DeadlineChange: who, when, from what to what), and the late flags follow
it: a report is late when its first submission came after the end of its deadline day, so
an extension clears the flag of a report sent before the new deadline, and an earlier
deadline sets it on one sent after.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reporting.deadlines import deadline_end
from reporting.models import (
    DeadlineChange,
    Report,
    ReportEvent,
    ReportingCycle,
    ReportKind,
)

DATE_INPUT = ["%d/%m/%Y"]


class CycleDeadlinesForm(forms.Form):
    """The two deadlines, typed dd/mm/yyyy; the model's rules name the field they refuse."""

    deadline = forms.DateField(
        label=_("Hạn nộp của kỳ báo cáo (các cơ quan cấp tỉnh)"), input_formats=DATE_INPUT,
        error_messages={"required": _("Hãy nhập hạn nộp của kỳ báo cáo (ngày/tháng/năm)."),
                        "invalid": _("Hạn nộp của kỳ báo cáo: hãy nhập ngày theo dạng "
                                     "ngày/tháng/năm, ví dụ 20/11/2026.")},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}))
    commune_deadline = forms.DateField(
        label=_("Hạn nộp của các xã, phường"), input_formats=DATE_INPUT, required=False,
        help_text=_("Để trống: các xã, phường nộp cùng hạn với kỳ báo cáo."),
        error_messages={"invalid": _("Hạn nộp của các xã, phường: hãy nhập ngày theo dạng "
                                     "ngày/tháng/năm, ví dụ 10/11/2026.")},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}))

    def __init__(self, data=None, *, cycle: ReportingCycle):
        self.cycle = cycle
        super().__init__(data, initial={"deadline": cycle.deadline,
                                        "commune_deadline": cycle.commune_deadline})

    def clean(self):
        data = super().clean()
        if "deadline" not in data or "commune_deadline" not in data:
            return data
        proposed = ReportingCycle(opens_on=self.cycle.opens_on, deadline=data["deadline"],
                                  commune_deadline=_own(data))
        try:
            proposed.clean()
        except forms.ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return data


def _own(data: dict) -> datetime.date | None:
    """The communes' deadline to store: none when it is the cycle's own."""
    commune = data.get("commune_deadline")
    return None if commune in (None, data["deadline"]) else commune


class CycleLocked(Exception):
    """The cycle was locked meanwhile: its deadlines no longer change."""


@transaction.atomic
def cycle_set_deadlines(*, cycle: ReportingCycle, by, deadline: datetime.date,
                        commune_deadline: datetime.date | None,
                        now: datetime.datetime | None = None) -> list[DeadlineChange]:
    """Set the cycle's deadlines (commune_deadline None or equal: the cycle's own); keep each
    kind's change, and recompute the late flags of that kind's reports. Nothing changes if
    the cycle is locked (CycleLocked) or a rule refuses the dates (ValidationError)."""
    now = now or timezone.now()
    current = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if current.locked:
        raise CycleLocked(gettext("Kỳ báo cáo đã khóa: không sửa hạn nộp được nữa."))
    before = {kind: current.deadline_of(kind) for kind in ReportKind}
    current.deadline = deadline
    current.commune_deadline = _own({"deadline": deadline, "commune_deadline": commune_deadline})
    current.full_clean()
    current.save(update_fields=["deadline", "commune_deadline"])
    changes = [DeadlineChange(cycle=current, kind=kind, before=before[kind],
                              after=current.deadline_of(kind), by=by, at=now)
               for kind in ReportKind if current.deadline_of(kind) != before[kind]]
    DeadlineChange.objects.bulk_create(changes)
    for change in changes:
        _reflag(current, change.kind, change.after)
    cycle.refresh_from_db()
    return changes


def _reflag(cycle: ReportingCycle, kind: str, deadline: datetime.date) -> None:
    """The late flags of the cycle's reports of `kind` under `deadline`: the report's by its
    first submission, each submission step's by its own moment."""
    end = deadline_end(deadline)
    reports = Report.objects.filter(cycle=cycle).of_communes(kind == ReportKind.COMMUNE)
    ids = list(reports.exclude(first_submitted_at=None).values_list("pk", flat=True))
    Report.objects.filter(pk__in=ids).update(late=Case(
        When(first_submitted_at__gte=end, then=Value(True)), default=Value(False)))
    ReportEvent.objects.filter(
        report__in=ids, action__in=[ReportEvent.Action.SUBMIT, ReportEvent.Action.RESUBMIT],
    ).update(late=Case(When(at__gte=end, then=Value(True)), default=Value(False)))
