"""Reporting cycles, the reports agencies file in them, and the figures they hold."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from simple_history.models import HistoricalRecords

from agencies.models import AdminUnit, Agency, Sector, UnitLevel
from childplan.models import Plan
from indicators.models import Measure, UnitKind
from reporting.completeness import Completeness
from reporting.deadlines import countdown, deadline_date
from reporting.figures import MeasureSpec
from reporting.rules import BLOCK, CONFIRM, Rule, RuleSyntaxError, parse_side
from reporting.rules import OPERATORS as RULE_OPERATORS


class CycleKind(models.TextChoices):
    ANNUAL = "annual", "Hằng năm"
    MIDTERM = "midterm", "Sơ kết giữa kỳ"
    FINAL = "final", "Tổng kết"
    ADHOC = "adhoc", "Đột xuất"


# The cycles whose figures count in the dashboards and the workbook. Mid-term and final
# reviews may join once it is decided which of two figures of one year wins.
COUNTED_CYCLE_KINDS = (CycleKind.ANNUAL,)


class CycleQuerySet(models.QuerySet):
    def open(self) -> CycleQuerySet:
        return self.filter(locked=False)


class ReportingCycle(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="cycles", verbose_name="kế hoạch")
    year = models.PositiveSmallIntegerField("năm báo cáo")
    kind = models.CharField("loại kỳ", max_length=10, choices=CycleKind.choices,
                            default=CycleKind.ANNUAL)
    opens_on = models.DateField("ngày mở")
    deadline = models.DateField("hạn nộp")
    locked = models.BooleanField("đã khóa", default=False)
    locked_at = models.DateTimeField("khóa lúc", null=True, blank=True)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name="người khóa")
    # Fixed when the cycle opens: the plan's office, or the agency its work had passed to by
    # then. Reviews follow the cycle, so a past year stays with the office that consolidated it.
    consolidating_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="consolidated_cycles",
        verbose_name="cơ quan tổng hợp")

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["-year", "plan"]
        constraints = [models.UniqueConstraint(fields=["plan", "year", "kind"],
                                               name="unique_cycle")]

    def __str__(self) -> str:
        return f"{self.title} — {self.plan.unit.name}"

    @property
    def title(self) -> str:
        if self.kind == CycleKind.ANNUAL:
            return f"Báo cáo năm {self.year}"
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        errors = {}
        if self.kind == CycleKind.MIDTERM and self.year != 2025:
            errors["year"] = "Kỳ sơ kết giữa kỳ là năm 2025."
        if self.kind == CycleKind.FINAL and self.year != 2030:
            errors["year"] = "Kỳ tổng kết là năm 2030."
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = "Hạn nộp phải sau ngày mở kỳ báo cáo."
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def deadline_for(plan: Plan, year: int) -> datetime.date:
        return deadline_date(year, plan.deadline_day, plan.deadline_month)

    def countdown(self, today: datetime.date) -> str:
        return countdown(self.deadline, today)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã nộp"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class Progress(models.TextChoices):
    """What the completeness page calls a report's state."""

    NOT_STARTED = "not_started", "Chưa bắt đầu"
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã nộp"
    LATE = "late", "Nộp muộn"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


PROGRESS_WHERE = {
    Progress.NOT_STARTED: Q(status=ReportStatus.DRAFT, started_at__isnull=True),
    Progress.DRAFT: Q(status=ReportStatus.DRAFT, started_at__isnull=False),
    Progress.SUBMITTED: Q(status=ReportStatus.SUBMITTED, late=False),
    Progress.LATE: Q(status=ReportStatus.SUBMITTED, late=True),
    Progress.APPROVED: Q(status=ReportStatus.APPROVED),
    Progress.RETURNED: Q(status=ReportStatus.RETURNED),
}


class ReportQuerySet(models.QuerySet):
    def with_context(self) -> ReportQuerySet:
        return self.select_related("cycle__plan__unit", "cycle__plan__consolidating_agency",
                                   "cycle__consolidating_agency", "agency", "unit",
                                   "submitted_by")

    def awaiting_review(self) -> ReportQuerySet:
        return self.filter(status=ReportStatus.SUBMITTED, cycle__locked=False
                           ).order_by("submitted_at", "pk")

    def not_submitted(self) -> ReportQuerySet:
        return self.filter(status__in=EDITABLE)

    def in_open_cycles(self) -> ReportQuerySet:
        return self.filter(cycle__locked=False)

    def in_progress(self, state: str) -> ReportQuerySet:
        """The reports whose completeness state (Progress) is `state`."""
        return self.filter(PROGRESS_WHERE[Progress(state)])

    def of_communes(self, communes: bool = True) -> ReportQuerySet:
        """The communes' reports (their People's Committees), or the agencies' (False)."""
        where = Q(unit__level=UnitLevel.COMMUNE, agency__sector=Sector.UBND)
        return self.filter(where) if communes else self.exclude(where)

    def with_unusual(self) -> ReportQuerySet:
        """Annotated `has_unusual`: a figure the reporter confirmed though it looked far from
        the unit's history (what a reviewer reads before approving)."""
        return self.annotate(has_unusual=Exists(Value.objects.filter(
            report=OuterRef("pk"), confirmed_value__isnull=False)))

    def completeness(self) -> Completeness:
        """How many reports are in each completeness state, and how many were first submitted
        on time: one query, however many communes report."""
        rows = self.order_by().values_list("status", "late").annotate(
            started=Count("started_at"), submitted=Count("first_submitted_at"), n=Count("pk"))
        counts = dict.fromkeys(Progress.values, 0)
        total = on_time = 0
        for status, late, started, submitted, n in rows:
            total += n
            on_time += 0 if late else submitted
            if status == ReportStatus.DRAFT:
                counts[Progress.DRAFT] += started
                counts[Progress.NOT_STARTED] += n - started
            elif status == ReportStatus.SUBMITTED and late:
                counts[Progress.LATE] += n
            else:
                counts[status] += n
        return Completeness(counts, total, on_time)


class Report(models.Model):
    cycle = models.ForeignKey(ReportingCycle, models.CASCADE, related_name="reports",
                              verbose_name="kỳ báo cáo")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="reports",
                               verbose_name="cơ quan")
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="reports",
                             verbose_name="đơn vị báo cáo")
    status = models.CharField("trạng thái", max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    # Optimistic locking: every write claims the version the page was built from.
    version = models.PositiveIntegerField("phiên bản", default=1)
    late = models.BooleanField("nộp muộn", default=False)
    started_at = models.DateTimeField("bắt đầu nhập lúc", null=True, blank=True)
    updated_at = models.DateTimeField("sửa lần cuối lúc", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    first_submitted_at = models.DateTimeField("nộp lần đầu lúc", null=True, blank=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    reviewed_at = models.DateTimeField("duyệt / trả lại lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    review_comment = models.TextField("ý kiến của cán bộ tổng hợp", blank=True)
    results = models.TextField("kết quả đạt được", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("kiến nghị, đề xuất", blank=True)
    budget_spent = models.DecimalField("kinh phí đã sử dụng (đồng)", max_digits=18,
                                       decimal_places=0, null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["cycle", "agency__name", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "agency", "unit"],
                                               name="unique_report")]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.cycle.title}: {self.agency.name} ({self.unit.name})"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE and not self.cycle.locked

    @property
    def progress(self) -> str:
        if self.status == ReportStatus.DRAFT:
            return Progress.NOT_STARTED if self.started_at is None else Progress.DRAFT
        if self.status == ReportStatus.SUBMITTED and self.late:
            return Progress.LATE
        return self.status

    @property
    def progress_label(self) -> str:
        return Progress(self.progress).label

    def measures(self) -> models.QuerySet[Measure]:
        """The measures of the indicators the plan gives this agency to lead, with those of the
        agencies whose work it had taken over when the cycle opened."""
        plan = self.cycle.plan
        if self.is_commune_report:
            return self.commune_measures(plan)
        # A report opened before the succession was recorded keeps its own indicators.
        indicators = {assignment.indicator_id
                      for assignment, agency in plan.lead_assignments_on(self.cycle.opens_on)
                      if assignment.agency.unit_id == self.unit_id
                      and self.agency_id in (assignment.agency_id, agency.pk)}
        return (Measure.objects.available_to(plan)
                .filter(indicator__in=indicators)
                .select_related("indicator").order_by("indicator__number", "position", "code"))

    @property
    def is_commune_report(self) -> bool:
        """A commune's People's Committee reporting for its commune (since the 2025 reform)."""
        return self.unit.level == UnitLevel.COMMUNE and self.agency.sector == Sector.UBND

    @staticmethod
    def commune_measures(plan: Plan) -> models.QuerySet[Measure]:
        """What a commune is asked in a plan: the plan's measures (of the indicators it assigns
        or targets) that a commune has figures for, never a survey's."""
        covered = Q(indicator__in=plan.assignments.values("indicator")) | Q(
            pk__in=plan.targets.values("measure"))
        return (Measure.objects.available_to(plan).reportable_by(UnitLevel.COMMUNE)
                .filter(covered).select_related("indicator")
                .order_by("indicator__number", "position", "code"))

    def earlier_values(self, measures) -> dict[int, dict[int, Value]]:
        """The unit's counted figures of earlier years in the same plan, as the dashboards
        show them: measure → year → value."""
        values = (Value.objects.counted(self.cycle.plan_id, units=[self.unit_id])
                  .filter(report__cycle__year__lt=self.cycle.year, measure__in=measures)
                  .select_related("report__cycle").order_by("report__cycle__year"))
        found: dict[int, dict[int, Value]] = {}
        for value in values:
            found.setdefault(value.measure_id, {})[value.report.cycle.year] = value
        return found


class ValueQuerySet(models.QuerySet):
    def counted(self, plan, years=None, *, units=None, overtaken=None) -> ValueQuerySet:
        """The figures that count for `plan`: the one place that says which do.

        Values of the plan's approved reports in counted cycles (annual), one per reporting
        unit, measure and year: where several approved reports give the same one (two
        agencies co-leading a chỉ tiêu in one unit), the last reviewed (then the last
        filed). `plan` is a Plan or its id; `years`, when given, limits the cycles read;
        `units`, when given, the reporting units (ids): the choice among co-leading agencies
        is then made among those units' reports only, which gives the same figures for them
        without ranking every figure of the plan.

        `overtaken` may pass `overtaken_ids(plan, years)` already read: the same figures,
        in a query PostgreSQL can run in parallel (a national grouping).
        """
        found = self.filter(report__in=_counted_reports(plan, years, units)).exclude(value=None)
        if overtaken is None:
            overtaken = self.overtaken(plan, years, units)
        elif not overtaken:
            return found
        return found.exclude(pk__in=overtaken)

    def overtaken(self, plan, years=None, units=None) -> ValueQuerySet:
        """The ids of figures a co-leading agency's later approved figure replaces.

        Nearly every unit files one approved report a cycle; only among the few that share
        their cycle and unit with another is each measure's last figure picked.
        """
        return self._overtaken_among(_sharing(_counted_reports(plan, years, units)))

    def overtaken_ids(self, plan, years=None) -> list[int]:
        """`overtaken`, read in two small queries: the cycles and units with more than one
        approved report first (none, most of the time), then the figures replaced there."""
        reports = _counted_reports(plan, years)
        shared = (reports.values_list("cycle_id", "unit_id").annotate(n=Count("pk"))
                  .filter(n__gt=1).order_by())
        where = Q()
        for cycle_id, unit_id, _ in shared:
            where |= Q(cycle_id=cycle_id, unit_id=unit_id)
        return list(self._overtaken_among(reports.filter(where))) if where else []

    def _overtaken_among(self, reports) -> ValueQuerySet:
        return (Value.objects.filter(report__in=reports).exclude(value=None)
                .annotate(rank=Window(RowNumber(), partition_by=[
                    F("report__cycle_id"), F("report__unit_id"), F("measure_id")],
                    order_by=[F("report__reviewed_at").desc(nulls_last=True),
                              F("report_id").desc()]))
                .filter(rank__gt=1).values_list("pk", flat=True))


def _sharing(reports) -> ReportQuerySet:
    """The reports sharing their cycle and unit with another approved one (co-leading)."""
    siblings = Report.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"),
                                     status=ReportStatus.APPROVED).exclude(pk=OuterRef("pk"))
    return reports.filter(Exists(siblings))


def _counted_reports(plan, years, units=None) -> ReportQuerySet:
    reports = Report.objects.filter(cycle__plan=plan, cycle__kind__in=COUNTED_CYCLE_KINDS,
                                    status=ReportStatus.APPROVED)
    if years is not None:
        reports = reports.filter(cycle__year__in=list(years))
    if units is not None:
        reports = reports.filter(unit_id__in=list(units))
    return reports


class Channel(models.TextChoices):
    """How a change to a figure came in, kept on its history row."""

    FORM = "form", "Biểu mẫu nhập liệu"
    EXCEL = "excel", "Tệp Excel"
    API = "api", "API"
    # Changes saved one by one through the model (the admin's edit page) take the default.
    ADMIN = "admin", "Trang quản trị"


class ValueChange(models.Model):
    """What a history row of a figure holds beyond the figure: the channel of the change."""

    channel = models.CharField("nhập qua", max_length=10, choices=Channel.choices,
                               default=Channel.ADMIN)

    class Meta:
        abstract = True


class Value(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="values",
                               verbose_name="báo cáo")
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="values",
                                verbose_name="chỉ tiêu đo lường")
    numerator = models.DecimalField("tử số", max_digits=18, decimal_places=4, null=True,
                                    blank=True)
    denominator = models.DecimalField("mẫu số", max_digits=18, decimal_places=4, null=True,
                                      blank=True)
    value = models.DecimalField("giá trị", max_digits=18, decimal_places=4, null=True,
                                blank=True)
    # A rate typed without its numerator and denominator cannot be added up across units.
    aggregable = models.BooleanField("cộng dồn được", default=True)
    note = models.TextField("ghi chú", blank=True)
    source = models.CharField("nguồn số liệu", max_length=300, blank=True)
    # A confirmation belongs to the value it confirmed: when the value changes, it no longer
    # holds (reporting.values decides when a write keeps or sets it).
    confirmed_value = models.DecimalField("giá trị đã xác nhận là đúng", max_digits=18,
                                          decimal_places=4, null=True, blank=True)
    # Kept when the value is deleted: the last record says who deleted it, and when.
    history = HistoricalRecords(bases=[ValueChange])

    objects = ValueQuerySet.as_manager()

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [models.UniqueConstraint(fields=["report", "measure"],
                                               name="unique_value")]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.value}"

    @property
    def confirmed(self) -> bool:
        """The reporter confirmed this very value as correct though it looked unusual."""
        return confirms(self.confirmed_value, self.value)


def confirms(confirmed_value: Decimal | None, value: Decimal | None) -> bool:
    """Whether a confirmation recorded for `confirmed_value` holds for the figure `value`."""
    return value is not None and confirmed_value == value


def measure_spec(measure: Measure) -> MeasureSpec:
    return MeasureSpec(code=measure.code, name=measure.name, unit_kind=measure.unit_kind,
                       scale=measure.scale, numerator_label=measure.numerator_label,
                       denominator_label=measure.denominator_label)


def plausibility_floor(measure: Measure | MeasureSpec) -> Decimal:
    """One unit of the measure: a point of a percentage, one in a thousand, ten in 100.000."""
    return Decimal(10) if measure.unit_kind == UnitKind.PER_100K else Decimal(1)


class ReportEvent(models.Model):
    """One step of the workflow: who did what to a report, and when."""

    class Action(models.TextChoices):
        SAVE = "save", "Lưu nháp"
        SUBMIT = "submit", "Nộp báo cáo"
        RESUBMIT = "resubmit", "Nộp lại"
        APPROVE = "approve", "Duyệt"
        RETURN = "return", "Trả lại"
        UNAPPROVE = "unapprove", "Hủy duyệt"

    report = models.ForeignKey(Report, models.CASCADE, related_name="events")
    action = models.CharField("thao tác", max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name="người thực hiện")
    at = models.DateTimeField("lúc")
    comment = models.TextField("ý kiến", blank=True)
    late = models.BooleanField("sau hạn", default=False)

    class Meta:
        verbose_name = "bước xử lý báo cáo"
        verbose_name_plural = "bước xử lý báo cáo"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y}"


class FigureComment(models.Model):
    """A reviewer's comment on one figure of a report, shown beside that figure to the
    reporter: what to fix, rather than only a comment on the whole report."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="figure_comments",
                               verbose_name="báo cáo")
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="+",
                                verbose_name="chỉ tiêu đo lường")
    text = models.TextField("ý kiến")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name="người góp ý")
    at = models.DateTimeField("lúc")

    class Meta:
        verbose_name = "ý kiến về số liệu"
        verbose_name_plural = "ý kiến về số liệu"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.text[:40]}"


class ReminderKind(models.TextChoices):
    DUE_IN_7 = "due_7", "Nhắc trước hạn 7 ngày"
    DUE_IN_1 = "due_1", "Nhắc trước hạn 1 ngày"
    DIGEST = "digest", "Tổng hợp báo cáo còn thiếu"


class Reminder(models.Model):
    """An e-mail sent: the unique key makes a job that runs twice send once."""

    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    cycle = models.ForeignKey(ReportingCycle, models.CASCADE, related_name="reminders")
    report = models.ForeignKey(Report, models.CASCADE, null=True, blank=True,
                               related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    sent_on = models.DateField("ngày gửi")
    sent_at = models.DateTimeField("gửi lúc")

    class Meta:
        verbose_name = "thư nhắc"
        verbose_name_plural = "thư nhắc"
        constraints = [
            # Deadline reminders: once per report and person; the digest: once a day.
            models.UniqueConstraint(fields=["kind", "report", "user"],
                                    condition=Q(report__isnull=False), name="unique_reminder"),
            models.UniqueConstraint(fields=["kind", "cycle", "user", "sent_on"],
                                    condition=Q(report__isnull=True), name="unique_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.user} ({self.sent_on:%d/%m/%Y})"


class ValidationRule(models.Model):
    """A check across a report's figures (reporting.rules): editable in the admin."""

    left = models.CharField("vế trái", max_length=200,
                            help_text="Mã chỉ tiêu, hoặc tổng của các mã và số, ví dụ 17a + 17b")
    operator = models.CharField("phép so sánh", max_length=2, choices=[
        (key, sign) for key, (sign, _) in RULE_OPERATORS.items()])
    right = models.CharField("vế phải", max_length=200,
                             help_text="Như vế trái; một hằng số viết có dấu phẩy, ví dụ 100,0")
    severity = models.CharField("mức độ", max_length=10, choices=[
        (BLOCK, "Chặn nộp báo cáo"), (CONFIRM, "Cần ghi chú và xác nhận")])
    message = models.CharField("thông báo", max_length=500)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra"
        verbose_name_plural = "quy tắc kiểm tra"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"

    def clean(self) -> None:
        errors = {}
        for name in ("left", "right"):
            try:
                parse_side(getattr(self, name))
            except RuleSyntaxError as error:
                errors[name] = f"{self._meta.get_field(name).verbose_name}: {error}."
        if errors:
            raise ValidationError(errors)

    def as_rule(self) -> Rule:
        return Rule(self.left, self.operator, self.right, self.severity, self.message)
