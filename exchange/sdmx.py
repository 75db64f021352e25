"""SDMX for the statistics office: a data structure definition (SDMX-ML 2.1) and the data as
SDMX-CSV 2.0.

The structure names four dimensions: MEASURE (the plan's measures), UNIT_CODE (official
unit codes, QĐ 19/2025/QĐ-TTg; older units keep their pre-2025 code), AREA (_T all, R
rural, U urban) and TIME_PERIOD (the year); the primary measure OBS_VALUE; and the
observation attributes NUMERATOR, DENOMINATOR, PROGRESS_STATUS and TARGET. Two dataflows
use it: the approved values (VALUES) and the progress snapshots (PROGRESS).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.utils import timezone

from agencies.models import AdminUnit
from childplan.models import Plan
from exchange.exports import Observation
from indicators.models import Measure

AGENCY = "VN_CHILDPLAN"
VERSION = "1.0"
MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

DIMENSIONS = (("MEASURE", "Chỉ tiêu đo lường", "CL_MEASURE"),
              ("UNIT_CODE", "Mã đơn vị hành chính", "CL_UNIT"),
              ("AREA", "Khu vực", "CL_AREA"))
ATTRIBUTES = (("NUMERATOR", "Tử số", "Decimal"), ("DENOMINATOR", "Mẫu số", "Decimal"),
              ("PROGRESS_STATUS", "Đánh giá tiến độ", "String"),
              ("TARGET", "Mục tiêu", "String"))
AREAS = (("_T", "Chung"), ("R", "Nông thôn"), ("U", "Thành thị"))
FLOWS = {"values": ("VALUES", "Số liệu đã duyệt"), "snapshots": ("PROGRESS", "Tiến độ tổng hợp")}


def sdmx_id(code: str) -> str:
    """A code as an SDMX identifier (letters, digits, _, -, @, $)."""
    return re.sub(r"[^A-Za-z0-9_@$\-]", "_", code)


def structure_id(plan: Plan) -> str:
    return f"DSD_{sdmx_id(plan.key)}"


def flow_id(plan: Plan, data: str) -> str:
    return f"DF_{sdmx_id(plan.key)}_{FLOWS[data][0]}"


def csv_document(plan: Plan, data: str, observations: list[Observation]) -> str:
    """SDMX-CSV 2.0: one row an observation, keyed by the dataflow."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", "MEASURE", "UNIT_CODE", "AREA",
                     "TIME_PERIOD", "OBS_VALUE", *[a[0] for a in ATTRIBUTES]])
    ref = f"{AGENCY}:{flow_id(plan, data)}({VERSION})"
    for o in observations:
        writer.writerow(["dataflow", ref, "I", sdmx_id(o.measure), o.unit, "_T", o.year,
                         _number(o.value), _number(o.numerator), _number(o.denominator),
                         o.status, o.target])
    return out.getvalue()


def structure_document(plan: Plan, measures: list[Measure]) -> bytes:
    """The SDMX-ML 2.1 structure message: codelists, concepts, the DSD and its dataflows."""
    for prefix, uri in (("mes", MES), ("str", STR), ("com", COM)):
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{MES}}}Structure")
    header = ET.SubElement(root, f"{{{MES}}}Header")
    ET.SubElement(header, f"{{{MES}}}ID").text = f"{structure_id(plan)}_{VERSION}"
    ET.SubElement(header, f"{{{MES}}}Test").text = "false"
    ET.SubElement(header, f"{{{MES}}}Prepared").text = timezone.now().strftime(
        "%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, f"{{{MES}}}Sender", {"id": AGENCY})
    structures = ET.SubElement(root, f"{{{MES}}}Structures")

    codelists = ET.SubElement(structures, f"{{{STR}}}Codelists")
    _codelist(codelists, "CL_MEASURE", f"Chỉ tiêu đo lường của {plan}",
              [(sdmx_id(m.code), m.name) for m in measures])
    _codelist(codelists, "CL_UNIT", "Đơn vị hành chính (mã chính thức)", _unit_codes())
    _codelist(codelists, "CL_AREA", "Khu vực", AREAS)

    concepts = ET.SubElement(structures, f"{{{STR}}}Concepts")
    scheme = _maintainable(concepts, "ConceptScheme", "CS_CHILDPLAN", "Khái niệm ChildPlan")
    for concept, name in ([(d[0], d[1]) for d in DIMENSIONS] + [("TIME_PERIOD", "Năm"),
                          ("OBS_VALUE", "Giá trị")] + [(a[0], a[1]) for a in ATTRIBUTES]):
        node = ET.SubElement(scheme, f"{{{STR}}}Concept", {"id": concept})
        _name(node, name)

    structures_node = ET.SubElement(structures, f"{{{STR}}}DataStructures")
    dsd = _maintainable(structures_node, "DataStructure", structure_id(plan),
                        f"Cấu trúc dữ liệu: {plan}")
    components = ET.SubElement(dsd, f"{{{STR}}}DataStructureComponents")
    dimensions = ET.SubElement(components, f"{{{STR}}}DimensionList",
                               {"id": "DimensionDescriptor"})
    for position, (dim, _name_text, codelist) in enumerate(DIMENSIONS, start=1):
        node = ET.SubElement(dimensions, f"{{{STR}}}Dimension",
                             {"id": dim, "position": str(position)})
        _concept_ref(node, dim)
        representation = ET.SubElement(node, f"{{{STR}}}LocalRepresentation")
        enumeration = ET.SubElement(representation, f"{{{STR}}}Enumeration")
        ET.SubElement(enumeration, "Ref", {"id": codelist, "version": VERSION, "agencyID": AGENCY,
                                           "package": "codelist", "class": "Codelist"})
    time = ET.SubElement(dimensions, f"{{{STR}}}TimeDimension",
                         {"id": "TIME_PERIOD", "position": str(len(DIMENSIONS) + 1)})
    _concept_ref(time, "TIME_PERIOD")
    representation = ET.SubElement(time, f"{{{STR}}}LocalRepresentation")
    ET.SubElement(representation, f"{{{STR}}}TextFormat", {"textType": "ObservationalTimePeriod"})
    attributes = ET.SubElement(components, f"{{{STR}}}AttributeList", {"id": "AttributeDescriptor"})
    for attribute, _name_text, text_type in ATTRIBUTES:
        node = ET.SubElement(attributes, f"{{{STR}}}Attribute",
                             {"id": attribute, "assignmentStatus": "Conditional"})
        _concept_ref(node, attribute)
        representation = ET.SubElement(node, f"{{{STR}}}LocalRepresentation")
        ET.SubElement(representation, f"{{{STR}}}TextFormat", {"textType": text_type})
        relationship = ET.SubElement(node, f"{{{STR}}}AttributeRelationship")
        primary = ET.SubElement(relationship, f"{{{STR}}}PrimaryMeasure")
        ET.SubElement(primary, "Ref", {"id": "OBS_VALUE"})
    measures_node = ET.SubElement(components, f"{{{STR}}}MeasureList", {"id": "MeasureDescriptor"})
    primary = ET.SubElement(measures_node, f"{{{STR}}}PrimaryMeasure", {"id": "OBS_VALUE"})
    _concept_ref(primary, "OBS_VALUE")

    flows = ET.SubElement(structures, f"{{{STR}}}Dataflows")
    for data, (_suffix, label) in FLOWS.items():
        flow = _maintainable(flows, "Dataflow", flow_id(plan, data), f"{label}: {plan}")
        reference = ET.SubElement(flow, f"{{{STR}}}Structure")
        ET.SubElement(reference, "Ref", {"id": structure_id(plan), "version": VERSION,
                                         "agencyID": AGENCY, "package": "datastructure",
                                         "class": "DataStructure"})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _unit_codes() -> list[tuple[str, str]]:
    """Every unit code once: today's unit names it where an old unit had the same code."""
    names: dict[str, str] = {}
    for code, name, valid_to in (AdminUnit.objects.order_by("level", "code", "-valid_from")
                                 .values_list("code", "name", "valid_to")):
        if code not in names or valid_to is None:
            names[code] = name if valid_to is None else f"{name} (trước 01/07/2025)"
    return [(sdmx_id(code), name) for code, name in names.items()]


def _maintainable(parent, tag: str, ident: str, name: str):
    node = ET.SubElement(parent, f"{{{STR}}}{tag}",
                         {"id": ident, "agencyID": AGENCY, "version": VERSION})
    _name(node, name)
    return node


def _codelist(parent, ident: str, name: str, codes) -> None:
    codelist = _maintainable(parent, "Codelist", ident, name)
    for code, label in codes:
        node = ET.SubElement(codelist, f"{{{STR}}}Code", {"id": code})
        _name(node, label)


def _name(node, text: str) -> None:
    ET.SubElement(node, f"{{{COM}}}Name", {XML_LANG: "vi"}).text = text


def _concept_ref(node, concept: str) -> None:
    identity = ET.SubElement(node, f"{{{STR}}}ConceptIdentity")
    ET.SubElement(identity, "Ref", {"id": concept, "maintainableParentID": "CS_CHILDPLAN",
                                    "maintainableParentVersion": VERSION, "agencyID": AGENCY,
                                    "package": "conceptscheme", "class": "Concept"})


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
