from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import REFORM_2025, AdminUnit, Agency, Sector, UnitLevel
from indicators.models import Indicator, Measure, UnitKind
from indicators.numbers import format_number
from indicators.progress import TargetSpec


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Đang thực hiện")
    DRAFT = "draft", _("Dự thảo")
    ENDED = "ended", _("Đã kết thúc")
    REFERENCE = "reference", _("Chỉ tham chiếu")


# The office consolidating a province's child plans since 01/03/2025 (Nghị định 45/2025/NĐ-CP):
# a successor plan names it, and its cán bộ tổng hợp prepare that plan (childplan.access).
HEALTH_DEPARTMENT = "Sở Y tế"


class PlanQuerySet(models.QuerySet):
    def with_unit(self) -> PlanQuerySet:
        return self.select_related("unit", "unit__parent", "parent", "consolidating_agency__unit",
                                   "consolidating_agency__successor__unit")

    def filter_list(self, *, level: str = "", province: str = "") -> PlanQuerySet:
        qs = self.exclude(status=PlanStatus.REFERENCE)
        if level:
            qs = qs.filter(level=level)
        if province:
            # A province plan, or a plan of a unit inside that province.
            qs = qs.filter(models.Q(unit_id=province) | models.Q(unit__parent_id=province))
        return qs

    def successor_candidates(self, province: AdminUnit) -> PlanQuerySet:
        """The plans a new plan of `province` may take over: those of the units whose area
        now lies in it (the province itself, the old provinces merged into it and their
        districts), reference plans and drafts excepted (a draft is edited, not taken
        over)."""
        units = AdminUnit.objects.territory_ids({province.pk})
        return (self.exclude(status__in=[PlanStatus.REFERENCE, PlanStatus.DRAFT])
                .filter(unit__in=units)
                .select_related("unit").order_by("-period_start", "unit__name", "pk"))

    def with_targets(self) -> PlanQuerySet:
        targets = Target.objects.select_related("measure__indicator__goal").order_by("position")
        assignments = Assignment.objects.select_related("agency__successor__unit", "indicator")
        return self.prefetch_related(Prefetch("targets", queryset=targets),
                                     Prefetch("assignments", queryset=assignments))


class Plan(models.Model):
    """A plan document: who issued it, for which unit and period, and what it implements."""

    key = models.SlugField(_("mã nội bộ"), max_length=60, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=30, default="Kế hoạch")
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_note = models.CharField(_("ghi chú ngày ban hành"), max_length=200, blank=True)
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="plans",
                             verbose_name=_("địa bàn"))
    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    # Null where the document states no period (Khánh Hòa's plan).
    period_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("thực hiện kế hoạch"))
    consolidating_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="consolidated_plans",
        verbose_name=_("cơ quan tổng hợp"),
    )
    deadline_day = models.PositiveSmallIntegerField(_("hạn báo cáo (ngày)"), default=20)
    deadline_month = models.PositiveSmallIntegerField(_("hạn báo cáo (tháng)"), default=11)
    status = models.CharField(_("trạng thái"), max_length=10, choices=PlanStatus.choices,
                              default=PlanStatus.ACTIVE)
    # The plans this one takes over (Vĩnh Long's 2026–2030 plan: those of old Trà Vinh, Vĩnh
    # Long and Bến Tre), whose history its pages read.
    predecessors = models.ManyToManyField("self", symmetrical=False, blank=True,
                                          related_name="successors",
                                          verbose_name=_("kế thừa các kế hoạch"))
    source_name = models.CharField(_("tệp văn bản"), max_length=200, blank=True)
    source_text = models.TextField(_("toàn văn"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "kế hoạch")
        ordering = ["level", "unit__name", "-period_start"]

    def __str__(self) -> str:
        number = self.number or _("(chưa số)")
        return f"{self.kind} {number} — {self.unit.name}"

    @property
    def deadline_label(self) -> str:
        return f"{self.deadline_day:02d}/{self.deadline_month:02d}"

    @property
    def period_label(self) -> str:
        if self.period_start is None:
            return str(_("không ghi trong văn bản"))
        return f"{self.period_start}–{self.period_end}"

    @property
    def issued_label(self) -> str:
        if self.issued_on:
            return self.issued_on.strftime("%d/%m/%Y")
        return self.issued_note

    def is_history_on(self, on: datetime.date) -> bool:
        """A district's plan after the 2025 reform (no district level from 01/07/2025): its
        figures stay readable and roll up into today's units, but no cycle of it opens."""
        return self.level == UnitLevel.DISTRICT and on >= REFORM_2025

    def consolidating_agency_on(self, on: datetime.date) -> Agency | None:
        """The office consolidating the plan's reports on `on`: the one the plan names, or
        the agency its work passed to (Sở LĐTBXH → Sở Y tế from 01/03/2025)."""
        if self.consolidating_agency is None:
            return None
        return self.consolidating_agency.agency_for(on)

    def lead_assignments_on(self, on: datetime.date) -> list[tuple[Assignment, Agency]]:
        """Each lead assignment with the agency doing its agency's work on `on`."""
        assignments = list(self.assignments.filter(role=AssignmentRole.LEAD)
                           .select_related("agency__successor__successor")
                           .order_by("agency_id", "indicator_id"))
        in_charge = Agency.objects.in_charge_of([a.agency for a in assignments], on)
        return [(a, in_charge[a.agency_id]) for a in assignments]

    def leads_on(self, on: datetime.date) -> list[Lead]:
        """Who reports which indicators in a cycle opened on `on`.

        Each lead assignment goes to the agency doing its agency's work on that day, for
        the unit the plan named the agency in: after 01/03/2025 Sở LĐTBXH's indicators are
        reported by Sở Y tế, together with its own, in one report for the same unit.
        """
        leads: dict[tuple[int, int], Lead] = {}
        for assignment, agency in self.lead_assignments_on(on):
            key = (agency.pk, assignment.agency.unit_id)
            lead = leads.setdefault(key, Lead(agency=agency, unit_id=key[1]))
            lead.indicator_ids.add(assignment.indicator_id)
        return list(leads.values())

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Năm kết thúc phải không trước năm bắt đầu.")
        if not 1 <= self.deadline_month <= 12:
            errors["deadline_month"] = _("Tháng của hạn báo cáo phải từ 1 đến 12.")
        elif not 1 <= self.deadline_day <= 31:
            errors["deadline_day"] = _("Ngày của hạn báo cáo phải từ 1 đến 31.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("Kế hoạch không thể thực hiện chính nó.")
        if errors:
            raise ValidationError(errors)


@dataclass
class Lead:
    """An agency reporting for a unit the indicators a plan gives it (or its predecessors)."""

    agency: Agency
    unit_id: int
    indicator_ids: set[int] = field(default_factory=set)


class Comparator(models.TextChoices):
    LT = "<", _("dưới")
    LE = "<=", _("xuống / không quá")
    GT = ">", _("trên")
    GE = ">=", _("đạt / ít nhất")
    EQ = "=", _("duy trì")
    BAND = "band", _("trong khoảng")
    ANNUAL_CHANGE = "annual_change", _("thay đổi mỗi năm")


class Area(models.TextChoices):
    ALL = "all", "chung"
    RURAL = "rural", _("nông thôn")
    URBAN = "urban", _("thành thị")


DEFAULT_WORDING = {"<": "dưới", "<=": "xuống", ">": "trên", ">=": "đạt", "=": "duy trì"}


class Target(models.Model):
    """What a plan says a measure must reach in a year, worded as the document words it."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="targets",
                             verbose_name=_("kế hoạch"))
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="targets",
                                verbose_name=_("chỉ tiêu đo lường"))
    year = models.PositiveSmallIntegerField(_("năm"))
    comparator = models.CharField(_("so sánh"), max_length=15, choices=Comparator.choices)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=4)
    value_high = models.DecimalField(_("giá trị cận trên"), max_digits=12, decimal_places=4,
                                     null=True, blank=True)
    area = models.CharField(_("khu vực"), max_length=5, choices=Area.choices, default=Area.ALL)
    baseline = models.DecimalField(_("giá trị gốc"), max_digits=12, decimal_places=4,
                                   null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    wording = models.CharField(_("từ ngữ của văn bản"), max_length=50, blank=True)
    text = models.TextField(_("câu trong văn bản"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự trong văn bản"), default=0)

    class Meta:
        verbose_name = _("mục tiêu số")
        verbose_name_plural = pgettext_lazy("plural", "mục tiêu số")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "measure", "year", "area"],
                                    name="unique_target"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year}: {self.display}"

    @cached_property
    def spec(self) -> TargetSpec:
        """The target as the progress status judges it."""
        return TargetSpec.of_plan(self.year, self.comparator, self.value, self.value_high)

    @property
    def display(self) -> str:
        """The target as the document words it: "dưới 1,9", "0,4–0,7", "giảm 2–3%/năm". The
        plan's own words, so its numbers too stay as written whatever the interface language."""
        with translation.override("vi"):
            return self._worded()

    def _worded(self) -> str:
        if self.comparator == Comparator.BAND:
            text = f"{format_number(self.value)}–{format_number(self.value_high)}"
            return f"{self.wording} {text}".strip()
        if self.comparator == Comparator.ANNUAL_CHANGE:
            low, high = sorted(abs(v) for v in (self.value, self.value_high or self.value))
            span = format_number(low)
            if low != high:
                span = f"{span}–{format_number(high)}"
            verb = "giảm" if self.value < 0 else "tăng"
            return f"{verb} {span}%/năm"
        wording = self.wording or DEFAULT_WORDING.get(self.comparator, "")
        return f"{wording} {format_number(self.value)}".strip()

    def clean(self) -> None:
        errors = self.problems(plan=self.plan if self.plan_id else None,
                               measure=self.measure if self.measure_id else None)
        if errors:
            raise ValidationError(errors)

    def problems(self, *, plan: Plan | None, measure: Measure | None) -> dict[str, str]:
        """What clean() refuses, by field, for a target of this plan and measure (which the
        plan import checks before the plan exists)."""
        errors: dict[str, str] = {}
        if (plan and self.year and plan.period_start is not None
                and not plan.period_start <= self.year <= plan.period_end):
            errors["year"] = _("Năm %(year)s nằm ngoài giai đoạn của kế hoạch (%(start)s–"
                               "%(end)s).") % {"year": self.year, "start": plan.period_start,
                                               "end": plan.period_end}
        if self.comparator == Comparator.BAND:
            if self.value_high is None:
                errors["value_high"] = str(_("Mục tiêu dạng khoảng cần cả cận dưới và cận "
                                             "trên."))
            elif self.value is not None and self.value > self.value_high:
                errors["value_high"] = _("Cận dưới (%(low)s) lớn hơn cận trên (%(high)s).") % {
                    "low": format_number(self.value), "high": format_number(self.value_high)}
        if (measure and measure.unit_kind == UnitKind.PERCENT
                and self.comparator != Comparator.ANNUAL_CHANGE):
            for field in ("value", "value_high"):
                v = getattr(self, field)
                if v is not None and not Decimal(0) <= v <= Decimal(100):
                    errors[field] = _("Tỷ lệ phần trăm phải từ 0 đến 100, không phải "
                                      "%(value)s.") % {"value": format_number(v)}
        if measure and plan and measure.plan_id and measure.plan_id != plan.pk:
            errors["measure"] = str(_("Chỉ tiêu riêng này thuộc kế hoạch khác."))
        return errors


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")


class Assignment(models.Model):
    """The agency a plan names to lead (or support) an indicator."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="assignments",
                             verbose_name=_("kế hoạch"))
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="assignments",
                                  verbose_name=_("chỉ tiêu"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="assignments",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=10, choices=AssignmentRole.choices,
                            default=AssignmentRole.LEAD)
    text = models.TextField(_("câu trong văn bản"), blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = pgettext_lazy("plural", "phân công")
        ordering = ["plan", "indicator__number", "role"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "agency"],
                                    name="unique_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.agency.name} ({self.get_role_display()})"

    def clean(self) -> None:
        # The agency is one of the plan's own unit, as the plans loaded and the successor
        # copies name it: reporting gives it a report for that unit (Plan.leads_on).
        if self.plan_id and self.agency_id and self.agency.unit_id != self.plan.unit_id:
            raise ValidationError({"agency": _("Cơ quan phải thuộc %(unit)s, địa bàn của kế "
                                               "hoạch.") % {"unit": self.plan.unit.name}})


__all__ = ["Plan", "Target", "Assignment", "Sector", "Indicator"]
