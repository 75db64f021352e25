"""Child-friendly communes: the standard a decision sets, each commune's kind, and the
yearly assessment a commune files and its province recognises.

Legal basis: Quyết định 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ (Quy định tiêu chuẩn,
trình tự đánh giá và công nhận xã, phường, thị trấn phù hợp với trẻ em); what was checked
against it and where is in the fixture's "source" and "note" and on each Criterion. The
standard is data (fixtures/assessments/), one Standard per decision; a decision that
replaces it is a new Standard, and an assessment keeps the one it was filed under.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agencies.models import AdminUnit
from assessments import scoring
from indicators.numbers import format_number


class Standard(models.Model):
    code = models.CharField(_("mã văn bản"), max_length=40, unique=True)
    title = models.CharField(_("tên"), max_length=300)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    source = models.TextField(_("nguồn của dữ liệu"), blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    # False while points and thresholds await a check against the official text: the
    # pages say so.
    verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    threshold_urban = models.DecimalField(_("ngưỡng: phường của thành phố trực thuộc trung ương"),
                                          max_digits=6, decimal_places=2)
    threshold_difficult = models.DecimalField(
        _("ngưỡng: xã, thị trấn miền núi, hải đảo; xã đặc biệt khó khăn"), max_digits=6,
        decimal_places=2)
    threshold_other = models.DecimalField(_("ngưỡng: xã, phường, thị trấn còn lại"),
                                          max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("bộ tiêu chí xã phù hợp với trẻ em")
        verbose_name_plural = pgettext_lazy("plural", "bộ tiêu chí xã phù hợp với trẻ em")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def for_year(cls, year: int) -> Standard | None:
        """The standard in force at the end of `year`."""
        end = datetime.date(year, 12, 31)
        return (cls.objects.filter(effective_from__lte=end)
                .filter(models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=end))
                .order_by("-effective_from").first())

    def thresholds(self) -> dict[str, Decimal]:
        return {scoring.URBAN: self.threshold_urban, scoring.DIFFICULT: self.threshold_difficult,
                scoring.OTHER: self.threshold_other}

    def rules(self) -> scoring.Rules:
        criteria = [{"number": c.number, "max_points": c.max_points,
                     "items": [{"code": i.code, "bands": i.bands, "direction": i.direction}
                               for i in c.items.all()]}
                    for c in self.criteria.prefetch_related("items")]
        return scoring.rules_from(criteria, self.thresholds())


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("tiêu chí số"))
    name = models.CharField(_("tên tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    # Whether the points of this criterion were checked against the decision's text; the
    # pages mark the others as provisional, and the note says what was and was not checked.
    verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)
    note = models.TextField(_("ghi chú đối chiếu"), blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = pgettext_lazy("plural", "tiêu chí")
        ordering = ["standard", "number"]
        constraints = [models.UniqueConstraint(fields=["standard", "number"],
                                               name="unique_criterion")]

    def __str__(self) -> str:
        return _("Tiêu chí %(number)s. %(name)s") % {"number": self.number, "name": self.name}


class ItemKind(models.TextChoices):
    PERCENT = "percent", _("Tỷ lệ (%)")
    COUNT = "count", _("Số lượng")
    YES_NO = "yes_no", _("Có / không")


class Item(models.Model):
    """An indicator of a criterion ("chỉ số"), with the bands it scores by."""

    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="items")
    code = models.CharField(_("mã chỉ số"), max_length=10)
    name = models.CharField(_("chỉ số"), max_length=400)
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    direction = models.CharField(_("cách chấm"), max_length=10, default=scoring.AT_LEAST,
                                 choices=[(scoring.AT_LEAST, _("đạt từ")),
                                          (scoring.AT_MOST, _("không quá"))])
    # [[bound, points], ...], best first: see assessments.scoring.
    bands = models.JSONField(_("thang điểm"))

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = pgettext_lazy("plural", "chỉ số")
        ordering = ["criterion__number", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def max_points(self) -> Decimal:
        return max((Decimal(str(p)) for _, p in self.bands), default=Decimal(0))

    @property
    def scale_text(self) -> str:
        """The bands as a reader wants them: "≥ 98%: 8 điểm; ≥ 95%: 4 điểm"."""
        if self.kind == ItemKind.YES_NO:
            return _("Có: %(points)s điểm") % {"points": format_number(self.max_points)}
        sign = "≥" if self.direction == scoring.AT_LEAST else "≤"
        unit = "%" if self.kind == ItemKind.PERCENT else ""
        return "; ".join(_("%(bound)s: %(points)s điểm") % {
            "bound": f"{sign} {format_number(Decimal(str(b)))}{unit}",
            "points": format_number(Decimal(str(p)))} for b, p in self.bands)


class Kind(models.TextChoices):
    # The three kinds of 06/QĐ-TTg 2019 (threshold 900, 800, 850 points): the urban kind is
    # the wards of the centrally-run cities only; a ward of a province is "other".
    URBAN = scoring.URBAN, _("Phường của thành phố trực thuộc trung ương")
    DIFFICULT = scoring.DIFFICULT, _("Xã, thị trấn miền núi, hải đảo; xã đặc biệt khó khăn")
    OTHER = scoring.OTHER, _("Xã, phường, thị trấn còn lại")


class CommuneKind(models.Model):
    """The kind that sets a commune's threshold, with the document that classes it; a
    commune without one is "other". The province edits it."""

    unit = models.OneToOneField(AdminUnit, models.CASCADE, primary_key=True,
                                related_name="child_friendly_kind", verbose_name=_("xã"))
    kind = models.CharField(_("loại xã"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    legal_basis = models.CharField(_("căn cứ phân loại"), max_length=300)
    updated_at = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loại xã (đánh giá phù hợp với trẻ em)")
        verbose_name_plural = pgettext_lazy("plural", "loại xã (đánh giá phù hợp với trẻ em)")

    def __str__(self) -> str:
        return f"{self.unit.name}: {self.get_kind_display()}"


def kind_of(unit_id: int) -> str:
    return (CommuneKind.objects.filter(unit_id=unit_id).values_list("kind", flat=True).first()
            or Kind.OTHER)


class Status(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi thẩm định")
    RETURNED = "returned", _("Trả lại")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "refused", _("Không công nhận")


EDITABLE = (Status.DRAFT, Status.RETURNED)
DECIDED = (Status.RECOGNISED, Status.NOT_RECOGNISED)


class AssessmentQuerySet(models.QuerySet):
    def with_context(self) -> AssessmentQuerySet:
        return self.select_related("unit__parent", "standard", "submitted_by", "reviewed_by")

    def recognised(self) -> AssessmentQuerySet:
        return self.filter(status=Status.RECOGNISED)


class Assessment(models.Model):
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="assessments",
                             verbose_name=_("xã"))
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    standard = models.ForeignKey(Standard, models.PROTECT, related_name="assessments",
                                 verbose_name=_("bộ tiêu chí"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # As last computed: kept so lists sort and count without scoring every commune again.
    kind = models.CharField(_("loại xã"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2, default=0)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=6, decimal_places=2, default=0)
    passes = models.BooleanField(_("đạt chuẩn theo điểm"), default=False)
    zero_criteria = models.JSONField(_("tiêu chí 0 điểm"), default=list)
    updated_at = models.DateTimeField(_("sửa lần cuối lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    submitted_at = models.DateTimeField(pgettext_lazy("assessment", "gửi lúc"), null=True,
                                        blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    review_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá xã phù hợp với trẻ em")
        verbose_name_plural = pgettext_lazy("plural", "đánh giá xã phù hợp với trẻ em")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="unique_assessment")]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def short_by(self) -> Decimal:
        return max(self.threshold - self.total, Decimal(0))


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, models.PROTECT, related_name="answers")
    figure = models.DecimalField(_("số liệu"), max_digits=12, decimal_places=2, null=True,
                                 blank=True)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu chỉ số")
        verbose_name_plural = pgettext_lazy("plural", "số liệu chỉ số")
        constraints = [models.UniqueConstraint(fields=["assessment", "item"],
                                               name="unique_answer")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.figure}"


class Evidence(models.Model):
    """A file proving a figure. Kept in the database, read only through the access helpers,
    and checked before it is kept (assessments.evidence)."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="evidence")
    item = models.ForeignKey(Item, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("chỉ số"))
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = pgettext_lazy("plural", "minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AssessmentEvent(models.Model):
    """One step of the workflow: who did what to an assessment, and when."""

    class Action(models.TextChoices):
        SAVE = "save", _("Lưu nháp")
        UPLOAD = "upload", _("Tải minh chứng")
        SUBMIT = "submit", _("Gửi thẩm định")
        RESUBMIT = "resubmit", _("Gửi lại")
        RETURN = "return", _("Trả lại")
        RECOGNISE = "recognise", _("Công nhận")
        REFUSE = "refuse", _("Không công nhận")
        REVOKE = "revoke", _("Thu hồi công nhận")
        REMOVE = "remove", _("Xóa minh chứng")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("người thực hiện"))
    at = models.DateTimeField(_("lúc"))
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý đánh giá")
        verbose_name_plural = pgettext_lazy("plural", "bước xử lý đánh giá")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y}"
