"""DHIS2's formats: ADX (IHE QRPH Aggregate Data Exchange, urn:ihe:qrph:adx:2015) out and in,
and dataValueSets JSON in.

Each measure travels as up to three data elements, named by the admin-editable MeasureCode
table (exchange/codes.py): its value, and for ratios its numerator and denominator. A group
is one unit (orgUnit: the official unit code) and one year (period "2024-01-01/P1Y" in ADX,
"2024" in dataValueSets). XML is read with defusedxml: no entity expansion, no external
references.
"""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.codes import Codes, codes_by_measure
from exchange.errors import DOCUMENT, ApiRefusal, item
from exchange.figures_in import Row
from reporting.models import Report

ADX_NS = "urn:ihe:qrph:adx:2015"
ADX_TYPE = "application/adx+xml"


def adx_period(year: int) -> str:
    return f"{year}-01-01/P1Y"


def adx_document(groups: list[dict], *, data_set: str, exported: datetime.datetime | None = None
                 ) -> bytes:
    """ADX of `groups`: [{"unit": code, "year": 2024, "values": [(element, Decimal)]}]."""
    ET.register_namespace("", ADX_NS)
    root = ET.Element(f"{{{ADX_NS}}}adx", {
        "exported": (exported or timezone.now()).astimezone(datetime.UTC)
        .strftime("%Y-%m-%dT%H:%M:%SZ")})
    for group in groups:
        if not group["values"]:
            continue
        node = ET.SubElement(root, f"{{{ADX_NS}}}group", {
            "orgUnit": group["unit"], "period": adx_period(group["year"]), "dataSet": data_set})
        for element, number in group["values"]:
            ET.SubElement(node, f"{{{ADX_NS}}}dataValue",
                          {"dataElement": element, "value": _decimal_text(number)})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def figure_values(codes: Codes, numerator, denominator, value) -> list[tuple[str, Decimal]]:
    if numerator is not None and denominator is not None:
        return [(codes.numerator, numerator), (codes.denominator, denominator),
                (codes.value, value)]
    return [(codes.value, value)] if value is not None else []


# Reading.

def rows_for_report(report: Report, content_type: str, body: bytes) -> list[Row]:
    """The figures a DHIS2 file holds for `report`: its unit and year only, by measure."""
    if len(body) > settings.API_MAX_BODY_BYTES:
        raise ApiRefusal(413, _("Tệp quá lớn (tối đa %(limit)s KB).") % {
            "limit": settings.API_MAX_BODY_BYTES // 1024})
    if content_type in (ADX_TYPE, "application/xml", "text/xml"):
        values = _read_adx(body)
    elif content_type == "application/json":
        values = _read_data_value_sets(body)
    else:
        raise ApiRefusal(415, _("Định dạng không nhận: gửi ADX (Content-Type: "
                                "application/adx+xml) hoặc dataValueSets JSON (Content-Type: "
                                "application/json)."))
    measures = list(report.measures())
    by_element: dict[str, tuple[str, str]] = {}
    for measure in measures:
        codes = codes_by_measure(measures)[measure.pk]
        by_element[codes.value] = (measure.code, "value")
        if measure.is_ratio:
            by_element[codes.numerator] = (measure.code, "numerator")
            by_element[codes.denominator] = (measure.code, "denominator")

    errors: list[dict] = []
    figures: dict[str, dict] = defaultdict(dict)
    for number, entry in enumerate(values, start=1):
        field = f"dataValues[{number - 1}]"
        if entry["orgUnit"] != report.unit.code:
            errors.append(item(f"{field}.orgUnit", _(
                "Đơn vị «%(sent)s» không phải đơn vị của báo cáo (%(code)s — %(name)s).") % {
                "sent": entry["orgUnit"], "code": report.unit.code, "name": report.unit.name},
                row=number))
            continue
        if entry["year"] != report.cycle.year:
            errors.append(item(f"{field}.period", _(
                "Kỳ «%(sent)s» không phải năm %(year)s của báo cáo.") % {
                "sent": entry["period"], "year": report.cycle.year}, row=number))
            continue
        target = by_element.get(entry["dataElement"])
        if target is None:
            errors.append(item(f"{field}.dataElement", _(
                "Mã «%(sent)s» không ứng với chỉ tiêu nào của báo cáo (xem bảng mã chỉ tiêu).")
                % {"sent": entry["dataElement"]}, row=number))
            continue
        code, box = target
        if box in figures[code]:
            errors.append(item(f"{field}.dataElement", _("Mã «%(sent)s» có hai lần trong tệp.")
                               % {"sent": entry["dataElement"]}, row=number, measure=code))
            continue
        try:
            figures[code][box] = Decimal(entry["value"])
        except (InvalidOperation, ValueError, TypeError):
            errors.append(item(f"{field}.value", _("«%(sent)s» không phải là số.")
                               % {"sent": entry["value"]},
                               row=number, measure=code))
    if errors:
        raise ApiRefusal(422, ngettext(
            "Chưa ghi gì: %(count)s lỗi trong tệp. %(first)s",
            "Chưa ghi gì: %(count)s lỗi trong tệp. %(first)s", len(errors))
            % {"count": len(errors), "first": errors[0]["reason"]}, errors)
    rows = []
    for code, boxes in figures.items():
        if "numerator" in boxes or "denominator" in boxes:
            # The value is computed from them, as the form does.
            boxes.pop("value", None)
        rows.append(Row(measure=code, **boxes))
    return rows


def _read_adx(body: bytes) -> list[dict]:
    try:
        root = SafeET.fromstring(body)
    except (ET.ParseError, DefusedXmlException) as error:
        raise ApiRefusal(422, _("Tệp ADX không đọc được: %(error)s.") % {"error": error},
                         [item("adx", _("XML không hợp lệ hoặc bị từ chối: %(error)s.")
                               % {"error": error})]) from error
    if root.tag != f"{{{ADX_NS}}}adx":
        raise ApiRefusal(422, _("Tệp không phải ADX: phần tử gốc phải là <adx xmlns=\"%(ns)s\">.")
                         % {"ns": ADX_NS}, [item("adx", _("phần tử gốc không phải adx."))])
    values = []
    for g, group in enumerate(root.findall(f"{{{ADX_NS}}}group"), start=1):
        period = group.get("period", "")
        for value in group.findall(f"{{{ADX_NS}}}dataValue"):
            values.append({"orgUnit": group.get("orgUnit", ""), "period": period,
                           "year": _adx_year(period), "dataElement": value.get("dataElement", ""),
                           "value": value.get("value", ""), "group": g})
    return values


def _adx_year(period: str) -> int | None:
    start, _, duration = period.partition("/")
    if duration == "P1Y" and len(start) == 10 and start.endswith("-01-01") and start[:4].isdigit():
        return int(start[:4])
    return None


def _read_data_value_sets(body: bytes) -> list[dict]:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiRefusal(422, _("Tệp dataValueSets không phải JSON hợp lệ."),
                         [item(str(DOCUMENT), _("JSON không hợp lệ."))]) from error
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise ApiRefusal(422, _("Tệp dataValueSets cần trường «dataValues» là một danh sách."),
                         [item("dataValues", _("chưa có hoặc không phải danh sách."))])
    values = []
    for number, value in enumerate(document["dataValues"], start=1):
        if not isinstance(value, dict):
            raise ApiRefusal(422, _("%(field)s không phải đối tượng JSON.") % {
                                 "field": f"dataValues[{number - 1}]"},
                             [item(f"dataValues[{number - 1}]", _("không phải đối tượng JSON."),
                                   row=number)])
        period = str(value.get("period", document.get("period", "")))
        values.append({"orgUnit": str(value.get("orgUnit", document.get("orgUnit", ""))),
                       "period": period,
                       "year": int(period) if len(period) == 4 and period.isdigit() else None,
                       "dataElement": str(value.get("dataElement", "")),
                       "value": str(value.get("value", ""))})
    return values


def _decimal_text(number: Decimal) -> str:
    text = format(number.normalize(), "f") if number == number.to_integral_value() else \
        format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
