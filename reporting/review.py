"""The filters of the review queue and the completeness page, built for a province's scale
(60–130 communes besides the agencies): by cycle, state, commune or agency, late and "has
unusual figures", one page of PAGE_SIZE reports at a time."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agencies.widgets import NameGroupedSelect
from reporting.models import Progress, ReportQuerySet, ReportStatus

PAGE_SIZE = 50
# "Đã nộp" here means waiting for review, late or not: "Nộp muộn" narrows it to the late ones.
STATES = [("", _("Tất cả")), (Progress.SUBMITTED, _("Chờ duyệt (kể cả nộp muộn)")),
          (Progress.LATE, _("Nộp muộn, chờ duyệt")), (Progress.RETURNED, Progress.RETURNED.label),
          (Progress.APPROVED, Progress.APPROVED.label), (Progress.DRAFT, Progress.DRAFT.label),
          (Progress.NOT_STARTED, Progress.NOT_STARTED.label)]
KINDS = [("", _("Tất cả")), ("xa", _("Các xã, phường")), ("co-quan", _("Các cơ quan cấp tỉnh"))]


class ReportFilterForm(forms.Form):
    """What a reviewer narrows a list of reports by; every field optional."""

    state = forms.ChoiceField(label=_("Tình trạng"), required=False, choices=STATES)
    kind = forms.ChoiceField(label=_("Đơn vị"), required=False, choices=KINDS)
    q = forms.CharField(label=_("Tên xã hoặc cơ quan"), required=False, max_length=100,
                        strip=True)
    late = forms.BooleanField(label=_("Chỉ báo cáo nộp muộn"), required=False)
    unusual = forms.BooleanField(label=_("Chỉ báo cáo có số liệu bất thường"), required=False)

    def __init__(self, data, *, cycles=None):
        if not isinstance(data, QueryDict):
            given, data = data, QueryDict(mutable=True)
            data.update(given)
        super().__init__(data)
        if cycles is not None:
            self.fields["cycle"] = forms.TypedChoiceField(
                label=_("Kỳ báo cáo"), required=False, coerce=int, empty_value=None,
                choices=[("", _("Tất cả các kỳ đang mở")), *_by_plan(cycles)],
                widget=NameGroupedSelect)
            self.order_fields(["cycle"])

    def apply(self, reports: ReportQuerySet) -> ReportQuerySet:
        """`reports` narrowed by what the form holds; unchanged by an invalid field."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("cycle"):
            reports = reports.filter(cycle_id=data["cycle"])
        if data.get("state") == Progress.SUBMITTED:
            reports = reports.filter(status=ReportStatus.SUBMITTED)
        elif data.get("state"):
            reports = reports.in_progress(data["state"])
        if data.get("kind"):
            reports = reports.of_communes(data["kind"] == "xa")
        if data.get("q"):
            reports = reports.filter(Q(unit__name__icontains=data["q"])
                                     | Q(agency__name__icontains=data["q"]))
        if data.get("late"):
            reports = reports.filter(late=True)
        if data.get("unusual"):
            reports = reports.filter(has_unusual=True)
        return reports

    def query(self, page: int | None = None) -> str:
        """The filters as a query string, for the links of the pages."""
        params = self.data.copy()
        params.pop("page", None)
        if page is not None:
            params["page"] = page
        return params.urlencode()


def _by_plan(cycles) -> list[tuple[str, list[tuple[int, str]]]]:
    """The cycles under their plan's unit (and the plan's number where a unit has several
    plans among them), in the order given."""
    cycles = list(cycles)
    plans_of_unit: dict[int, set[int]] = {}
    for cycle in cycles:
        plans_of_unit.setdefault(cycle.plan.unit_id, set()).add(cycle.plan_id)
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for cycle in cycles:
        plan = cycle.plan
        name = plan.unit.name
        if len(plans_of_unit[plan.unit_id]) > 1:
            name = f"{name} — {plan.kind} {plan.number}".rstrip()
        groups.setdefault(plan.pk, (name, []))[1].append((cycle.pk, cycle.title))
    return list(groups.values())


def page_of(reports: ReportQuerySet, number) -> Page:
    """One page of `reports` (the last for a number past the end, the first for nonsense)."""
    return Paginator(reports, PAGE_SIZE).get_page(number)
