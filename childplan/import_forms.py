"""Forms of the plan import: the document, then the administrator's corrections."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import AdminUnit, UnitLevel
from childplan.documents import DocumentError, document_text
from childplan.importing import unit_label, unit_problem
from childplan.models import Area as TargetArea
from childplan.models import AssignmentRole, Comparator
from childplan.plan_reader import ReadRefused, check_size
from indicators.models import Direction, Measure, UnitKind
from indicators.numbers import NumberFormatError, parse_number

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
BLANK = [("", "—")]


def text_limits() -> dict[str, int]:
    """The longest document the plan reader takes (settings CHILDPLAN_PLAN_MAX_*)."""
    return {"max_characters": settings.CHILDPLAN_PLAN_MAX_CHARACTERS,
            "max_lines": settings.CHILDPLAN_PLAN_MAX_LINES}


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("Tệp văn bản (.txt, .docx, PDF có lớp chữ)"),
                               required=False)
    text = forms.CharField(label=_("Hoặc dán nội dung văn bản"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           error_messages={"null_characters_not_allowed": _(
                               "Nội dung dán vào có ký tự rỗng (NUL): hãy dán lại từ văn bản "
                               "gốc hoặc tải tệp lên.")})

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("document"), (data.get("text") or "").strip()
        if bool(upload) == bool(pasted):
            raise ValidationError(_("Hãy tải lên một tệp hoặc dán nội dung văn bản (một trong "
                                    "hai)."))
        if upload:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise ValidationError(_("Tệp lớn hơn 10 MB."))
            try:
                data["text"] = document_text(upload.name, upload.read(), **text_limits())
            except DocumentError as error:
                raise ValidationError(str(error)) from error
            data["name"] = upload.name
        else:
            data["text"], data["name"] = pasted, ""
        try:
            check_size(data["text"], **text_limits())
        except ReadRefused as error:
            raise ValidationError(str(error)) from error
        return data


def _decimal(text: str, field: str):
    try:
        return parse_number(text, kind="decimal", field=field)
    except NumberFormatError as error:
        raise ValidationError(str(error)) from error


class UnitChoiceField(forms.ModelChoiceField):
    """Units with their validity, so two versions of one name can be told apart."""

    def label_from_instance(self, obj):
        return unit_label(obj)


class PlanFactsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"),
                             choices=[("Kế hoạch", pgettext_lazy("document kind", "Kế hoạch")),
                                      ("Quyết định", pgettext_lazy("document kind",
                                                                   "Quyết định"))])
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, required=False)
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False,
                                input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                widget=forms.DateInput(format="%d/%m/%Y"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    period_start = forms.IntegerField(label=_("Từ năm"), required=False, min_value=1990,
                                      max_value=2100)
    period_end = forms.IntegerField(label=_("Đến năm"), required=False, min_value=1990,
                                    max_value=2100)
    unit = UnitChoiceField(
        label=_("Địa bàn"), queryset=AdminUnit.objects.filter(
            level__in=[UnitLevel.NATION, UnitLevel.PROVINCE, UnitLevel.DISTRICT]
        ).order_by("level", "name", "valid_from"))
    key = forms.SlugField(label=_("Mã nội bộ"), max_length=60)
    consolidating_office = forms.CharField(label=_("Cơ quan tổng hợp"), max_length=200,
                                           required=False)
    deadline = forms.RegexField(label=_("Hạn báo cáo hằng năm (ngày/tháng)"), required=False,
                                regex=r"^\d{1,2}/\d{1,2}$",
                                error_messages={"invalid": _("Ghi hạn báo cáo dạng 20/11.")})

    def __init__(self, *args, on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if on is not None:
            # Only the units valid on the plan's date: a plan of 15/08/2026 cannot be
            # attached to the Vĩnh Long that ended on 30/06/2025.
            field = self.fields["unit"]
            field.queryset = field.queryset.current(on)

    def clean(self):
        data = super().clean()
        if data.get("unit") and (problem := unit_problem(data["unit"], data.get("issued_on"))):
            self.add_error("unit", problem)
        start, end = data.get("period_start"), data.get("period_end")
        if (start is None) != (end is None):
            raise ValidationError(_("Ghi cả năm bắt đầu và năm kết thúc, hoặc để trống cả hai."))
        if start and end and end < start:
            self.add_error("period_end", _("Năm kết thúc phải không trước năm bắt đầu."))
        return data


def measure_choices(local: list[dict] = ()) -> list[tuple[str, str]]:
    """The national measures, then the plan's own measures proposed by the reader."""
    return [("", _("— chọn chỉ tiêu —"))] + [
        (m.code, f"{m.code}. {m.name}") for m in Measure.objects.national().order_by("position")
    ] + [(m["code"], _("%(code)s. %(name)s (chỉ tiêu riêng)") % {
        "code": m["code"], "name": m["name"]}) for m in local]


class LocalMeasureForm(forms.Form):
    """A measure of the plan's own, as proposed: kept only if the officer accepts it."""

    # The table's header names the columns; each input also names itself for screen readers.
    accept = forms.BooleanField(label=_("Nhận"), required=False,
                                widget=forms.CheckboxInput(attrs={"aria-label": _("Nhận")}))
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=500,
                           widget=forms.TextInput(attrs={"aria-label": _("Tên chỉ tiêu")}))
    unit_kind = forms.ChoiceField(label=_("Đơn vị đo"), choices=UnitKind.choices)
    unit_label = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)
    direction = forms.ChoiceField(label=_("Chiều tốt"), choices=Direction.choices)


class TargetForm(forms.Form):
    measure = forms.ChoiceField(label=_("Chỉ tiêu"), choices=[])
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    # A blank first choice, so an untouched extra row sends nothing and is skipped.
    comparator = forms.ChoiceField(label=_("So sánh"), choices=BLANK + Comparator.choices)
    value = forms.CharField(label=_("Giá trị"), max_length=30)
    value_high = forms.CharField(label=_("Cận trên"), max_length=30, required=False)
    area = forms.ChoiceField(label=_("Khu vực"), choices=BLANK + TargetArea.choices)
    wording = forms.CharField(label=_("Từ ngữ"), max_length=50, required=False)

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures

    def clean_value(self):
        return _decimal(self.cleaned_data["value"], str(_("Giá trị")))

    def clean_value_high(self):
        text = self.cleaned_data["value_high"].strip()
        return _decimal(text, str(_("Cận trên"))) if text else None

    def clean(self):
        data = super().clean()
        comparator = data.get("comparator")
        if comparator == Comparator.BAND and data.get("value_high") is None:
            self.add_error("value_high", _("Mục tiêu dạng khoảng cần cận trên."))
        return data


class AssignmentForm(forms.Form):
    agency = forms.CharField(label=_("Cơ quan"), max_length=200)
    indicators = forms.CharField(label=_("Chỉ tiêu (số, cách nhau dấu phẩy)"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=BLANK + AssignmentRole.choices)

    def clean_indicators(self):
        text = self.cleaned_data["indicators"]
        if re.search(r"[^\d,;\s]", text):
            raise ValidationError(_("Chỉ ghi số chỉ tiêu, ví dụ 3, 4, 5."))
        numbers = sorted({int(n) for n in re.findall(r"\d+", text)})
        if any(not 1 <= n <= 24 for n in numbers):
            raise ValidationError(_("Số chỉ tiêu phải từ 1 đến 24."))
        return numbers


TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True)
LocalMeasureFormSet = forms.formset_factory(LocalMeasureForm, extra=0)
AssignmentFormSet = forms.formset_factory(AssignmentForm, extra=1, can_delete=True)
