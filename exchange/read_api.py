"""Read endpoints: catalogue, units, plans, cycles, reports, values, snapshots.

Every endpoint fetches through the access helpers the pages use (agencies.access,
childplan.access, reporting.access): what a page refuses, the API refuses the same way
(403 without a role, 404 for what the user may not see).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router

from agencies.access import is_member
from agencies.models import AdminUnit
from childplan.access import access_plan, access_plan_progress
from childplan.models import Plan, PlanStatus
from exchange import present
from exchange.codes import codes_by_measure
from exchange.schemas import (
    MAX_ID,
    CrosswalkOut,
    CycleOut,
    ErrorOut,
    GoalOut,
    MeasureOut,
    Page,
    PlanDetailOut,
    PlanOut,
    ReportDetailOut,
    ReportOut,
    SnapshotOut,
    UnitOut,
    ValueOut,
)
from exchange.unit_codes import crosswalk
from indicators.models import Goal, Indicator, Measure
from progress.models import Snapshot
from reporting.access import access_report, readable_reports
from reporting.models import ReportingCycle, Value

router = Router()

UNIT_CODE = r"^[0-9A-Za-z]{1,10}$"
MEASURE_CODE = r"^[0-9A-Za-z._-]{1,20}$"
LEVELS = r"^(nation|province|district|commune)$"
REFUSALS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
# The texts of the schema (tags, summaries, descriptions) stay Vietnamese there; they are marked
# with gettext_noop for the catalogue, and the documentation page (exchange/docs.py) translates
# them as it shows them.
TAG_CATALOGUE = gettext_noop("Danh mục")
TAG_UNITS = gettext_noop("Đơn vị hành chính")
TAG_PLANS = gettext_noop("Kế hoạch")
TAG_REPORTS = gettext_noop("Báo cáo")
TAG_VALUES = gettext_noop("Số liệu")
TAG_PROGRESS = gettext_noop("Tiến độ")


def _member(request) -> None:
    if not is_member(request.user):
        raise PermissionDenied(_("Tài khoản chưa được phân quyền cho cơ quan nào."))


def _page(queryset, limit: int, offset: int, serialize) -> dict:
    count = queryset.count()
    return {"count": count, "limit": limit, "offset": offset,
            "items": [serialize(obj) for obj in queryset[offset:offset + limit]]}


Limit = Query(100, ge=1, le=1000, description=gettext_noop("Số mục mỗi trang (tối đa 1000)"))
Offset = Query(0, ge=0, le=10_000_000, description=gettext_noop("Bỏ qua bấy nhiêu mục"))
Year = Query(None, ge=1990, le=2100, description=gettext_noop("Năm"))
PlanId = Query(None, ge=1, le=MAX_ID, description=gettext_noop("Mã số kế hoạch (PlanOut.id)"))
UnitCode = Query(None, pattern=UNIT_CODE, description=gettext_noop("Mã đơn vị hành chính"))
MeasureCodeQ = Query(None, pattern=MEASURE_CODE,
                     description=gettext_noop("Mã chỉ tiêu đo lường"))


@router.get("/catalogue", response={200: list[GoalOut], **REFUSALS}, tags=[TAG_CATALOGUE],
            summary=gettext_noop("Danh mục: mục tiêu, chỉ tiêu và chỉ tiêu đo lường quốc gia"))
def catalogue(request):
    _member(request)
    measures = Measure.objects.national().order_by("position", "code")
    indicators = Indicator.objects.prefetch_related(Prefetch("measures", queryset=measures))
    goals = list(Goal.objects.prefetch_related(Prefetch("indicators", queryset=indicators)))
    codes = codes_by_measure(list(measures.select_related("indicator__goal")))
    return [{"number": g.number, "name": g.name, "indicators": [
        {"number": i.number, "name": i.name,
         "measures": [present.measure(m, codes[m.pk], goal=g.number, indicator=i.number)
                      for m in i.measures.all()]}
        for i in g.indicators.all()]} for g in goals]


@router.get("/measures", response={200: Page[MeasureOut], **REFUSALS}, tags=[TAG_CATALOGUE],
            summary=gettext_noop("Chỉ tiêu đo lường, cả chỉ tiêu riêng của kế hoạch"))
def measures(request, plan: int | None = PlanId, code: str | None = MeasureCodeQ,
             limit: int = Limit, offset: int = Offset):
    _member(request)
    found = (Measure.objects.exclude(plan__status=PlanStatus.REFERENCE)
             .select_related("indicator__goal").order_by("plan_id", "position", "code", "pk"))
    if plan is not None:
        found = found.filter(plan_id=plan)
    if code:
        found = found.filter(code=code)
    count = found.count()
    rows = list(found[offset:offset + limit])
    codes = codes_by_measure(rows)
    return {"count": count, "limit": limit, "offset": offset,
            "items": [present.measure(m, codes[m.pk]) for m in rows]}


@router.get("/units", response={200: Page[UnitOut], **REFUSALS}, tags=[TAG_UNITS],
            summary=gettext_noop("Đơn vị hành chính với mã chính thức, hiệu lực và sắp xếp 2025"))
def units(request, code: str | None = UnitCode,
          level: str | None = Query(None, pattern=LEVELS),
          current: bool | None = Query(None, description=gettext_noop(
              "true: đơn vị đang có hiệu lực; false: đơn vị trước 01/07/2025")),
          parent: str | None = Query(None, pattern=UNIT_CODE,
                                     description=gettext_noop("Mã đơn vị cấp trên")),
          limit: int = Limit, offset: int = Offset):
    _member(request)
    found = AdminUnit.objects.select_related("parent").prefetch_related(
        "successors", "predecessors").order_by("level", "code", F("valid_to").asc(nulls_last=True),
                                               "pk")
    if code:
        found = found.filter(code=code)
    if level:
        found = found.filter(level=level)
    if current is not None:
        found = found.filter(valid_to__isnull=current)
    if parent:
        found = found.filter(parent__code=parent)
    return _page(found, limit, offset, present.unit)


@router.get("/units/crosswalk", response={200: CrosswalkOut, **REFUSALS},
            tags=[TAG_UNITS], summary=gettext_noop("Mã cũ → mã đơn vị hiện nay"))
def units_crosswalk(request, code: str = Query(..., pattern=UNIT_CODE),
                    level: str | None = Query(None, pattern=LEVELS, description=gettext_noop(
                        "Cấp; mặc định suy từ độ dài mã (2: tỉnh, 3: huyện, 5: xã)"))):
    _member(request)
    return crosswalk(code, level)


@router.get("/plans", response={200: Page[PlanOut], **REFUSALS}, tags=[TAG_PLANS],
            summary=gettext_noop("Các kế hoạch"))
def plans(request, level: str | None = Query(None, pattern=LEVELS), unit: str | None = UnitCode,
          limit: int = Limit, offset: int = Offset):
    _member(request)
    found = Plan.objects.with_unit().filter_list(level=level or "").order_by("level", "unit__code",
                                                                             "pk")
    if unit:
        found = found.filter(unit__code=unit)
    return _page(found, limit, offset, present.plan)


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **REFUSALS}, tags=[TAG_PLANS],
            summary=gettext_noop("Một kế hoạch với mục tiêu số và phân công"))
def plan_detail(request, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    return present.plan_detail(access_plan(request.user, plan_id))


@router.get("/cycles", response={200: Page[CycleOut], **REFUSALS}, tags=[TAG_REPORTS],
            summary=gettext_noop("Các kỳ báo cáo"))
def cycles(request, plan: int | None = PlanId, year: int | None = Year,
           limit: int = Limit, offset: int = Offset):
    _member(request)
    found = (ReportingCycle.objects.exclude(plan__status=PlanStatus.REFERENCE)
             .order_by("plan_id", "-year", "kind", "pk"))
    if plan is not None:
        found = found.filter(plan_id=plan)
    if year is not None:
        found = found.filter(year=year)
    return _page(found, limit, offset, present.cycle)


@router.get("/reports", response={200: Page[ReportOut], **REFUSALS}, tags=[TAG_REPORTS],
            summary=gettext_noop("Các báo cáo tài khoản được xem, với trạng thái"))
def reports(request, plan: int | None = PlanId, year: int | None = Year,
            unit: str | None = UnitCode,
            status: str | None = Query(None, pattern=r"^(draft|submitted|approved|returned)$"),
            limit: int = Limit, offset: int = Offset):
    found = readable_reports(request.user).order_by("cycle__plan_id", "-cycle__year", "pk")
    if plan is not None:
        found = found.filter(cycle__plan_id=plan)
    if year is not None:
        found = found.filter(cycle__year=year)
    if unit:
        found = found.filter(unit__code=unit)
    if status:
        found = found.filter(status=status)
    page = _page(found, limit, offset, lambda r: r)
    page["items"] = present.reports(page["items"])
    return page


@router.get("/reports/{report_id}", response={200: ReportDetailOut, **REFUSALS},
            tags=[TAG_REPORTS],
            summary=gettext_noop("Một báo cáo: số liệu, các bước xử lý và lịch sử sửa"))
def report_detail(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    return present.report_detail(access_report(request.user, report_id))


@router.get("/values", response={200: Page[ValueOut], **REFUSALS}, tags=[TAG_VALUES],
            summary=gettext_noop("Số liệu các báo cáo tài khoản được xem"))
def values(request, plan: int | None = PlanId, year: int | None = Year,
           unit: str | None = UnitCode, measure: str | None = MeasureCodeQ,
           status: str | None = Query(None, pattern=r"^(draft|submitted|approved|returned)$"),
           limit: int = Limit, offset: int = Offset):
    found = (Value.objects.filter(report__in=readable_reports(request.user).values("pk"))
             .select_related("measure", "report__cycle", "report__unit")
             .order_by("report__cycle__plan_id", "report__cycle__year", "report_id",
                       "measure__position", "measure__code"))
    if plan is not None:
        found = found.filter(report__cycle__plan_id=plan)
    if year is not None:
        found = found.filter(report__cycle__year=year)
    if unit:
        found = found.filter(report__unit__code=unit)
    if measure:
        found = found.filter(measure__code=measure)
    if status:
        found = found.filter(report__status=status)
    return _page(found, limit, offset, present.value)


@router.get("/snapshots", response={200: Page[SnapshotOut], **REFUSALS}, tags=[TAG_PROGRESS],
            summary=gettext_noop("Số liệu tổng hợp (tiến độ) của một kế hoạch theo đơn vị, "
                                 "chỉ tiêu, năm"))
def snapshots(request, plan: int = Query(..., ge=1, le=MAX_ID,
                                         description=gettext_noop("Mã số kế hoạch")),
              unit: str | None = UnitCode, level: str | None = Query(None, pattern=LEVELS),
              measure: str | None = MeasureCodeQ, year: int | None = Year,
              limit: int = Limit, offset: int = Offset):
    found_plan = access_plan_progress(request.user, plan)
    found = Snapshot.objects.filter(plan=found_plan)
    if unit:
        found = found.filter(unit__code=unit)
    if level:
        found = found.filter(unit__level=level)
    if measure:
        found = found.filter(measure__code=measure)
    if year is not None:
        found = found.filter(year=year)
    return present.snapshot_page(found, limit, offset)
