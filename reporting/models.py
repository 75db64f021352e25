"""Reporting cycles, the reports agencies file in them, and the figures they hold."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, ExpressionWrapper, F, OuterRef, Q, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
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
    ANNUAL = "annual", _("Hằng năm")
    MIDTERM = "midterm", _("Sơ kết giữa kỳ")
    FINAL = "final", _("Tổng kết")
    ADHOC = "adhoc", _("Đột xuất")


# The review cycles: the mid-term review (sơ kết, 2025) and the final one (tổng kết, 2030).
REVIEW_CYCLE_KINDS = (CycleKind.MIDTERM, CycleKind.FINAL)
# The cycles whose figures count in every output. A review's figure counts as its year's
# where the annual cycle of that year gives none (Value.objects.counted says how).
COUNTED_CYCLE_KINDS = (CycleKind.ANNUAL, *REVIEW_CYCLE_KINDS)
# The year each review looks back from, and the target year it judges.
REVIEW_YEARS = {CycleKind.MIDTERM: 2025, CycleKind.FINAL: 2030}


class ReportKind(models.TextChoices):
    """Who files a report, for the deadline it has: the province's agencies, or the communes
    (their People's Committees, since the 2025 reform)."""

    AGENCY = "agency", _("Các cơ quan cấp tỉnh")
    COMMUNE = "commune", _("Các xã, phường")


# A commune's People's Committee reporting for its commune: the one rule for what a commune's
# report is, here in SQL and in Report.kind for a report already read.
COMMUNE_REPORT = Q(unit__level=UnitLevel.COMMUNE, agency__sector=Sector.UBND)


class CycleQuerySet(models.QuerySet):
    def open(self) -> CycleQuerySet:
        return self.filter(locked=False)

    def due_on(self, day: datetime.date) -> CycleQuerySet:
        """The cycles with some kind of report due on `day`."""
        return self.filter(Q(deadline=day) | Q(commune_deadline=day))

    def past_a_deadline(self, today: datetime.date) -> CycleQuerySet:
        """The cycles with some kind of report whose deadline day is over by `today`."""
        return self.filter(Q(deadline__lt=today) | Q(commune_deadline__lt=today))


class ReportingCycle(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="cycles",
                             verbose_name=_("kế hoạch"))
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=CycleKind.choices,
                            default=CycleKind.ANNUAL)
    opens_on = models.DateField(_("ngày mở"))
    # The cycle's own deadline (the plan's, 20/11 by default): the provincial agencies' too.
    deadline = models.DateField(_("hạn nộp"))
    # Communes may be asked earlier, so the office can consolidate by the cycle's deadline;
    # none: the cycle's deadline. Read a report's deadline through Report.deadline only.
    commune_deadline = models.DateField(_("hạn nộp của các xã, phường"), null=True, blank=True)
    locked = models.BooleanField(_("đã khóa"), default=False)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("người khóa"))
    # Fixed when the cycle opens: the plan's office, or the agency its work had passed to by
    # then. Reviews follow the cycle, so a past year stays with the office that consolidated it.
    consolidating_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="consolidated_cycles",
        verbose_name=_("cơ quan tổng hợp"))

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "kỳ báo cáo")
        ordering = ["-year", "plan"]
        constraints = [models.UniqueConstraint(fields=["plan", "year", "kind"],
                                               name="unique_cycle")]

    def __str__(self) -> str:
        return f"{self.title} — {self.plan.unit.name}"

    @property
    def title(self) -> str:
        if self.kind == CycleKind.ANNUAL:
            return _("Báo cáo năm %(year)s") % {"year": self.year}
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        errors = {}
        if self.kind == CycleKind.MIDTERM and self.year != REVIEW_YEARS[self.kind]:
            errors["year"] = _("Kỳ sơ kết giữa kỳ là năm 2025.")
        if self.kind == CycleKind.FINAL and self.year != REVIEW_YEARS[self.kind]:
            errors["year"] = _("Kỳ tổng kết là năm 2030.")
        opens = f"{self.opens_on:%d/%m/%Y}" if self.opens_on else ""
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("Hạn nộp của kỳ báo cáo không được trước ngày mở kỳ "
                                   "(%(opens)s).") % {"opens": opens}
        if self.commune_deadline and self.opens_on and self.commune_deadline < self.opens_on:
            errors["commune_deadline"] = _("Hạn nộp của các xã, phường không được trước ngày "
                                           "mở kỳ (%(opens)s).") % {"opens": opens}
        elif self.commune_deadline and self.deadline and self.commune_deadline > self.deadline:
            # The communes' figures are what the office consolidates by the cycle's deadline.
            errors["commune_deadline"] = _(
                "Hạn nộp của các xã, phường không được sau hạn nộp của kỳ báo cáo "
                "(%(deadline)s): văn phòng cần số liệu của xã để tổng hợp.") % {
                    "deadline": f"{self.deadline:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def deadline_for(plan: Plan, year: int) -> datetime.date:
        return deadline_date(year, plan.deadline_day, plan.deadline_month)

    def deadline_of(self, kind: str) -> datetime.date:
        """The deadline of the cycle's reports of `kind` (ReportKind): the one home of it."""
        if kind == ReportKind.COMMUNE and self.commune_deadline is not None:
            return self.commune_deadline
        return self.deadline

    @property
    def has_own_commune_deadline(self) -> bool:
        return self.deadline_of(ReportKind.COMMUNE) != self.deadline_of(ReportKind.AGENCY)

    def _stated_kinds(self) -> list[ReportKind | None]:
        """The kinds of report whose deadlines a page states: None for all of them at once."""
        return list(ReportKind) if self.has_own_commune_deadline else [None]

    def stated_deadlines(self) -> list[tuple[str, datetime.date]]:
        """The deadlines the cycle states: its own ("" for all reports), or one per kind of
        report (its label) when the communes have their own."""
        return [(str(kind.label) if kind else "", self.deadline_of(kind or ReportKind.AGENCY))
                for kind in self._stated_kinds()]

    @property
    def deadlines_text(self) -> str:
        """"20/11/2026", or "các cơ quan cấp tỉnh 20/11/2026; các xã, phường 10/11/2026"."""
        return "; ".join(f"{label.lower() + ' ' if label else ''}{deadline:%d/%m/%Y}"
                         for label, deadline in self.stated_deadlines())

    def deadline_lines(self, today: datetime.date, to_send: dict[str, int] | None = None
                       ) -> list[DeadlineLine]:
        """stated_deadlines, each counting down (or overdue) only while a report of its kind
        is still to send; `to_send`: Completeness.to_send when read already (else a query)."""
        left = to_send if to_send is not None else self.reports.completeness().to_send
        lines = []
        for kind in self._stated_kinds():
            deadline = self.deadline_of(kind or ReportKind.AGENCY)
            outstanding = left[kind] if kind else sum(left.values())
            if self.locked:
                note = ""
            elif outstanding:
                note = countdown(deadline, today)
            else:
                note = gettext("đã nộp tất cả báo cáo")
            lines.append(DeadlineLine(str(kind.label) if kind else "", deadline, note,
                                      overdue=bool(outstanding) and not self.locked
                                      and today > deadline))
        return lines


class DeadlineLine(NamedTuple):
    label: str  # the kind of report, or "" for the one deadline of all
    deadline: datetime.date
    countdown: str  # "còn 3 ngày", "quá hạn 2 ngày", "đã nộp tất cả báo cáo", "" (locked)
    overdue: bool = False  # past the deadline with a report of its kind still to send


class DeadlineChange(models.Model):
    """A change of one of a cycle's deadlines: who made it, when, from what to what."""

    cycle = models.ForeignKey(ReportingCycle, models.CASCADE, related_name="deadline_changes",
                              verbose_name=_("kỳ báo cáo"))
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    before = models.DateField(_("hạn cũ"))
    after = models.DateField(_("hạn mới"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("người sửa"))
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("thay đổi hạn nộp")
        verbose_name_plural = pgettext_lazy("plural", "thay đổi hạn nộp")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.before:%d/%m/%Y} → {self.after:%d/%m/%Y}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class Progress(models.TextChoices):
    """What the completeness page calls a report's state."""

    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    LATE = "late", _("Nộp muộn")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


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
        return self.filter(COMMUNE_REPORT) if communes else self.exclude(COMMUNE_REPORT)

    def with_deadline(self) -> ReportQuerySet:
        """Annotated `due_on`: each report's own deadline (ReportingCycle.deadline_of in SQL),
        so reminders and digests filter on it for any number of communes in one query."""
        return self.annotate(due_on=Case(
            When(COMMUNE_REPORT, then=Coalesce("cycle__commune_deadline", "cycle__deadline")),
            default=F("cycle__deadline"), output_field=models.DateField()))

    def with_unusual(self) -> ReportQuerySet:
        """Annotated `has_unusual`: a figure the reporter confirmed though it looked far from
        the unit's history (what a reviewer reads before approving)."""
        return self.annotate(has_unusual=Exists(Value.objects.filter(
            report=OuterRef("pk"), confirmed_value__isnull=False)))

    def completeness(self) -> Completeness:
        """How many reports are in each completeness state, and how many were first submitted
        on time: one query, however many communes report."""
        rows = (self.order_by().annotate(commune=ExpressionWrapper(
                    COMMUNE_REPORT, output_field=models.BooleanField()))
                .values_list("status", "late", "commune").annotate(
                    started=Count("started_at"), submitted=Count("first_submitted_at"),
                    n=Count("pk")))
        counts = dict.fromkeys(Progress.values, 0)
        to_send = dict.fromkeys(ReportKind.values, 0)
        total = on_time = 0
        for status, late, commune, started, submitted, n in rows:
            total += n
            on_time += 0 if late else submitted
            if status in EDITABLE:
                to_send[ReportKind.COMMUNE if commune else ReportKind.AGENCY] += n
            if status == ReportStatus.DRAFT:
                counts[Progress.DRAFT] += started
                counts[Progress.NOT_STARTED] += n - started
            elif status == ReportStatus.SUBMITTED and late:
                counts[Progress.LATE] += n
            else:
                counts[status] += n
        return Completeness(counts, total, on_time, to_send)


class Report(models.Model):
    cycle = models.ForeignKey(ReportingCycle, models.CASCADE, related_name="reports",
                              verbose_name=_("kỳ báo cáo"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="reports",
                               verbose_name=_("cơ quan"))
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="reports",
                             verbose_name=_("đơn vị báo cáo"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    # Optimistic locking: every write claims the version the page was built from.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    late = models.BooleanField(_("nộp muộn"), default=False)
    started_at = models.DateTimeField(_("bắt đầu nhập lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sửa lần cuối lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    first_submitted_at = models.DateTimeField(_("nộp lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("duyệt / trả lại lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    review_comment = models.TextField(_("ý kiến của cán bộ tổng hợp"), blank=True)
    results = models.TextField(_("kết quả đạt được"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    budget_spent = models.DecimalField(_("kinh phí đã sử dụng (đồng)"), max_digits=18,
                                       decimal_places=0, null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo")
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
        return str(Progress(self.progress).label)

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
        """A commune's People's Committee reporting for its commune (since the 2025 reform):
        COMMUNE_REPORT for a report already read."""
        return self.unit.level == UnitLevel.COMMUNE and self.agency.sector == Sector.UBND

    @property
    def kind(self) -> str:
        return ReportKind.COMMUNE if self.is_commune_report else ReportKind.AGENCY

    @property
    def deadline(self) -> datetime.date:
        """This report's deadline: the one every page, reminder and late flag reads."""
        return self.cycle.deadline_of(self.kind)

    @property
    def is_outstanding(self) -> bool:
        """Still to send: only such a report counts down, or is ever shown overdue."""
        return self.status in EDITABLE

    def countdown(self, today: datetime.date) -> str:
        """"còn N ngày" / "quá hạn N ngày" while the report is still to send, else ""."""
        return countdown(self.deadline, today) if self.is_outstanding else ""

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

        Values of the plan's approved reports in counted cycles, one per reporting unit,
        measure and year. A review cycle's figure (sơ kết 2025, tổng kết 2030) counts as
        its year's where no annual report of the unit gives one: an annual figure wins over
        the review's. Among figures of the same kind (two agencies co-leading a chỉ tiêu in
        one unit), the last reviewed wins (then the last filed).

        `plan` is a Plan or its id; `years`, when given, limits the cycles read; `units`,
        when given, the reporting units (ids): the choice among figures is then made among
        those units' reports only, which gives the same figures for them without ranking
        every figure of the plan.

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
        """The ids of figures another approved figure of the same unit and year replaces
        (a co-leading agency's later one, or an annual one over a review's).

        Nearly every unit files one approved report a year; only among the few that share
        their year and unit with another is each measure's figure picked.
        """
        return self._overtaken_among(_sharing(_counted_reports(plan, years, units)))

    def overtaken_ids(self, plan, years=None) -> list[int]:
        """`overtaken`, read in two small queries: the years and units with more than one
        approved report first (few, most of the time), then the figures replaced there."""
        reports = _counted_reports(plan, years)
        shared = (reports.values_list("cycle__year", "unit_id").annotate(n=Count("pk"))
                  .filter(n__gt=1).order_by())
        where = Q()
        for year, unit_id, _count in shared:
            where |= Q(cycle__year=year, unit_id=unit_id)
        return list(self._overtaken_among(reports.filter(where))) if where else []

    def _overtaken_among(self, reports) -> ValueQuerySet:
        return (Value.objects.filter(report__in=reports).exclude(value=None)
                .annotate(rank=Window(RowNumber(), partition_by=[
                    F("report__cycle__year"), F("report__unit_id"), F("measure_id")],
                    order_by=[_REVIEW_LAST, F("report__reviewed_at").desc(nulls_last=True),
                              F("report_id").desc()]))
                .filter(rank__gt=1).values_list("pk", flat=True))


# An annual figure before a review's of the same year.
_REVIEW_LAST = Case(When(report__cycle__kind=CycleKind.ANNUAL, then=models.Value(0)),
                    default=models.Value(1)).asc()


def _sharing(reports) -> ReportQuerySet:
    """The reports sharing their year and unit with another approved one that counts
    (co-leading agencies, or an annual report and a review's)."""
    siblings = Report.objects.filter(
        cycle__plan=OuterRef("cycle__plan"), cycle__year=OuterRef("cycle__year"),
        cycle__kind__in=COUNTED_CYCLE_KINDS, unit=OuterRef("unit"),
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

    FORM = "form", _("Biểu mẫu nhập liệu")
    EXCEL = "excel", _("Tệp Excel")
    API = "api", "API"
    # Changes saved one by one through the model (the admin's edit page) take the default.
    ADMIN = "admin", _("Trang quản trị")


class ValueChange(models.Model):
    """What a history row of a figure holds beyond the figure: the channel of the change."""

    channel = models.CharField(_("nhập qua"), max_length=10, choices=Channel.choices,
                               default=Channel.ADMIN)

    class Meta:
        abstract = True


class Value(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="values",
                               verbose_name=_("báo cáo"))
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="values",
                                verbose_name=_("chỉ tiêu đo lường"))
    numerator = models.DecimalField(_("tử số"), max_digits=18, decimal_places=4, null=True,
                                    blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=18, decimal_places=4, null=True,
                                      blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=4, null=True,
                                blank=True)
    # A rate typed without its numerator and denominator cannot be added up across units.
    aggregable = models.BooleanField(_("cộng dồn được"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("nguồn số liệu"), max_length=300, blank=True)
    # A confirmation belongs to the value it confirmed: when the value changes, it no longer
    # holds (reporting.values decides when a write keeps or sets it).
    confirmed_value = models.DecimalField(_("giá trị đã xác nhận là đúng"), max_digits=18,
                                          decimal_places=4, null=True, blank=True)
    # Kept when the value is deleted: the last record says who deleted it, and when.
    history = HistoricalRecords(bases=[ValueChange])

    objects = ValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu")
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
        SAVE = "save", _("Lưu nháp")
        SUBMIT = "submit", _("Nộp báo cáo")
        RESUBMIT = "resubmit", _("Nộp lại")
        APPROVE = "approve", _("Duyệt")
        RETURN = "return", _("Trả lại")
        UNAPPROVE = "unapprove", _("Hủy duyệt")

    report = models.ForeignKey(Report, models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("người thực hiện"))
    at = models.DateTimeField(_("lúc"))
    comment = models.TextField(_("ý kiến"), blank=True)
    late = models.BooleanField(_("sau hạn"), default=False)

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bước xử lý báo cáo")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y}"


class FigureComment(models.Model):
    """A reviewer's comment on one figure of a report, shown beside that figure to the
    reporter: what to fix, rather than only a comment on the whole report."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="figure_comments",
                               verbose_name=_("báo cáo"))
    measure = models.ForeignKey(Measure, models.PROTECT, related_name="+",
                                verbose_name=_("chỉ tiêu đo lường"))
    text = models.TextField(_("ý kiến"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("người góp ý"))
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("ý kiến về số liệu")
        verbose_name_plural = pgettext_lazy("plural", "ý kiến về số liệu")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.text[:40]}"


class ReminderKind(models.TextChoices):
    DUE_IN_7 = "due_7", _("Nhắc trước hạn 7 ngày")
    DUE_IN_1 = "due_1", _("Nhắc trước hạn 1 ngày")
    DIGEST = "digest", _("Tổng hợp báo cáo còn thiếu")


class Reminder(models.Model):
    """An e-mail sent: the unique key makes a job that runs twice send once."""

    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    cycle = models.ForeignKey(ReportingCycle, models.CASCADE, related_name="reminders")
    report = models.ForeignKey(Report, models.CASCADE, null=True, blank=True,
                               related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    sent_on = models.DateField(_("ngày gửi"))
    sent_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        verbose_name = _("thư nhắc")
        verbose_name_plural = pgettext_lazy("plural", "thư nhắc")
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

    left = models.CharField(_("vế trái"), max_length=200,
                            help_text=_("Mã chỉ tiêu, hoặc tổng của các mã và số, ví dụ 17a + 17b"))
    operator = models.CharField(_("phép so sánh"), max_length=2, choices=[
        (key, sign) for key, (sign, _) in RULE_OPERATORS.items()])
    right = models.CharField(_("vế phải"), max_length=200,
                             help_text=_("Như vế trái; một hằng số viết có dấu phẩy, ví dụ 100,0"))
    severity = models.CharField(_("mức độ"), max_length=10, choices=[
        (BLOCK, _("Chặn nộp báo cáo")), (CONFIRM, _("Cần ghi chú và xác nhận"))])
    message = models.CharField(_("thông báo"), max_length=500)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc kiểm tra")
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
