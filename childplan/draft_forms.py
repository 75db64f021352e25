"""The draft plan's page: its document fields (those of the successor form), its targets and
its assignments, one row each, plus a new row for a measure of the plan's catalogue and one
for an indicator given to an agency.

The forms read what the officer typed (figures with a decimal comma, by the measure's unit);
whether a target or an assignment is valid is the model's rule (Target.problems,
Assignment.clean), checked by the service on the whole draft at once. Every message names the
row (measure code and year; indicator number and agency) and the field.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.vietnamese import sort_key
from childplan.forms import FIRST_YEAR, LAST_YEAR, PlanDocumentForm
from childplan.models import Area, Assignment, AssignmentRole, Comparator, Plan, Target
from indicators.models import Indicator, Measure
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


class DraftRows:
    """What the draft's two tables of rows share: each box, its delete box too, named by its
    row for a screen reader (form.accessible_name), and the rows' errors each naming its row
    (form.row_name) and field."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = form.accessible_name(
                form.fields["DELETE"].label)

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


class BaseDraftTargetFormSet(DraftRows, forms.BaseFormSet):
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


DraftTargetFormSet = forms.formset_factory(DraftTargetForm, formset=BaseDraftTargetFormSet,
                                           extra=1, can_delete=True, can_delete_extra=False)


class RowChoiceField(forms.ChoiceField):
    """A choice among rows read once for the whole page (not a query for each box): its value
    is the row itself. The rows are given with `set_rows`."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(**kwargs)
        self.empty_label, self.rows = empty_label, {}

    def set_rows(self, rows: dict[str, object], choices: list[tuple[str, str]]) -> None:
        self.rows = rows
        self.choices = [("", self.empty_label), *choices]

    def clean(self, value):
        value = super().clean(value)
        return self.rows.get(value) if value else None


PLACE_CHOICE = _("hãy chọn trong danh sách.")


class DraftAssignmentForm(forms.Form):
    """One assignment of the draft (its indicator fixed), or a new one (its indicator chosen).
    The agency is one of the plan's unit, the role lead or support."""

    assignment = forms.IntegerField(widget=forms.HiddenInput, required=False)
    indicator = RowChoiceField(label=_("Chỉ tiêu"), empty_label=_("— chọn chỉ tiêu —"),
                               error_messages={"required": _("hãy chọn chỉ tiêu."),
                                               "invalid_choice": PLACE_CHOICE},
                               widget=forms.Select(attrs={"lang": "vi"}))
    agency = RowChoiceField(label=_("Cơ quan"), empty_label=_("— chọn cơ quan —"),
                            error_messages={"required": _("hãy chọn cơ quan."),
                                            "invalid_choice": _("hãy chọn một cơ quan của địa "
                                                                "bàn kế hoạch trong danh "
                                                                "sách.")},
                            widget=forms.Select(attrs={"lang": "vi"}))
    # A blank first choice, so an untouched new row sends nothing and is skipped.
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", "—"), *AssignmentRole.choices],
                             error_messages={"required": _("hãy chọn vai trò."),
                                             "invalid_choice": PLACE_CHOICE})

    def __init__(self, *args, assignment: Assignment | None = None, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = assignment
        self.fields["agency"].set_rows(*choices["agency"])
        if assignment is not None:
            del self.fields["indicator"]  # an existing assignment keeps its indicator
        else:
            self.fields["indicator"].set_rows(*choices["indicator"])
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = self.accessible_name(field.label)

    def accessible_name(self, label) -> str:
        if self.existing is None:
            return gettext("%(field)s, dòng phân công thêm mới") % {"field": label}
        return gettext("%(field)s, phân công chỉ tiêu %(number)s, %(agency)s") % {
            "field": label, "number": self.existing.indicator.number,
            "agency": self.existing.agency.name}

    def clean(self):
        data = super().clean()
        # As chosen, for the row's name even once an error takes the agency off cleaned_data.
        self.chosen = (data.get("indicator"), data.get("agency"))
        if self.existing is not None and data.get("assignment") != self.existing.pk:
            raise forms.ValidationError(gettext(
                "Dự thảo đã thay đổi từ khi trang được mở: hãy tải lại trang."))
        return data

    def row_name(self) -> str:
        """The row as messages name it: its indicator number and agency (as the page showed
        them, for a row already saved)."""
        if self.existing is not None:
            indicator, agency = self.existing.indicator, self.existing.agency
        else:
            indicator, agency = getattr(self, "chosen", (None, None))
            if indicator is None or agency is None:
                return gettext("Dòng phân công thêm mới")
        return gettext("Phân công chỉ tiêu %(number)s, %(agency)s") % {
            "number": indicator.number, "agency": agency.name}

    def to_assignment(self, plan: Plan) -> Assignment:
        """The assignment as edited (not saved): the existing one changed (a copy: the row
        keeps the name the page showed), or a new one."""
        data, existing = self.cleaned_data, self.existing
        if existing is None:
            return Assignment(plan=plan, indicator=data["indicator"], agency=data["agency"],
                              role=data["role"])
        return Assignment(pk=existing.pk, plan=plan, indicator=existing.indicator,
                          agency=data["agency"], role=data["role"], text=existing.text)


def agency_choices(plan: Plan, assigned: list[Assignment]) -> list[Agency]:
    """The agencies a draft's indicators may be given to: those of the plan's unit today (as
    the successor copy names them), and any it already names, in Vietnamese order."""
    agencies = Agency.objects.filter(unit_id=plan.unit_id).filter(
        Q(pk__in=Agency.objects.current()) | Q(pk__in={a.agency_id for a in assigned}))
    return sorted(agencies, key=lambda agency: sort_key(agency.name))


class BaseDraftAssignmentFormSet(DraftRows, forms.BaseFormSet):
    """The draft's assignments, then a new row."""

    def __init__(self, *args, plan: Plan, assignments: list[Assignment], **kwargs):
        self.plan, self.assignments = plan, assignments
        agencies = agency_choices(plan, assignments)
        indicators = list(Indicator.objects.order_by("number"))
        self.choices = {
            "agency": ({str(a.pk): a for a in agencies}, [(str(a.pk), a.name) for a in agencies]),
            "indicator": ({str(i.pk): i for i in indicators},
                          [(str(i.pk), f"{i.number}. {i.name}") for i in indicators]),
        }
        initial = [{"assignment": a.pk, "agency": str(a.agency_id), "role": a.role}
                   for a in assignments]
        super().__init__(*args, initial=initial, prefix="assignments", **kwargs)

    def get_form_kwargs(self, index):
        assignments = self.assignments
        assignment = assignments[index] if index is not None and index < len(assignments) \
            else None
        return {"assignment": assignment, "choices": self.choices}

    def edited(self) -> tuple[list[tuple[DraftAssignmentForm, Assignment]], set[int]]:
        """After is_valid(): each kept row with its assignment as edited, and the assignments
        deleted. An untouched new row is skipped."""
        rows, deleted = [], set()
        for form in self.forms:
            if form.existing is not None and self._should_delete_form(form):
                deleted.add(form.existing.pk)
            elif form.existing is not None or form.has_changed():
                rows.append((form, form.to_assignment(self.plan)))
        return rows, deleted


DraftAssignmentFormSet = forms.formset_factory(
    DraftAssignmentForm, formset=BaseDraftAssignmentFormSet, extra=1, can_delete=True,
    can_delete_extra=False)


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi đã kiểm tra dự thảo và xác nhận ban hành kế hoạch."),
        error_messages={"required": _("Hãy đánh dấu ô xác nhận trước khi ban hành.")})
