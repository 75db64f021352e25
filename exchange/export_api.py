"""Exports for statistics systems: SDMX (structure and SDMX-CSV 2.0) and ADX for DHIS2.

A plan's snapshots are read as its dashboards are (childplan.access.access_plan_progress);
its approved values only among the reports the caller may read (reporting.access).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router

from childplan.access import access_plan_progress
from exchange import dhis2, exports, sdmx
from exchange.codes import codes_by_measure
from exchange.errors import ApiRefusal
from exchange.read_api import LEVELS, REFUSALS, UNIT_CODE, MeasureCodeQ, Year
from exchange.schemas import MAX_ID
from reporting.access import readable_reports

router = Router()

DATA = Query("snapshots", pattern=r"^(values|snapshots)$",
             description=gettext_noop("values: số liệu đã duyệt; snapshots: tiến độ tổng hợp"))
PlanPath = Path(..., ge=1, le=MAX_ID, description=gettext_noop("Mã số kế hoạch"))
TAG_EXPORTS = gettext_noop("Xuất dữ liệu")


def _file(media_type: str, description: str) -> dict:
    return {"responses": {"200": {"description": description,
                                "content": {media_type: {"schema": {"type": "string"}}}}}}


def _observations(request, plan, data: str, year, unit, level, measure):
    if data == "values":
        return exports.approved_values(plan, readable_reports(request.user), year=year,
                                       unit=unit, measure=measure)
    return exports.snapshots(plan, year=year, unit=unit, level=level, measure=measure)


def _download(content, media_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/plans/{plan_id}/sdmx/structure", response=REFUSALS, tags=[TAG_EXPORTS],
            summary=gettext_noop("SDMX: cấu trúc dữ liệu (DSD, SDMX-ML 2.1) của kế hoạch"),
            openapi_extra=_file("application/xml", "Thông điệp cấu trúc SDMX-ML 2.1"))
def sdmx_structure(request, plan_id: int = PlanPath):
    plan = access_plan_progress(request.user, plan_id)
    document = sdmx.structure_document(plan, exports.plan_measures(plan))
    return _download(document, "application/xml; charset=utf-8",
                     f"{sdmx.structure_id(plan)}.xml")


@router.get("/plans/{plan_id}/sdmx/data", response=REFUSALS, tags=[TAG_EXPORTS],
            summary=gettext_noop("SDMX-CSV 2.0: số liệu đã duyệt hoặc tiến độ của kế hoạch"),
            openapi_extra=_file("text/csv", "SDMX-CSV 2.0"))
def sdmx_data(request, plan_id: int = PlanPath, data: str = DATA, year: int | None = Year,
              unit: str | None = Query(None, pattern=UNIT_CODE),
              level: str | None = Query(None, pattern=LEVELS),
              measure: str | None = MeasureCodeQ):
    plan = access_plan_progress(request.user, plan_id)
    rows = _observations(request, plan, data, year, unit, level, measure)
    return _download(sdmx.csv_document(plan, data, rows), "text/csv; charset=utf-8",
                     f"{sdmx.flow_id(plan, data)}.csv")


@router.get("/plans/{plan_id}/adx", response=REFUSALS, tags=[TAG_EXPORTS],
            summary=gettext_noop("ADX (DHIS2): số liệu đã duyệt hoặc tiến độ của kế hoạch"),
            openapi_extra=_file(dhis2.ADX_TYPE, "ADX (urn:ihe:qrph:adx:2015)"))
def adx_data(request, plan_id: int = PlanPath, data: str = DATA, year: int | None = Year,
             unit: str | None = Query(None, pattern=UNIT_CODE),
             level: str | None = Query(None, pattern=LEVELS),
             measure: str | None = MeasureCodeQ):
    plan = access_plan_progress(request.user, plan_id)
    rows = _observations(request, plan, data, year, unit, level, measure)
    if not rows:
        # ADX holds at least one group: an empty file would not be ADX.
        raise ApiRefusal(404, _("Không có số liệu nào khớp bộ lọc để xuất ADX."))
    codes = codes_by_measure(exports.plan_measures(plan))
    groups: dict[tuple[str, int], list] = {}
    for o in rows:
        groups.setdefault((o.unit, o.year), []).extend(
            dhis2.figure_values(codes[o.measure_id], o.numerator, o.denominator, o.value))
    document = dhis2.adx_document(
        [{"unit": u, "year": y, "values": v} for (u, y), v in groups.items()],
        data_set=plan.key)
    return _download(document, dhis2.ADX_TYPE, f"{plan.key}-{data}.adx.xml")
