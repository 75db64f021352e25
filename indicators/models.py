from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Goal(models.Model):
    """Mục tiêu: the four groups of the national programme."""

    number = models.PositiveSmallIntegerField(_("số thứ tự"), unique=True)
    name = models.CharField(_("tên"), max_length=300)

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = pgettext_lazy("plural", "mục tiêu")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Mục tiêu %(number)s. %(name)s") % {"number": self.number, "name": self.name}


class Indicator(models.Model):
    """Chỉ tiêu: one of the 24 national indicators."""

    goal = models.ForeignKey(Goal, models.PROTECT, related_name="indicators",
                             verbose_name=_("mục tiêu"))
    number = models.PositiveSmallIntegerField(_("chỉ tiêu số"), unique=True)
    name = models.CharField(_("tên"), max_length=300)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Chỉ tiêu %(number)s") % {"number": self.number}


class UnitKind(models.TextChoices):
    PERCENT = "percent", "%"
    PER_THOUSAND = "per_1000", "‰"
    PER_100K = "per_100000", "/100.000"
    COUNT = "count", _("số lượng")
    YES_NO = "yes_no", _("có/không")
    ANNUAL_CHANGE = "annual_change", _("% thay đổi/năm")


# The multiplier that turns numerator/denominator into the measure's value.
UNIT_SCALE = {
    UnitKind.PERCENT: 100,
    UnitKind.PER_THOUSAND: 1000,
    UnitKind.PER_100K: 100000,
}


class Direction(models.TextChoices):
    INCREASE = "increase", _("tăng")
    DECREASE = "decrease", _("giảm")
    MAINTAIN = "maintain", _("duy trì")
    BAND = "band", _("trong khoảng")


class Aggregation(models.TextChoices):
    RATIO_OF_SUMS = "ratio", _("tổng tử số / tổng mẫu số")
    SUM = "sum", _("cộng dồn")
    NONE = "none", _("không cộng dồn")


# How a measure adds up across units follows from its unit kind alone: rates as the sum of
# numerators over the sum of denominators, counts as a sum, the rest (yes/no, a change a
# year) not at all. The database computes the column from this, so no writer can set it.
AGGREGATION_OF_KIND = {
    UnitKind.PERCENT: Aggregation.RATIO_OF_SUMS,
    UnitKind.PER_THOUSAND: Aggregation.RATIO_OF_SUMS,
    UnitKind.PER_100K: Aggregation.RATIO_OF_SUMS,
    UnitKind.COUNT: Aggregation.SUM,
    UnitKind.YES_NO: Aggregation.NONE,
    UnitKind.ANNUAL_CHANGE: Aggregation.NONE,
}


def _aggregation_expression() -> models.Case:
    by_result: dict[str, list[str]] = {}
    for kind, how in AGGREGATION_OF_KIND.items():
        by_result.setdefault(how.value, []).append(kind.value)
    return models.Case(*[models.When(unit_kind__in=kinds, then=models.Value(how))
                         for how, kinds in by_result.items() if how != Aggregation.NONE],
                       default=models.Value(Aggregation.NONE.value))


class Periodicity(models.TextChoices):
    ANNUAL = "annual", _("Hằng năm")
    BIENNIAL = "biennial", _("2 năm một lần")
    FIVE_YEARLY = "5_years", _("5 năm một lần")
    TEN_YEARLY = "10_years", _("10 năm một lần")


class SourceKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Báo cáo thống kê, báo cáo hành chính")
    SURVEY = "survey", _("Điều tra, tổng điều tra")
    DATABASE = "database", _("Cơ sở dữ liệu quốc gia, chuyên ngành")


class ReportingLevel(models.TextChoices):
    """The lowest level at which the figure exists: who can be asked for it."""

    COMMUNE = "commune", _("Cấp xã")
    PROVINCE = "province", _("Cơ quan cấp tỉnh")
    NATIONAL = "national", _("Chỉ cấp quốc gia")


# A reporting unit's level (a ReportingLevel or an AdminUnit level) → the levels it can report.
# A province agency also reports what communes report (it holds their sums); the district
# offices of the years before 2025 reported as province agencies did.
REPORTABLE_LEVELS = {
    "commune": (ReportingLevel.COMMUNE,),
    "district": (ReportingLevel.COMMUNE, ReportingLevel.PROVINCE),
    "province": (ReportingLevel.COMMUNE, ReportingLevel.PROVINCE),
    "national": tuple(ReportingLevel),
    "nation": tuple(ReportingLevel),
}


class MeasureQuerySet(models.QuerySet):
    def national(self) -> MeasureQuerySet:
        return self.filter(plan__isnull=True)

    def reportable_by(self, level: str) -> MeasureQuerySet:
        """The measures a unit of `level` ("commune", "province", "national", or an AdminUnit
        level) has figures for. A survey's figure is never asked of a commune."""
        try:
            levels = REPORTABLE_LEVELS[level]
        except KeyError:
            raise ValueError(f"Cấp báo cáo không hợp lệ: «{level}».") from None
        measures = self.filter(lowest_level__in=levels)
        if levels == (ReportingLevel.COMMUNE,):
            measures = measures.exclude(source_kind=SourceKind.SURVEY)
        return measures

    def available_to(self, plan) -> MeasureQuerySet:
        """The national measures and the plan's own."""
        return self.filter(Q(plan__isnull=True) | Q(plan=plan))

    def get_by_code(self, code: str, plan=None) -> Measure:
        """The measure a plan means by `code`, or a ValidationError naming it."""
        qs = self.available_to(plan) if plan is not None else self.national()
        # A plan's own measure wins over a national one of the same code.
        found = sorted(qs.filter(code=code), key=lambda m: m.plan_id is None)
        if not found:
            raise ValidationError(
                {"measure": _("Không có chỉ tiêu đo lường mã «%(code)s» trong danh mục.")
                 % {"code": code}}
            )
        return found[0]


class Measure(models.Model):
    """A measurable series of an indicator ("3a"), or a plan's own local measure."""

    indicator = models.ForeignKey(Indicator, models.PROTECT, null=True, blank=True,
                                  related_name="measures", verbose_name=_("chỉ tiêu"))
    plan = models.ForeignKey("childplan.Plan", models.CASCADE, null=True, blank=True,
                             related_name="local_measures",
                             verbose_name=_("kế hoạch (chỉ tiêu riêng)"))
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=400)
    unit_kind = models.CharField(_("loại đơn vị"), max_length=15, choices=UnitKind.choices)
    unit_label = models.CharField(_("đơn vị tính"), max_length=100)
    numerator_label = models.CharField(_("tử số"), max_length=200, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=200, blank=True)
    direction = models.CharField(_("hướng"), max_length=10, choices=Direction.choices)
    aggregation = models.GeneratedField(
        expression=_aggregation_expression(),
        output_field=models.CharField(_("cách tổng hợp"), max_length=10,
                                      choices=Aggregation.choices),
        db_persist=True, verbose_name=_("cách tổng hợp"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Metadata in the manner of the national statistical indicator system on children.
    definition = models.TextField(_("khái niệm, phương pháp tính"), blank=True, default="")
    disaggregation = models.CharField(_("phân tổ chủ yếu"), max_length=300, blank=True, default="")
    periodicity = models.CharField(_("kỳ thu thập"), max_length=10, choices=Periodicity.choices,
                                   default=Periodicity.ANNUAL)
    source_kind = models.CharField(_("loại nguồn số liệu"), max_length=15,
                                   choices=SourceKind.choices,
                                   default=SourceKind.ADMINISTRATIVE)
    source_detail = models.CharField(_("nguồn số liệu cụ thể"), max_length=300, blank=True,
                                     default="")
    collected_by = models.CharField(_("cơ quan thu thập, tổng hợp"), max_length=200, blank=True,
                                    default="")
    # Province by default: a measure nobody has described is never asked of communes.
    lowest_level = models.CharField(_("cấp thấp nhất có số liệu"), max_length=10,
                                    choices=ReportingLevel.choices,
                                    default=ReportingLevel.PROVINCE)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu đo lường")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu đo lường")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=Q(plan__isnull=True),
                                    name="unique_national_measure_code"),
            models.UniqueConstraint(fields=["plan", "code"], condition=Q(plan__isnull=False),
                                    name="unique_local_measure_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def clean(self) -> None:
        if self.source_kind == SourceKind.SURVEY and self.lowest_level == ReportingLevel.COMMUNE:
            raise ValidationError({"lowest_level": _("Số liệu điều tra không có ở cấp xã: cấp "
                                                     "thấp nhất là cơ quan cấp tỉnh hoặc quốc "
                                                     "gia.")})

    @property
    def is_survey(self) -> bool:
        return self.source_kind == SourceKind.SURVEY

    @property
    def is_ratio(self) -> bool:
        return self.unit_kind in UNIT_SCALE

    @property
    def scale(self) -> int | None:
        return UNIT_SCALE.get(self.unit_kind)

    @property
    def number_kind(self) -> str:
        """How indicators.numbers reads a figure of this measure typed by hand: "percent",
        "count" or "decimal" (rates, annual changes)."""
        if self.unit_kind == UnitKind.PERCENT:
            return "percent"
        if self.unit_kind == UnitKind.COUNT:
            return "count"
        return "decimal"

    @property
    def goal(self) -> Goal | None:
        return self.indicator.goal if self.indicator_id else None
