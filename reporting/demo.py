"""Demo reporting: approved figures 2021–2025, the mid-term review of 2025 and the open
2026 cycle in every state.

For the Trà Vinh and Triệu Sơn plans; Triệu Sơn's, a district plan, is history after the
2025 reform: its 2021–2024 cycles only. Vĩnh Long's 2026–2030 plan, issued, succeeds old Trà
Vinh's; Thanh Hóa's, taking over Triệu Sơn's, is still a draft to edit. Everything goes
through the reporting services, so the demo has the same history, events and late flags as
real use. Running it again changes nothing: a past cycle is filled only while unlocked,
the 2026 cycle only while none of its reports has been touched.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.unit_loading import current_province
from childplan.models import Plan
from childplan.services import plan_create_successor, plan_issue
from indicators.models import Measure
from reporting.figures import Figure, compute
from reporting.models import CycleKind, Report, ReportingCycle
from reporting.services import (
    Entry,
    FigureEntry,
    cycle_open,
    report_approve,
    report_return,
    report_save,
    report_submit,
)

DEMO_PLANS = {"tra-vinh-2021": 15000, "trieu-son-2021": 2500}  # children born a year, roughly
HISTORY = range(2021, 2026)
CURRENT = 2026
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Sở/Phòng Y tế first, so the demo reporter finds a returned report with its comment; then
# what the reviewer acts on. Since 03/2025 Trà Vinh's cycle has five reports, not six.
SCENARIOS = ["returned", "submitted", "late", "approved", "draft", "not_started"]
RETURN_COMMENT = ("Chỉ tiêu 3a: tử số chưa khớp số liệu của Trung tâm Kiểm soát bệnh tật; "
                  "đề nghị kiểm tra lại và ghi rõ nguồn.")


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=VN)


def _rate(measure: Measure, plan: Plan, year: int) -> Decimal:
    """A rate that moves from a plausible 2021 start towards the plan's 2030 target."""
    rng = random.Random(f"{plan.key}-{measure.code}")
    target = plan.targets.filter(measure=measure).order_by("-year").first()
    goal = float(target.value) if target else None
    if measure.direction == "decrease":
        goal = goal if goal is not None else 5.0
        start = goal * rng.uniform(1.3, 1.6) + 0.5
    else:
        goal = goal if goal is not None else 95.0
        start = goal * rng.uniform(0.82, 0.92)
    if measure.unit_kind == "percent":
        start, goal = min(start, 99.5), min(goal, 100.0)
    step = (goal - start) / 10
    value = start + step * (year - 2021) + rng.uniform(-0.2, 0.2) * abs(step)
    return Decimal(str(max(value, 0))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Series the default validation rules order (reporting/migrations/0004): neonatal ≤ under-1
# ≤ under-5 mortality, deaths from injuries ≤ injuries. Each plan's targets drive its own
# rates, which need not keep that order; the demo keeps it, as real figures do.
ORDERED_SERIES = (("3a", "3b"), ("3b", "3c"), ("11b", "11a"))


def _rates(measures: list[Measure], plan: Plan, year: int) -> dict[str, Decimal]:
    rates = {measure.code: _rate(measure, plan, year) for measure in measures}
    for low, high in ORDERED_SERIES:
        if low in rates and high in rates and rates[low] > rates[high]:
            rates[high] = (rates[low] * Decimal("1.3")).quantize(Decimal("0.01"))
    return rates


def _entry(report: Report, births: int, *, year: int) -> Entry:
    figures = {}
    measures = list(report.measures())
    rates = _rates(measures, report.cycle.plan, year)
    for measure in measures:
        rate = rates[measure.code]
        if measure.unit_kind == "annual_change":
            figures[measure.pk] = FigureEntry(Figure(value=Decimal("-2.5")))
            continue
        if not measure.is_ratio:
            figures[measure.pk] = FigureEntry(Figure(value=rate.quantize(Decimal(1))))
            continue
        denominator = Decimal(births * (5 if measure.unit_kind != "per_1000" else 1))
        numerator = min((rate * denominator / measure.scale).quantize(Decimal(1)), denominator)
        figures[measure.pk] = FigureEntry(
            Figure(numerator, denominator, compute(numerator, denominator, measure.scale)),
            source="Số liệu thống kê của ngành")
    return Entry(figures=figures,
                 results=f"Các chỉ tiêu năm {year} cơ bản đạt tiến độ kế hoạch.",
                 difficulties="Số liệu cấp xã còn chậm, một số xã sáp nhập chưa tách được số liệu.",
                 proposals="Đề nghị bố trí kinh phí tập huấn cán bộ thống kê cấp xã.",
                 budget_spent=Decimal(births * 8000))


def _people(cycle: ReportingCycle):
    """The cycle's first reviewer, if the demo has one; steps without a person read "hệ thống"."""
    return get_user_model().objects.filter(memberships__agency=cycle.consolidating_agency,
                                           memberships__role="reviewer").order_by("pk").first()


def _reporter(report: Report):
    return get_user_model().objects.filter(memberships__agency=report.agency,
                                           memberships__role="reporter").order_by("pk").first()


def _fill_history(plan: Plan, births: int) -> int:
    approved = 0
    for year in HISTORY:
        if plan.is_history_on(datetime.date(year, 10, 1)):
            continue  # a district plan: no cycle after the 2025 reform
        cycle = cycle_open(plan=plan, year=year, opens_on=datetime.date(year, 10, 1))
        approved += _fill_and_lock(cycle, births, month=11)
    return approved


# The mid-term review (sơ kết 2021–2025), held in June 2025 before the reform: Triệu Sơn's
# district plan has no 2025 annual cycle, so its review's figures are its 2025 figures; in
# Trà Vinh the annual cycle of 2025 gives them later, and the review's count where it did not.
REVIEW_OPENS = datetime.date(2025, 6, 1)


def _fill_review(plan: Plan, births: int) -> int:
    cycle = cycle_open(plan=plan, year=2025, kind=CycleKind.MIDTERM, opens_on=REVIEW_OPENS,
                       deadline=datetime.date(2025, 6, 20))
    return _fill_and_lock(cycle, births, month=6)


def _fill_and_lock(cycle: ReportingCycle, births: int, *, month: int) -> int:
    """Every report of a past cycle filled, submitted and approved, then the cycle locked."""
    if cycle.locked:
        return 0
    year, approved = cycle.year, 0
    reviewer = _people(cycle)
    for report in cycle.reports.filter(started_at=None).order_by("pk"):
        by = _reporter(report)
        report = report_save(report=report, by=by, version=report.version,
                             entry=_entry(report, births, year=year), now=_at(year, month, 5))
        report = report_submit(report=report, by=by, version=report.version,
                               now=_at(year, month, 12))
        report_approve(report=report, by=reviewer, now=_at(year, month, 25))
        approved += 1
    ReportingCycle.objects.filter(pk=cycle.pk).update(locked=True,
                                                      locked_at=_at(year, month + 1, 15))
    return approved


def _open_current(plan: Plan, births: int) -> bool:
    if plan.is_history_on(datetime.date(CURRENT, 10, 1)):
        return False
    cycle = cycle_open(plan=plan, year=CURRENT, opens_on=datetime.date(CURRENT, 10, 1))
    if cycle.reports.exclude(started_at=None).exists():
        return False
    reviewer = _people(cycle)
    reports = sorted(cycle.reports.select_related("agency"),
                     key=lambda r: (r.agency.sector != "yte", r.agency.name))
    for report, scenario in zip(reports, SCENARIOS * 2, strict=False):
        if scenario == "not_started":
            continue
        by = _reporter(report)
        report = report_save(report=report, by=by, version=report.version,
                             entry=_entry(report, births, year=CURRENT), now=_at(CURRENT, 11, 5))
        if scenario == "draft":
            continue
        submitted_at = _at(CURRENT, 11, 21, 10) if scenario == "late" else _at(CURRENT, 11, 14)
        report = report_submit(report=report, by=by, version=report.version, now=submitted_at)
        if scenario == "approved":
            report_approve(report=report, by=reviewer, now=_at(CURRENT, 11, 17))
        elif scenario == "returned":
            report_return(report=report, by=reviewer, comment=RETURN_COMMENT,
                          now=_at(CURRENT, 11, 18))
    return True


# Vĩnh Long's 2026–2030 plan, successor of old Trà Vinh's: its communes report in 2026 in every
# state, most already approved, as a province's review looks in late November.
VINH_LONG_PLAN = "vinh-long-2026"
COMMUNE_SCENARIOS = (["approved"] * 8 + ["submitted"] * 4 + ["late"] * 2 + ["returned"]
                     + ["draft"] * 3 + ["not_started"] * 2)
# The office asks its communes ten days before the plan's 20/11, to consolidate in time.
COMMUNE_DEADLINE = datetime.date(CURRENT, 11, 10)
DEMO_COMMUNE = "Phường Trà Vinh"  # xa.phuongtravinh's: returned, with a comment on a figure
FIGURE_COMMENT = ("Mẫu số chưa khớp số trẻ dưới 1 tuổi trong sổ tiêm chủng của trạm y tế; "
                  "đề nghị kiểm tra lại.")


def _successor_2026(key: str, *, predecessor: str, province: str, name: str,
                    prefix: str = "", **document) -> tuple[Plan, bool]:
    """The demo's 2026–2030 plan `key` of a province, taking over `predecessor`: made once
    (True) as a draft through the successor service, found again afterwards (False)."""
    plan = Plan.objects.filter(key=key).first()
    if plan is not None:
        return plan, False
    return plan_create_successor(
        predecessors=[Plan.objects.get(key=predecessor)], key=key,
        title=f"{prefix}Kế hoạch thực hiện Chương trình hành động vì trẻ em {name} giai đoạn "
              "2026–2030", issuer=f"UBND {name}",
        unit=current_province(province), period_start=2026, period_end=2030,
        on=datetime.date(2026, 1, 1), **document), True


def vinh_long_plan() -> Plan:
    plan, made = _successor_2026(VINH_LONG_PLAN, predecessor="tra-vinh-2021", province="86",
                                 name="tỉnh Vĩnh Long", number="125/KH-UBND",
                                 issued_on=datetime.date(2026, 1, 20))
    return plan_issue(plan) if made else plan


# Thanh Hóa's 2026–2030 plan, taking over the Triệu Sơn district plan, still a draft: its
# province's office (or an administrator) edits its targets before it is issued.
THANH_HOA_DRAFT = "thanh-hoa-2026"


def thanh_hoa_draft() -> Plan:
    return _successor_2026(THANH_HOA_DRAFT, predecessor="trieu-son-2021", province="38",
                           name="tỉnh Thanh Hóa", prefix="Dự thảo ")[0]


def _open_vinh_long(births: int = 15000) -> bool:
    plan = vinh_long_plan()
    cycle = cycle_open(plan=plan, year=CURRENT, opens_on=datetime.date(CURRENT, 10, 1),
                       commune_deadline=COMMUNE_DEADLINE)
    if cycle.reports.exclude(started_at=None).exists():
        return False
    reviewer = _people(cycle)
    communes = list(cycle.reports.of_communes().select_related("unit", "agency")
                    .order_by("unit__name"))
    agencies = sorted(cycle.reports.of_communes(False).select_related("agency"),
                      key=lambda r: (r.agency.sector != "yte", r.agency.name))
    plan_of = list(zip(agencies, SCENARIOS * 2, strict=False))
    plan_of += [(r, "returned" if r.unit.name == DEMO_COMMUNE else
                 COMMUNE_SCENARIOS[i % len(COMMUNE_SCENARIOS)]) for i, r in enumerate(communes)]
    share = max(births // max(len(communes), 1), 50)
    for report, scenario in plan_of:
        if scenario == "not_started":
            continue
        by = _reporter(report)
        size = share if report.is_commune_report else births
        report = report_save(report=report, by=by, version=report.version,
                             entry=_entry(report, size, year=CURRENT), now=_at(CURRENT, 11, 5))
        if scenario == "draft":
            continue
        # Each on its side of its own deadline: a commune's 10/11, an agency's 20/11.
        day_after = report.deadline + datetime.timedelta(days=1)
        submitted_at = (_at(CURRENT, day_after.month, day_after.day, 10) if scenario == "late"
                        else _at(CURRENT, 11, 8) if report.is_commune_report
                        else _at(CURRENT, 11, 14))
        report = report_submit(report=report, by=by, version=report.version, now=submitted_at)
        if scenario == "approved":
            report_approve(report=report, by=reviewer, now=_at(CURRENT, 11, 17))
        elif scenario == "returned":
            vaccines = {m.code: m.pk for m in report.measures()}.get("5a")
            on_figure = report.is_commune_report and vaccines is not None
            report_return(report=report, by=reviewer, comment="" if on_figure else RETURN_COMMENT,
                          figure_comments={vaccines: FIGURE_COMMENT} if vaccines else None,
                          now=_at(CURRENT, 11, 18))
    return True


@transaction.atomic
def load_reporting_demo() -> dict[str, int]:
    approved = opened = 0
    for key, births in DEMO_PLANS.items():
        plan = Plan.objects.get(key=key)
        approved += _fill_review(plan, births) + _fill_history(plan, births)
        opened += _open_current(plan, births)
    opened += _open_vinh_long()
    thanh_hoa_draft()
    keys = [*DEMO_PLANS, VINH_LONG_PLAN]
    return {"approved_reports": approved, "opened_cycles": opened,
            "reports": Report.objects.filter(cycle__plan__key__in=keys).count()}
