"""The successor plan form: which old plans a new plan of today's province takes over, and
the new document's number, title, issuer, date (dd/mm/yyyy) and years.

It offers only the plans whose area now lies in the province; the service checks again.
Every message names its field, as the officer reads it beside the box.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import AdminUnit
from childplan.models import Plan

FIRST_YEAR, LAST_YEAR = 2000, 2100


def plan_label(plan: Plan) -> str:
    """The plan as its checkbox names it: its kind, number and unit are the plan's own words,
    marked as Vietnamese for a reader of another language (and for screen readers)."""
    number = (format_html('<span lang="vi">{}</span>', plan.number) if plan.number
              else gettext("(chưa ghi số)"))
    return format_html(gettext("%(kind)s %(number)s — %(unit)s, giai đoạn %(period)s") % {
        "kind": '<span lang="vi">{kind}</span>', "number": "{number}",
        "unit": '<span lang="vi">{unit}</span>', "period": "{period}"},
        kind=plan.kind, number=number, unit=plan.unit.name, period=plan.period_label)


def _year(label) -> forms.IntegerField:
    """A year box; its messages are read in the language of the request that shows them."""
    message = lazy(lambda: gettext("%(label)s: hãy ghi năm bằng bốn chữ số, từ %(first)s đến "
                                   "%(last)s.") % {"label": label, "first": FIRST_YEAR,
                                                    "last": LAST_YEAR}, str)()
    required = lazy(lambda: gettext("%(label)s: hãy ghi năm.") % {"label": label}, str)()
    return forms.IntegerField(label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              error_messages={"required": required,
                                              "invalid": message, "min_value": message,
                                              "max_value": message})


class PlanDocumentForm(forms.Form):
    """A plan document's number, title, issuer, issue date and years: the fields the
    successor form and the draft's page share."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, required=False,
                             help_text=_("Để trống nếu văn bản chưa có số."),
                             error_messages={"max_length": _("Số, ký hiệu: tối đa 50 ký tự.")})
    title = forms.CharField(label=_("Trích yếu"), max_length=500, error_messages={
        "required": _("Trích yếu: hãy ghi trích yếu của kế hoạch."),
        "max_length": _("Trích yếu: tối đa 500 ký tự.")})
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, error_messages={
        "required": _("Cơ quan ban hành: hãy ghi cơ quan ban hành."),
        "max_length": _("Cơ quan ban hành: tối đa 200 ký tự.")})
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, input_formats=["%d/%m/%Y"],
        help_text=_("Dạng ngày/tháng/năm, ví dụ 15/01/2026; để trống nếu chưa ban hành."),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày ban hành: hãy ghi ngày theo dạng ngày/tháng/năm, "
                                     "ví dụ 15/01/2026.")})
    period_start = _year(_("Từ năm"))
    period_end = _year(_("Đến năm"))

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", gettext(
                "Đến năm: năm kết thúc (%(end)s) phải không trước năm bắt đầu (%(start)s).")
                % {"end": end, "start": start})
        return data

    def add_refusal(self, error: ValidationError) -> None:
        """The service's refusal beside the field it names, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    def document_fields(self) -> dict:
        """The document's fields as the services take them."""
        data = self.cleaned_data
        return {"number": data["number"].strip(), "title": data["title"].strip(),
                "issuer": data["issuer"].strip(), "issued_on": data["issued_on"],
                "period_start": data["period_start"], "period_end": data["period_end"]}


class SuccessorPlanForm(PlanDocumentForm):
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Kế hoạch tiền nhiệm"), queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Các kế hoạch có địa bàn nay thuộc tỉnh. Khi hai kế hoạch đặt mục tiêu "
                    "cho cùng chỉ tiêu và năm, mục tiêu của kế hoạch đang xem được giữ."),
        error_messages={
            "required": _("Kế hoạch tiền nhiệm: hãy chọn ít nhất một kế hoạch."),
            "invalid_choice": _("Kế hoạch tiền nhiệm: kế hoạch đã chọn không thuộc địa bàn "
                                "tỉnh."),
            "invalid_pk_value": _("Kế hoạch tiền nhiệm: lựa chọn không hợp lệ."),
        })

    field_order = ["predecessors"]

    def __init__(self, province: AdminUnit, plan: Plan, *args, today: datetime.date, **kwargs):
        initial = {"predecessors": [plan.pk], "issuer": f"UBND {_lower_first(province.name)}",
                   "period_start": today.year, "period_end": today.year + 4}
        super().__init__(*args, initial=initial, **kwargs)
        self.plan = plan
        candidates = Plan.objects.successor_candidates(province)
        field = self.fields["predecessors"]
        field.queryset = candidates
        field.label_from_instance = plan_label
        field.error_messages["invalid_choice"] = gettext(
            "Kế hoạch tiền nhiệm: kế hoạch đã chọn không thuộc địa bàn %(province)s.") % {
                "province": province.name}

    def successor_fields(self) -> dict:
        """The service's arguments; the plan whose page the form was opened from comes first
        among the predecessors (its targets win where two set the same), then as listed."""
        chosen = sorted(self.cleaned_data["predecessors"], key=lambda p: p.pk != self.plan.pk)
        return {"predecessors": chosen, **self.document_fields()}


def _lower_first(name: str) -> str:
    """"Tỉnh Vĩnh Long" → "tỉnh Vĩnh Long", as an issuer is written after "UBND"."""
    return name[:1].lower() + name[1:]

