"""What aggregation writes: progress snapshots per plan, unit, measure and year.

Only the aggregation services write these tables; dashboards read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import AdminUnit
from childplan.models import Plan, Target
from indicators.models import Measure
from indicators.progress import STATUS_LABELS

STATUS_CHOICES = [(key, label) for key, label in STATUS_LABELS.items()] + [
    ("no_target", _("Không có mục tiêu")),
]


class UnitRollup(models.Model):
    """Where a unit's figures count today: itself, or the unit that succeeded it.

    A derived lookup, rebuilt from AdminUnit and UnitSuccession by the
    aggregation, so that SQL can group figures of old units under today's.
    """

    unit = models.OneToOneField(AdminUnit, models.CASCADE, primary_key=True,
                                related_name="rollup")
    current = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+")
    # The current province the figures fall in (null for the nation).
    province = models.ForeignKey(AdminUnit, models.CASCADE, null=True, related_name="+")
    # A unit's own figure, or a part of the current unit (an old district in a province).
    whole = models.BooleanField(default=True)
    # How the figures count: "nation", "province" (a province's own figure), "commune", or
    # "part" (an old district inside today's province). Kept here so SQL needs no join.
    kind = models.CharField(max_length=10, default="commune")

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.current_id}"


class TerritoryCommune(models.Model):
    """A commune of today that lies in a unit's area: a province's own communes, and for an
    old district or province the communes that took over its old communes in 2025.

    A derived lookup, rebuilt with UnitRollup: a plan's drill-down goes down to the
    communes of its territory, whatever the unit the plan was issued for.
    """

    territory = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+")
    commune = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["territory", "commune"],
                                               name="unique_territory_commune")]

    def __str__(self) -> str:
        return f"{self.commune_id} ∈ {self.territory_id}"


class SnapshotQuerySet(models.QuerySet):
    """The reads of snapshots, each a named method with its query count pinned in a test."""

    def for_unit(self, plan: Plan, unit_id: int) -> SnapshotQuerySet:
        """Every year of one unit, with the target of its judged rows."""
        return (self.filter(plan=plan, unit_id=unit_id).select_related("target")
                .order_by("measure_id", "year"))

    def latest_of(self, plan: Plan, unit_ids) -> SnapshotQuerySet:
        """The row each unit shows per measure: its last year with a value, judged."""
        return self.filter(plan=plan, unit_id__in=unit_ids, latest=True)

    def units_below(self, plan: Plan) -> SnapshotQuerySet:
        """The ids of the units below the plan's own that hold snapshots (its provinces)."""
        return (self.filter(plan=plan).exclude(unit_id=plan.unit_id)
                .values_list("unit_id", flat=True).distinct())

    def to_rewrite(self, plan: Plan, *, measure_ids=None, unit_ids=None) -> SnapshotQuerySet:
        """The rows a recompute of these measures and units replaces (all without them)."""
        rows = self.filter(plan=plan)
        if measure_ids is not None:
            rows = rows.filter(measure_id__in=measure_ids)
        return rows if unit_ids is None else rows.filter(unit_id__in=unit_ids)

    def sums_of_units(self, plan: Plan, *, excluded, measure_ids=None) -> SnapshotQuerySet:
        """What the stored rows of the plan's provinces add up to, but for `excluded`, by
        measure and year: numerator, denominator, value, units, units with parts, and
        the value of the one row when a single unit reported."""
        rows = self.filter(plan=plan).exclude(unit_id__in=[*excluded, plan.unit_id])
        if measure_ids is not None:
            rows = rows.filter(measure_id__in=measure_ids)
        return (rows.values_list("measure_id", "year")
                .annotate(models.Sum("numerator"), models.Sum("denominator"),
                          models.Sum("value"), models.Sum("units_reported"),
                          models.Sum("parts_units")).order_by())


# Snapshots and commune statuses are derived rows, written only by the recompute from ids
# it has just read: their references are kept by Django's deletions (CASCADE, SET_NULL)
# rather than checked by the database on every one of the thousands of rows a national
# recompute writes; every read goes through the unique key, so no other index is kept.
DERIVED = {"db_constraint": False, "db_index": False}


class Snapshot(models.Model):
    """A unit's figure for one measure and year: the plan's own unit, and for the national
    plan each province (communes are read through CommuneStatus and the commune reader)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="snapshots", **DERIVED)
    unit = models.ForeignKey(AdminUnit, models.CASCADE, related_name="snapshots", **DERIVED)
    measure = models.ForeignKey(Measure, models.CASCADE, related_name="snapshots", **DERIVED)
    year = models.PositiveSmallIntegerField(_("năm"))
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4, null=True)
    # Reconciliation: the unit's own figure and the sum of the units below, both kept.
    own_value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    rollup_value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    mismatch = models.BooleanField(_("lệch trên 5%"), default=False)
    units_reported = models.PositiveIntegerField(default=0)
    units_expected = models.PositiveIntegerField(default=0)
    # Units whose numerator and denominator the level above may add up.
    parts_units = models.PositiveIntegerField(default=0)
    # Units the value could not include (a rate typed without its parts): said on the page.
    left_out = models.PositiveIntegerField(_("đơn vị chưa tính"), default=0)
    # The unit's last year with a value: the row the dashboards show, judged against its
    # target. Earlier years are judged when asked for (the workbook of an earlier year).
    latest = models.BooleanField(default=False)
    target = models.ForeignKey(Target, models.SET_NULL, null=True, related_name="+", **DERIVED)
    status = models.CharField(_("đánh giá"), max_length=20, choices=STATUS_CHOICES, blank=True)
    ratio = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    # The unit's own figure was computed from the commune recognitions (chỉ tiêu 1,
    # progress.recognitions), not typed.
    computed = models.BooleanField(_("tính từ kết quả công nhận"), default=False)
    computed_at = models.DateTimeField()

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = pgettext_lazy("plural", "số liệu tổng hợp")
        constraints = [models.UniqueConstraint(fields=["plan", "unit", "measure", "year"],
                                               name="unique_snapshot")]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year}: {self.value}"

    @property
    def coverage(self) -> float | None:
        if not self.units_expected:
            return None
        return self.units_reported / self.units_expected


class CommuneStatusQuerySet(models.QuerySet):
    def under(self, plan: Plan, parent_id: int, measure_id: int | None = None
              ) -> CommuneStatusQuerySet:
        """The communes listed under a unit of the plan's drill-down, for one measure or all."""
        rows = self.filter(plan=plan, parent_id=parent_id)
        return rows if measure_id is None else rows.filter(measure_id=measure_id)


class CommuneStatus(models.Model):
    """Each commune of today: its latest figure and status per measure, as the commune
    reader gives them. Written by the recompute, so that a province's page lists its 168
    communes without judging 5.000 series on read."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="+", **DERIVED)
    unit = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+", **DERIVED)
    # The unit it is listed under: its province (national plan) or the plan's own unit.
    parent = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+", **DERIVED)
    measure = models.ForeignKey(Measure, models.CASCADE, related_name="+", **DERIVED)
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)
    left_out = models.PositiveIntegerField(default=0)
    status = models.CharField(_("đánh giá"), max_length=20, choices=STATUS_CHOICES)

    objects = CommuneStatusQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "unit", "measure"],
                                               name="unique_commune_status")]
        indexes = [models.Index(fields=["plan", "parent", "measure"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.measure_id} {self.year}: {self.status}"


class Refresh(models.Model):
    """A plan's freshness, by generation rather than by clock.

    Every change of the counted figures adds one to `requested` in the transaction that
    makes it; a recompute reads `requested` once it holds the plan's lock, before it reads
    a figure, and afterwards sets `computed` to what it read. The dashboards are current
    only when `computed` has caught up: an approval made while a recompute runs keeps the
    marker on until a later recompute holds it, whatever the clocks say. `pending` holds
    what the requests since the last complete recompute touched ("provinces", "measures":
    ids, or null for all), so one recompute serves a whole burst of approvals.
    """

    plan = models.OneToOneField(Plan, models.CASCADE, primary_key=True, related_name="refresh")
    requested = models.PositiveBigIntegerField(_("lần yêu cầu tính lại"), default=0)
    computed = models.PositiveBigIntegerField(_("lần đã tính"), default=0)
    pending = models.JSONField(default=dict, blank=True)
    requested_at = models.DateTimeField(null=True)
    computed_at = models.DateTimeField(null=True)
    # Since when the snapshots have lacked a requested change (null while current): the
    # worker's lag, as the health endpoint reports it.
    stale_since = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"Tính lại kế hoạch {self.plan_id}"

    @property
    def is_stale(self) -> bool:
        return self.computed < self.requested


class ReportTemplate(models.Model):
    """A Word template of the annual report, in place of the default one: a province's own
    letterhead and wording, uploaded by an administrator (progress.papers.document lists the
    tags it may use). The template of the plan's unit wins over one without a unit."""

    name = models.CharField(_("tên mẫu"), max_length=200)
    unit = models.ForeignKey(AdminUnit, models.CASCADE, null=True, blank=True,
                             related_name="report_templates", verbose_name=_("địa bàn"),
                             help_text=_("Để trống: dùng cho mọi địa bàn chưa có mẫu riêng."))
    content = models.BinaryField(_("tệp mẫu (.docx)"), editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu báo cáo năm")
        verbose_name_plural = pgettext_lazy("plural", "mẫu báo cáo năm")
        constraints = [models.UniqueConstraint(fields=["unit"], name="one_template_per_unit")]

    def __str__(self) -> str:
        return self.name


class PaperBuildQuerySet(models.QuerySet):
    def for_user(self, user):
        """The builds a user asked for: a report is downloaded by whoever requested it."""
        return self.filter(requested_by=user).select_related("plan", "unit")


class PaperBuild(models.Model):
    """One paper being written by a worker (an annual report, a PDF of the plan's
    overview): its progress, then the file."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", _("Báo cáo năm (Word)")
        OVERVIEW_PDF = "overview_pdf", _("Bản in tổng quan tiến độ (PDF)")


    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang lập")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không lập được")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ANNUAL_REPORT)
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="paper_builds")
    unit = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True, default="")
    content = models.BinaryField(null=True, editable=False)
    file_name = models.CharField(max_length=200, blank=True, default="")
    finished_at = models.DateTimeField(null=True)

    objects = PaperBuildQuerySet.as_manager()

    def __str__(self) -> str:
        return (f"{self.get_kind_display()} {self.year} — {self.plan_id} "
                f"({self.get_status_display()})")

    @property
    def content_type(self) -> str:
        if self.kind == self.Kind.OVERVIEW_PDF:
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
