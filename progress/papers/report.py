"""What the annual report (Báo cáo kết quả thực hiện) says for a plan, a unit and a year.

The figures and statuses are the summary workbook's (progress.workbook.summary.summary_for,
which reads through progress.readers.unit_series like the dashboards), so the report, the
workbook and the page never disagree. The words are the agencies' own: the "Kết quả đạt
được", "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất" of each approved report of the
year's annual cycle (its review's where it has none), gathered by agency (an agency
reporting for several communes is listed once, its texts in unit order), and the budget
each spent.

Numbers are text here, written the Vietnamese way: figures as every output shows them
(indicators.numbers.format_figure, two decimals at most), sums of money in full.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Q, When

from agencies.models import AdminUnit, Agency, UnitLevel
from childplan.models import Plan
from indicators.numbers import format_figure, format_number
from progress.papers.letterhead import Letterhead, letterhead
from progress.rows import LABELS, ORDER
from progress.verdicts import LABELS as VERDICT_LABELS
from progress.workbook.summary import MILESTONES, Summary, summary_for
from reporting.models import (
    COUNTED_CYCLE_KINDS,
    CycleKind,
    Report,
    ReportingCycle,
    ReportStatus,
)

STATUS_KEYS = {label: key for key, label in LABELS.items()}


@dataclass(frozen=True)
class Line:
    number: int
    code: str
    name: str
    unit: str
    target_2025: str
    target_2030: str
    value: str
    status: str
    series: dict[int, str]  # every year's figure, for the annex


@dataclass
class GoalBlock:
    title: str
    rows: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewLine:
    number: int
    name: str
    unit: str
    target: str
    value: str
    verdict: str  # Đạt / Không đạt / Chưa đánh giá được
    reason: str


@dataclass
class ReviewBlock:
    """A review's table: every target of its year beside what was reached (the verdicts of
    progress.verdicts, on the figures of the page)."""

    year: int
    title: str  # "Sơ kết 2025"
    heading: str
    summary: str
    rows: list[ReviewLine]


@dataclass(frozen=True)
class AgencyText:
    name: str
    text: str


@dataclass(frozen=True)
class BudgetLine:
    number: int
    name: str
    amount: str


@dataclass
class AnnualReport:
    head: Letterhead
    plan: Plan
    unit: AdminUnit
    year: int
    years: list[int]
    title: str
    opening: str
    direction: str
    status_summary: str
    goals: list[GoalBlock]
    results: list[AgencyText]
    difficulties: list[AgencyText]
    proposals: list[AgencyText]
    budget: list[BudgetLine]
    budget_summary: str
    recipient: str
    summary: Summary  # what the charts draw
    reviews: list[ReviewBlock] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [row for goal in self.goals for row in goal.rows]


def annual_report_for(*, plan: Plan, unit: AdminUnit, year: int, issuer: Agency | None,
                      on: datetime.date) -> AnnualReport:
    summary = summary_for(plan=plan, unit=unit, year=year)
    head = letterhead_for(plan, issuer, on)
    # The year's annual cycle, or where there is none its review's (a district plan's
    # sơ kết of 2025): the cycle whose figures count for the year gives its words too.
    cycle = (ReportingCycle.objects.filter(plan=plan, year=year, kind__in=COUNTED_CYCLE_KINDS)
             .order_by(Case(When(kind=CycleKind.ANNUAL, then=0), default=1), "pk").first())
    reports = _approved_reports(cycle, plan, unit)
    goals = [GoalBlock(group.title, [_line(row, year, summary.years) for row in group.rows])
             for group in summary.groups]
    by_agency = _by_agency(reports)
    budget, total = _budget(reports)
    what = f"{plan.kind} {plan.number}".strip()
    issued = f" ngày {plan.issued_label}" if plan.issued_label else ""
    return AnnualReport(
        head=head, plan=plan, unit=unit, year=year, years=summary.years,
        title=f"Kết quả thực hiện {plan.title[:1].lower()}{plan.title[1:]} năm {year}"
        if plan.title else f"Kết quả thực hiện kế hoạch năm {year}",
        opening=(f"Thực hiện {what}{issued} của {plan.issuer}, "
                 f"{issuer.name if issuer else 'UBND ' + plan.unit.name} "
                 f"báo cáo kết quả thực hiện năm {year} trên địa bàn {unit.name} như sau:"),
        direction=_direction(cycle, reports),
        status_summary=_status_summary(goals),
        goals=goals,
        results=[AgencyText(n, t) for n, t in by_agency["results"]],
        difficulties=[AgencyText(n, t) for n, t in by_agency["difficulties"]],
        proposals=[AgencyText(n, t) for n, t in by_agency["proposals"]],
        budget=budget,
        budget_summary=(f"Tổng kinh phí các cơ quan, đơn vị đã sử dụng năm {year}: "
                        f"{format_number(total)} đồng." if budget else
                        f"Chưa có cơ quan, đơn vị nào báo cáo kinh phí năm {year}."),
        recipient=plan.issuer,
        summary=summary,
        reviews=review_blocks(summary),
    )


def review_blocks(summary: Summary) -> list[ReviewBlock]:
    """The review tables of the summary's reviews (none for a plan without a review cycle)."""
    blocks = []
    for year, title in summary.review_years.items():
        lines = []
        for row in summary.rows:
            cell = next(c for c in row.reviews if c.year == year)
            lines.append(ReviewLine(row.number, f"{row.measure.code}. {row.measure.name}",
                                    row.measure.unit_label, cell.target or "—",
                                    format_figure(cell.verdict.value) or "—", cell.label,
                                    cell.verdict.reason))
        counts = Counter(line.verdict for line in lines)
        parts = [f"{counts[label]} {label.lower()}" for label in map(str, VERDICT_LABELS.values())
                 if counts[label]]
        period = f"{summary.plan.period_start or 2021}–{year}"
        kind = title.rsplit(" ", 1)[0].lower()  # "sơ kết", "tổng kết"
        heading = f"Kết quả so với mục tiêu năm {year} ({kind} giai đoạn {period})"
        said = (f"Trong {len(lines)} chỉ tiêu so với mục tiêu năm {year}: "
                + ", ".join(parts) + ".")
        blocks.append(ReviewBlock(year, title, heading, said, lines))
    return blocks


def letterhead_for(plan: Plan, issuer: Agency | None, on: datetime.date) -> Letterhead:
    if issuer is None:
        return letterhead(issuer_name="", unit_name=plan.unit.name, on=on)
    return letterhead(issuer_name=issuer.name, unit_name=issuer.unit.name, on=on,
                      national=issuer.unit.level == UnitLevel.NATION)


def _approved_reports(cycle: ReportingCycle | None, plan: Plan, unit: AdminUnit
                      ) -> list[Report]:
    if cycle is None:
        return []
    reports = Report.objects.filter(cycle=cycle, status=ReportStatus.APPROVED)
    if unit.pk != plan.unit_id:  # a unit below the plan's: its own reports and its communes'
        reports = reports.filter(Q(unit=unit) | Q(unit__parent=unit)
                                 | Q(unit__parent__parent=unit))
    return list(reports.select_related("agency", "unit").order_by("agency__name", "unit__name"))


def _line(row, year: int, years: list[int]) -> Line:
    measure = row.measure
    return Line(row.number, measure.code, f"{measure.code}. {measure.name}", measure.unit_label,
                row.targets[MILESTONES[0]], row.targets[MILESTONES[1]],
                format_figure(row.values[year].value), row.status,
                {y: format_figure(row.values[y].value) for y in years})


def _by_agency(reports: list[Report]) -> dict[str, list[tuple[str, str]]]:
    texts: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in
                                               ("results", "difficulties", "proposals")}
    for report in reports:
        for kind, found in texts.items():
            text = getattr(report, kind).strip()
            if text and text not in found[report.agency.name]:
                found[report.agency.name].append(text)
    return {kind: [(name, "\n".join(parts)) for name, parts in found.items()]
            for kind, found in texts.items()}


def _budget(reports: list[Report]) -> tuple[list[BudgetLine], Decimal]:
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for report in reports:
        if report.budget_spent is not None:
            spent[report.agency.name] += report.budget_spent
    lines = [BudgetLine(i, name, format_number(amount))
             for i, (name, amount) in enumerate(sorted(spent.items()), start=1)]
    return lines, sum(spent.values(), Decimal(0))


def _direction(cycle: ReportingCycle | None, reports: list[Report]) -> str:
    if cycle is None:
        return "Chưa mở kỳ báo cáo năm này."
    expected = cycle.reports.count()
    kind = "báo cáo năm" if cycle.kind == CycleKind.ANNUAL else cycle.get_kind_display().lower()
    return (f"Kỳ {kind} {cycle.year} mở ngày {cycle.opens_on:%d/%m/%Y}, hạn nộp "
            f"{cycle.deadlines_text}; {len(reports)}/{expected} báo cáo của các cơ quan, "
            "đơn vị đã được duyệt và được tổng hợp trong báo cáo này.")


def _status_summary(goals: list[GoalBlock]) -> str:
    counts = Counter(STATUS_KEYS.get(line.status, line.status) for g in goals for line in g.rows)
    total = sum(counts.values())
    parts = [f"{counts[key]} {str(LABELS[key]).lower()}" for key in ORDER if counts.get(key)]
    return f"Trong {total} chỉ tiêu của kế hoạch: " + ", ".join(parts) + "."
