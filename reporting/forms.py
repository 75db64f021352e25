"""The data-entry form: one row of boxes per measure, the narrative and the budget."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Measure
from indicators.numbers import NumberFormatError, format_number, parse_number
from reporting.figures import MeasureSpec
from reporting.models import Report, Value, measure_spec, plausibility_floor
from reporting.plausibility import far_message
from reporting.values import (
    NUMBER_MAX_LENGTH,
    Entry,
    FigureEntry,
    read_entry,
    rule_message,
    rule_violations,
)

BOXES = ("numerator", "denominator", "value", "note", "source", "confirm")
NO_NUL = {"null_characters_not_allowed": _("Có ký tự rỗng (NUL) trong nội dung; hãy gõ lại.")}


@dataclass
class EntryRow:
    """One measure on the form, with what the reporter needs beside it."""

    measure: Measure
    spec: MeasureSpec
    saved: Value | None
    history: dict[int, Value]  # earlier approved figures by year
    target: str  # as one line of text: "đạt 75 (năm 2030)"
    year: int
    # The same target in two parts, for a page that marks the plan's own words as Vietnamese.
    target_words: str = ""
    target_year: int | None = None
    warning: str = ""
    boxes: dict = field(default_factory=dict)  # bound fields once the form is built
    # The value the confirmation box on the page stands for (sent back with it, see clean).
    confirm_for: Decimal | None = None
    comments: list = field(default_factory=list)  # the reviewers' comments on this figure

    def name(self, box: str) -> str:
        return f"m{self.measure.pk}_{box}"

    @property
    def last_year(self) -> Value | None:
        return self.history.get(self.year - 1)

    def far_warning(self, value: Decimal | None) -> str:
        """The one warning for a figure far from this measure's history (or "")."""
        return far_message(self.measure.code, value,
                           {year: earlier.value for year, earlier in self.history.items()},
                           floor=plausibility_floor(self.measure))


def entry_rows(report: Report) -> list[EntryRow]:
    measures = list(report.measures())
    saved = {v.measure_id: v for v in report.values.all()}
    earlier = report.earlier_values(measures)
    year = report.cycle.year
    targets: dict[int, list] = {}
    for target in report.cycle.plan.targets.filter(measure__in=measures, year__gte=year
                                                   ).order_by("year", "position"):
        targets.setdefault(target.measure_id, []).append(target)
    comments: dict[int, list] = {}
    for comment in report.figure_comments.select_related("by"):
        comments.setdefault(comment.measure_id, []).append(comment)
    rows = []
    for measure in measures:
        rows.append(EntryRow(measure=measure, spec=measure_spec(measure),
                             saved=saved.get(measure.pk), history=earlier.get(measure.pk, {}),
                             target=_target_text(targets.get(measure.pk, [])), year=year,
                             **_target_parts(targets.get(measure.pk, [])),
                             comments=comments.get(measure.pk, [])))
    return rows


def _target_parts(targets: list) -> dict:
    """The target of the cycle's year, or of the next year the plan sets one: the plan's
    words and the year."""
    if not targets:
        return {"target_words": "", "target_year": None}
    year = targets[0].year
    parts = [t.display + ("" if t.area == "all" else f" ({t.get_area_display()})")
             for t in targets if t.year == year]
    return {"target_words": "; ".join(parts), "target_year": year}


def _target_text(targets: list) -> str:
    parts = _target_parts(targets)
    if not parts["target_words"]:
        return ""
    return _("%(targets)s (năm %(year)s)") % {"targets": parts["target_words"],
                                              "year": parts["target_year"]}


def _shown(number: Decimal | None) -> str:
    return format_number(number) if number is not None else ""


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    results = forms.CharField(label=_("Kết quả đạt được"), required=False, widget=forms.Textarea(
        attrs={"rows": 4}))
    difficulties = forms.CharField(label=_("Khó khăn, vướng mắc"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    proposals = forms.CharField(label=_("Kiến nghị, đề xuất"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    budget_spent = forms.CharField(label=_("Kinh phí đã sử dụng (đồng)"), required=False,
                                   max_length=40)

    def __init__(self, rows: list[EntryRow], data=None, *, report: Report):
        self.rows = rows
        initial = {"version": report.version, "results": report.results,
                   "difficulties": report.difficulties, "proposals": report.proposals,
                   "budget_spent": _shown(report.budget_spent)}
        for row in rows:
            saved = row.saved
            if saved:
                initial.update({row.name("numerator"): _shown(saved.numerator),
                                row.name("denominator"): _shown(saved.denominator),
                                row.name("value"): "" if saved.numerator is not None
                                else _shown(saved.value),
                                row.name("note"): saved.note, row.name("source"): saved.source,
                                row.name("confirm"): saved.confirmed})
        super().__init__(data, initial=initial)
        for row in rows:
            label = f"{row.measure.code}. {row.measure.name}"
            if row.spec.is_ratio:
                self.fields[row.name("numerator")] = _number_box(
                    row.measure.numerator_label or _("Tử số"))
                self.fields[row.name("denominator")] = _number_box(
                    row.measure.denominator_label or _("Mẫu số"))
            self.fields[row.name("value")] = _number_box(f"{label} ({row.measure.unit_label})")
            # Their lengths are checked with the figure (reporting.values.read_entry).
            self.fields[row.name("note")] = forms.CharField(
                label=_("Ghi chú chỉ tiêu %(code)s") % {"code": row.measure.code}, required=False,
                error_messages=NO_NUL,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[row.name("source")] = forms.CharField(
                label=_("Nguồn số liệu chỉ tiêu %(code)s") % {"code": row.measure.code},
                required=False,
                error_messages=NO_NUL)
            self.fields[row.name("confirm")] = forms.BooleanField(
                label=_("Tôi xác nhận số liệu này là đúng"), required=False)
            row.boxes = {box: self[row.name(box)] for box in BOXES if row.name(box) in self.fields}
            if not self.is_bound and row.saved:
                row.confirm_for = row.saved.value
                if not row.saved.confirmed:
                    row.warning = row.far_warning(row.saved.value)
        self.figures: dict[int, FigureEntry] = {}
        self.rule_warnings: list[str] = []
        if not self.is_bound:
            self._check_rules({row.measure.code: row.saved.value for row in rows if row.saved})

    def clean_budget_spent(self) -> Decimal | None:
        text = self.cleaned_data["budget_spent"]
        if not text.strip():
            return None
        try:
            amount = parse_number(text, kind="count", field=str(_("Kinh phí đã sử dụng")))
        except NumberFormatError as error:
            raise forms.ValidationError(str(error)) from error
        if amount < 0:
            raise forms.ValidationError(_("Kinh phí đã sử dụng: không được âm."))
        if amount >= Decimal(10) ** 18:
            raise forms.ValidationError(_("Kinh phí đã sử dụng: số quá lớn."))
        return amount

    def clean(self):
        """Each row checked as every channel checks it. An unusual figure only warns here:
        the submit service refuses it without a confirmed note (UnconfirmedFigures)."""
        data = super().clean()
        for row in self.rows:
            texts = {box: data.get(row.name(box)) or "" for box in
                     ("numerator", "denominator", "value", "note", "source")}
            typed, errors = read_entry(row.spec, confirmed=bool(data.get(row.name("confirm"))),
                                       **texts)
            for box, message in errors.items():
                self.add_error(row.name(box), message)
            if typed is None:
                continue
            if typed.confirmed and not self._ticked_for(row, typed.figure.value):
                typed = replace(typed, confirmed=False)
                self.data = self.data.copy()  # shown again unticked
                self.data.pop(row.name("confirm"), None)
            row.confirm_for = typed.figure.value
            row.warning = row.far_warning(typed.figure.value)
            self.figures[row.measure.pk] = typed
        self._check_rules({row.measure.code: self.figures[row.measure.pk].figure.value
                           for row in self.rows if row.measure.pk in self.figures})
        return data

    def _check_rules(self, values: dict) -> None:
        """The validation rules across measures, told as the reporter types; the submit
        service refuses what they block (reporting.values.unconfirmed_unusual)."""
        self.rule_warnings = [rule_message(broken) for broken in rule_violations(values)]

    def _ticked_for(self, row: EntryRow, value: Decimal | None) -> bool:
        """Whether a tick was given for `value`: the page sends, beside the box, the value it
        showed the box for; a figure changed since then is not confirmed by it. (A client
        that sends no such value, a script, is taken at its word.)"""
        shown = self.data.get(row.name("confirm_for"))
        if shown is None:
            return True
        try:
            return value is not None and Decimal(shown) == value
        except ArithmeticError:
            return False

    def refuse_unconfirmed(self, warnings: dict[int, str]) -> None:
        """Show the submit service's refusal on the note of each figure it names."""
        for measure_id, warning in warnings.items():
            name = f"m{measure_id}_note"
            self.add_error(name if name in self.fields else None, warning)

    @property
    def warnings(self) -> list[str]:
        return [row.warning for row in self.rows if row.warning] + self.rule_warnings

    def entry(self) -> Entry:
        return Entry(figures=self.figures, results=self.cleaned_data["results"].strip(),
                     difficulties=self.cleaned_data["difficulties"].strip(),
                     proposals=self.cleaned_data["proposals"].strip(),
                     budget_spent=self.cleaned_data["budget_spent"])


def _number_box(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=NUMBER_MAX_LENGTH,
                           error_messages=NO_NUL,
                           widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                         "autocomplete": "off"}))


class ReturnForm(forms.Form):
    """The reason for a return: on the whole report, on some figures (`f<measure id>`, shown
    beside each figure to the reporter), or both."""

    comment = forms.CharField(label=_("Lý do trả lại"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, measures=()):
        super().__init__(data)
        for measure in measures:
            self.fields[f"f{measure.pk}"] = forms.CharField(
                label=_("Ý kiến về chỉ tiêu %(code)s") % {"code": measure.code}, required=False,
                max_length=1000,
                widget=forms.TextInput(attrs={"class": "figure-comment"}))
        self.measures = list(measures)

    def clean(self):
        data = super().clean()
        if not data.get("comment", "").strip() and not any(self.figure_comments().values()):
            self.add_error("comment", _("Lý do trả lại: chưa nhập. Hãy ghi rõ cơ quan cần sửa "
                                        "gì, cho cả báo cáo hoặc bên cạnh từng số liệu."))
        return data

    def figure_comments(self) -> dict[int, str]:
        data = getattr(self, "cleaned_data", {})
        return {m.pk: data.get(f"f{m.pk}", "").strip() for m in self.measures
                if data.get(f"f{m.pk}", "").strip()}
