"""Forms of the assessment pages: they read and convert, the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from assessments.evidence import MAX_BYTES
from assessments.models import Assessment, Item, ItemKind, Kind
from assessments.services import Typed
from indicators.numbers import NumberFormatError, format_number, parse_number

YES_NO = [("", _("— chưa chọn —")), ("1", _("Có")), ("0", _("Không"))]
NOTE_MAX = 1000


class AnswersForm(forms.Form):
    """One figure (and note) per indicator of the assessment's standard."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, assessment: Assessment, items: list[Item], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        stored = {a.item_id: a for a in assessment.answers.all()}
        self.initial["version"] = assessment.version
        for item in items:
            answer = stored.get(item.pk)
            label = _("Chỉ số %(code)s") % {"code": item.code}
            if item.kind == ItemKind.YES_NO:
                field = forms.ChoiceField(label=label, choices=YES_NO, required=False)
                initial = "" if answer is None or answer.figure is None else str(
                    int(answer.figure))
            else:
                field = forms.CharField(label=label, required=False, max_length=40)
                initial = "" if answer is None or answer.figure is None else _shown(
                    answer.figure)
            field.widget.attrs.update({"data-item": item.code})
            self.fields[f"figure_{item.pk}"] = field
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Ghi chú chỉ số %(code)s") % {"code": item.code}, required=False,
                max_length=NOTE_MAX)
            self.initial[f"figure_{item.pk}"] = initial
            self.initial[f"note_{item.pk}"] = answer.note if answer else ""

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            name = f"figure_{item.pk}"
            text = (cleaned.get(name) or "").strip()
            if not text:
                cleaned[name] = None
                continue
            if item.kind == ItemKind.YES_NO:
                cleaned[name] = Decimal(text)
                continue
            try:
                value = parse_number(text, kind="percent" if item.kind == ItemKind.PERCENT
                                     else "count",
                                     field=_("Chỉ số %(code)s") % {"code": item.code})
            except NumberFormatError as error:
                self.add_error(name, str(error))
                continue
            if value < 0 or (item.kind == ItemKind.PERCENT and value > 100):
                self.add_error(name, (_("Chỉ số %(code)s: tỷ lệ phải từ 0 đến 100.")
                                      if item.kind == ItemKind.PERCENT else
                                      _("Chỉ số %(code)s: số lượng không âm."))
                               % {"code": item.code})
                continue
            cleaned[name] = value
        return cleaned

    def typed(self) -> dict[int, Typed]:
        return {item.pk: Typed(self.cleaned_data[f"figure_{item.pk}"],
                               (self.cleaned_data.get(f"note_{item.pk}") or "").strip())
                for item in self.items}

    def rows(self):
        """(item, figure box, note box) in the standard's order, for the template."""
        return [(item, self[f"figure_{item.pk}"], self[f"note_{item.pk}"])
                for item in self.items]


def _shown(value: Decimal) -> str:
    return format_number(value)


class EvidenceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False,
                                  label=_("Minh chứng cho chỉ số"), empty_label=_("— chung —"))
    file = forms.FileField(label=format_lazy(_("Tệp PDF hoặc ảnh (tối đa {limit} MB)"),
                                             limit=MAX_BYTES // (1024 * 1024)))

    def __init__(self, assessment: Assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = assessment.version
        self.fields["item"].queryset = Item.objects.filter(
            criterion__standard=assessment.standard_id)
        self.fields["item"].label_from_instance = lambda item: f"{item.code} {item.name}"[:90]


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến thẩm định (lý do)"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=4000)


class RecogniseForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định (dd/mm/yyyy)"),
                                    input_formats=["%d/%m/%Y"])


class KindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại xã"), choices=Kind.choices)
    legal_basis = forms.CharField(label=_("Căn cứ phân loại"), max_length=300)
