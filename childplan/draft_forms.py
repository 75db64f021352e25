"""The draft plan's page: its document fields (those of the successor form) and its targets,
one row each, plus new rows for a measure of the plan's catalogue.

The forms read what the officer typed (figures with a decimal comma, by the measure's unit);
whether a target is valid is the model's rule (Target.problems), checked by the service on
the whole draft at once. Every message names the row (measure code and year) and the field.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from childplan.forms import FIRST_YEAR, LAST_YEAR, PlanDocumentForm
from childplan.models import Area, Comparator, Plan, Target
from indicators.models import Measure
from indicators.numbers import NumberFormatError, format_number, parse_number

AREAS = [(Area.ALL, pgettext_lazy("area", "chung")), (Area.RURAL, Area.RURAL.label),
         (Area.URBAN, Area.URBAN.label)]
NUMBER_FIELDS = ("value", "value_high")


class DraftDocumentForm(PlanDocumentForm):
    """The draft's number, title, issuer, issue date and years, as the plan holds them."""

    def __init__(self, plan: Plan, *args, **kwargs):
        initial = {name: getattr(plan, name) for name in
                   ("number", "title", "issuer", "issued_on", "period_start", "period_end")}
        super().__init__(*args, initial=initial, **kwargs)


def shown_number(value, kind: str) -> str:
    """A stored figure written so that it reads back as itself: "1.000" would be refused as
    ambiguous in a percent or rate box, so a whole thousand there is shown "1.000,0"."""
    if value is None:
        return ""
    text = format_number(value)
    try:
        parse_number(text, kind=kind)
    except NumberFormatError:
        return format_number(value, decimals=1)
    return text


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.code}. {obj.name}"


class DraftTargetForm(forms.Form):
    """One target of the draft (its measure fixed), or a new one (its measure chosen)."""

    target = forms.IntegerField(widget=forms.HiddenInput, required=False)
    measure = MeasureChoiceField(label=_("Chỉ tiêu"), queryset=Measure.objects.none(),
                                 empty_label=_("— chọn chỉ tiêu —"), required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              error_messages={"required": _("hãy ghi năm."),
                                              "invalid": _("hãy ghi năm bằng bốn chữ số."),
                                              "min_value": _("hãy ghi năm bằng bốn chữ số."),
                                              "max_value": _("hãy ghi năm bằng bốn chữ số.")})
    area = forms.ChoiceField(label=_("Khu vực"), choices=AREAS, initial=Area.ALL)
    # A blank first choice, so an untouched new row sends nothing and is skipped.
    comparator = forms.ChoiceField(label=_("So sánh"),
                                   choices=[("", "—"), *Comparator.choices],
                                   error_messages={"required": _("hãy chọn cách so sánh.")})
    value = forms.CharField(label=_("Giá trị"), max_length=30,
                            error_messages={"required": _("hãy ghi giá trị.")})
    value_high = forms.CharField(label=_("Cận trên"), max_length=30, required=False)
    wording = forms.CharField(label=_("Từ ngữ"), max_length=50, required=False,
                              widget=forms.TextInput(attrs={"lang": "vi"}))

    def __init__(self, *args, target: Target | None = None, measures=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = target
        self.shown_year = target.year if target is not None else None  # as the row names it
        if target is not None:
            del self.fields["measure"]  # an existing target keeps its measure
        else:
            self.fields["measure"].queryset = measures
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = self.accessible_name(field.label)

    def accessible_name(self, label) -> str:
        if self.existing is None:
            return gettext("%(field)s, dòng thêm mới") % {"field": label}
        return gettext("%(field)s, mục tiêu %(code)s năm %(year)s") % {
            "field": label, "code": self.existing.measure.code, "year": self.existing.year}

    @property
    def chosen_measure(self) -> Measure | None:
        if self.existing is not None:
            return self.existing.measure
        return getattr(self, "cleaned_data", {}).get("measure")

    def clean(self):
        data = super().clean()
        if self.existing is not None and data.get("target") != self.existing.pk:
            raise forms.ValidationError(gettext(
                "Dự thảo đã thay đổi từ khi trang được mở: hãy tải lại trang."))
        measure = self.chosen_measure
        if measure is None:
            if "measure" not in self.errors:
                self.add_error("measure", gettext("hãy chọn chỉ tiêu."))
            return data
        for name in NUMBER_FIELDS:
            text = data.get(name)
            if text is None or (name == "value_high" and not text.strip()):
                data[name] = None
                continue
            try:
                data[name] = parse_number(text, kind=measure.number_kind)
            except NumberFormatError as error:
                self.add_error(name, str(error))
        return data

    def row_name(self) -> str:
        """The row as messages name it: its measure code and year."""
        data = getattr(self, "cleaned_data", {})
        measure, year = self.chosen_measure, self.shown_year or data.get("year")
        if self.existing is None and (measure is None or year is None):
            return gettext("Dòng thêm mới")
        return gettext("Mục tiêu %(code)s năm %(year)s") % {"code": measure.code, "year": year}

    def to_target(self, plan: Plan) -> Target:
        """The target as edited (not saved): the existing one changed, or a new one."""
        data = self.cleaned_data
        target = self.existing if self.existing is not None else Target(plan=plan,
                                                                    measure=data["measure"])
        for name in ("year", "area", "comparator", "value", "value_high"):
            setattr(target, name, data[name])
        target.wording = data["wording"].strip()
        return target


class BaseDraftTargetFormSet(forms.BaseFormSet):
    """The draft's targets in the document's order, then new rows."""

    def __init__(self, *args, plan: Plan, targets: list[Target], **kwargs):
        self.plan, self.targets = plan, targets
        self.measures = Measure.objects.available_to(plan).order_by("plan_id", "position",
                                                                    "code")
        initial = [{"target": t.pk, "year": t.year, "area": t.area, "comparator": t.comparator,
                    "value": shown_number(t.value, t.measure.number_kind),
                    "value_high": shown_number(t.value_high, t.measure.number_kind),
                    "wording": t.wording} for t in targets]
        super().__init__(*args, initial=initial, prefix="targets", **kwargs)

    def get_form_kwargs(self, index):
        target = self.targets[index] if index is not None and index < len(self.targets) else None
        return {"target": target, "measures": self.measures}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = form.accessible_name(
                form.fields["DELETE"].label)

    def edited(self) -> tuple[list[tuple[DraftTargetForm, Target]], set[int]]:
        """After is_valid(): each kept row with its target as edited, and the targets
        deleted. An untouched new row is skipped."""
        rows, deleted = [], set()
        for form in self.forms:
            if form.existing is not None and self._should_delete_form(form):
                deleted.add(form.existing.pk)
            elif form.existing is not None or (form.has_changed()
                                             and not self._should_delete_form(form)):
                rows.append((form, form.to_target(self.plan)))
        return rows, deleted

    def problems(self) -> list[str]:
        """Every error of the rows, each naming its row and field, for the page's summary."""
        found = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            for name, messages in form.errors.items():
                for message in messages:
                    if name == NON_FIELD_ERRORS or name not in form.fields:
                        found.append(gettext("%(row)s: %(message)s") % {
                            "row": form.row_name(), "message": message})
                    else:
                        found.append(gettext("%(row)s, %(field)s: %(message)s") % {
                            "row": form.row_name(), "field": form.fields[name].label,
                            "message": message})
        return found


DraftTargetFormSet = forms.formset_factory(DraftTargetForm, formset=BaseDraftTargetFormSet,
                                           extra=1, can_delete=True, can_delete_extra=False)


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi đã kiểm tra dự thảo và xác nhận ban hành kế hoạch."),
        error_messages={"required": _("Hãy đánh dấu ô xác nhận trước khi ban hành.")})
