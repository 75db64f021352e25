"""SDMX and ADX out, ADX and dataValueSets in.

The SDMX-CSV is read back by sdmx1 against the structure the API serves, and every key
checked against its codelists; the ADX is validated with xmlschema against an XML schema
of the IHE ADX profile's rules (tests/exchange/schemas/adx.xsd) and imported back.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
import sdmx
import xmlschema

from exchange.models import MeasureCode
from indicators.models import Measure
from progress.services import snapshots_recompute
from reporting.models import Value
from reporting.services import cycle_open
from tests.exchange.test_figures import FIGURES
from tests.reporting.conftest import approve_figures

pytestmark = pytest.mark.django_db

ADX_SCHEMA = Path(__file__).parent / "schemas" / "adx.xsd"


@pytest.fixture
def approved(api, alice, bob, report, tra_vinh_plan):
    """Sở Y tế's 2026 figures sent and approved through the API, 2025's measure 6 approved
    on the page's path, and the plan's snapshots computed."""
    approve_figures(tra_vinh_plan, "Sở Y tế", 2025, {"6": "1.7"})
    response = api(alice).post(f"/api/v1/reports/{report.pk}/figures",
                               {"version": report.version, "submit": True, "figures": FIGURES})
    assert response.status_code == 200
    assert api(bob).post(f"/api/v1/reports/{report.pk}/approve").status_code == 200
    snapshots_recompute(plan=tra_vinh_plan)
    report.refresh_from_db()
    return report


def _sdmx(api, user, plan, data, **params):
    structure = api(user).get(f"/api/v1/plans/{plan.pk}/sdmx/structure")
    assert structure.status_code == 200
    csv = api(user).get(f"/api/v1/plans/{plan.pk}/sdmx/data", data=data, **params)
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    return sdmx.read_sdmx(io.BytesIO(structure.content)), csv.content


@pytest.mark.parametrize("data", ["values", "snapshots"])
def test_the_sdmx_csv_reads_back_against_its_structure(api, alice, approved, tra_vinh_plan,
                                                       data):
    structures, csv = _sdmx(api, alice, tra_vinh_plan, data)
    dsd = next(iter(structures.structure.values()))
    assert [d.id for d in dsd.dimensions] == ["MEASURE", "UNIT_CODE", "AREA", "TIME_PERIOD"]
    flow = next(f for f in structures.dataflow.values() if f.id.endswith(
        "_VALUES" if data == "values" else "_PROGRESS"))

    message = sdmx.read_sdmx(io.BytesIO(csv), format="csv", structure=flow)
    observations = [o for ds in message.data for o in ds.obs]
    assert observations
    codelists = {d.id: {c.id for c in d.local_representation.enumerated}
                 for d in dsd.dimensions if d.id != "TIME_PERIOD"}
    for obs in observations:
        for dim in ("MEASURE", "UNIT_CODE", "AREA"):
            assert obs.dimension[dim].value in codelists[dim], (dim, obs.dimension[dim].value)
    keys = {(o.dimension["MEASURE"].value, o.dimension["UNIT_CODE"].value,
             str(o.dimension["TIME_PERIOD"].value)): o.value for o in observations}
    if data == "values":
        assert Decimal(str(keys[("3a", approved.unit.code, "2026")])) == Decimal("1.9")
        assert Decimal(str(keys[("6", approved.unit.code, "2025")])) == Decimal("1.7")


def test_the_sdmx_snapshots_carry_status_and_target(api, alice, approved, tra_vinh_plan):
    _, csv = _sdmx(api, alice, tra_vinh_plan, "snapshots", measure="3a")
    header, *rows = csv.decode().splitlines()
    assert header.split(",")[-4:] == ["NUMERATOR", "DENOMINATOR", "PROGRESS_STATUS", "TARGET"]
    assert rows and all(",I,3a," in row for row in rows)


def _adx(api, user, plan, **params):
    response = api(user).get(f"/api/v1/plans/{plan.pk}/adx", **params)
    assert response.status_code == 200
    return response.content


def test_the_adx_export_is_valid_adx(api, alice, approved, tra_vinh_plan):
    schema = xmlschema.XMLSchema(ADX_SCHEMA)
    for data in ("values", "snapshots"):
        document = _adx(api, alice, tra_vinh_plan, data=data)
        schema.validate(document)
        assert b"<dataValue" in document


def test_the_schema_check_catches_a_broken_adx():
    schema = xmlschema.XMLSchema(ADX_SCHEMA)
    broken = (b'<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-01-01T00:00:00Z">'
              b'<group orgUnit="86" period="2026"><dataValue dataElement="6" value="abc"/>'
              b'</group></adx>')
    assert not schema.is_valid(broken)


def test_an_exported_adx_imports_back_to_the_same_values(api, alice, approved, tra_vinh_plan):
    MeasureCode.objects.create(measure=Measure.objects.national().get(code="3a"),
                               data_element="NeoMort", numerator_element="NeoMort_N",
                               denominator_element="NeoMort_D")
    document = _adx(api, alice, tra_vinh_plan, data="values", year=2026,
                    unit=approved.unit.code)
    assert b'dataElement="NeoMort_N" value="19"' in document

    # The agency's report of another 2026 cycle of the plan takes the file.
    again = cycle_open(plan=tra_vinh_plan, year=2026, kind="adhoc",
                       opens_on=approved.cycle.opens_on).reports.get(agency=approved.agency)
    url = f"/api/v1/reports/{again.pk}/import"
    preview = api(alice).post(url, body=document, content_type="application/adx+xml")
    assert preview.status_code == 200, preview.content
    assert {r["change"] for r in preview.json()["rows"]} == {"new"}
    assert not Value.objects.filter(report=again).exists()

    written = api(alice).post(url, body=document, content_type="application/adx+xml",
                              preview="false", version=again.version)
    assert written.status_code == 200, written.content
    def figures(report):
        return {v.measure.code: (v.numerator, v.denominator, v.value)
                for v in Value.objects.filter(report=report).select_related("measure")}
    assert figures(again) == figures(approved)
    assert written.json()["written"] == len(FIGURES)


def test_a_data_value_sets_file_imports_all_or_nothing(api, alice, report):
    url = f"/api/v1/reports/{report.pk}/import"
    document = {"dataSet": "x", "period": "2026", "orgUnit": report.unit.code, "dataValues": [
        {"dataElement": "6", "value": "1.2"},
        {"dataElement": "3a.TS", "value": "19"}, {"dataElement": "3a.MS", "value": "10000"},
        {"dataElement": "4a", "value": "7.5", "period": "2025"},
        {"dataElement": "XYZ", "value": "1"}]}
    refused = api(alice).post(url, document, preview="false", version=report.version)
    assert refused.status_code == 422
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [
        (4, "dataValues[3].period"), (5, "dataValues[4].dataElement")]
    assert not Value.objects.filter(report=report).exists()

    document["dataValues"] = document["dataValues"][:3]
    done = api(alice).post(url, document, preview="false", version=report.version)
    assert done.status_code == 200, done.content
    assert Value.objects.get(report=report, measure__code="3a").value == Decimal("1.9")


def test_an_import_refuses_xml_with_entities(api, alice, report):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE adx [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-01-01T00:00:00Z">&b;</adx>')
    response = api(alice).post(f"/api/v1/reports/{report.pk}/import", body=bomb,
                               content_type="application/adx+xml")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "adx"


def test_an_import_names_a_wrong_unit_and_an_unknown_format(api, alice, report):
    url = f"/api/v1/reports/{report.pk}/import"
    document = {"dataValues": [{"dataElement": "6", "period": "2026", "orgUnit": "01",
                                "value": "1"}]}
    wrong = api(alice).post(url, document)
    assert wrong.status_code == 422
    assert "không phải đơn vị của báo cáo" in wrong.json()["errors"][0]["reason"]
    assert api(alice).post(url, body="a,b", content_type="text/csv").status_code == 415


def test_exported_at_is_utc(api, alice, approved, tra_vinh_plan, clock):
    with clock(datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)):
        document = _adx(api, alice, tra_vinh_plan, data="values")
    assert b'exported="2026-12-01T08:00:00Z"' in document


def test_an_adx_of_nothing_is_a_404_not_an_empty_file(api, alice, tra_vinh_plan):
    response = api(alice).get(f"/api/v1/plans/{tra_vinh_plan.pk}/adx", data="values", year=2030)
    assert response.status_code == 404
    assert "Không có số liệu" in response.json()["detail"]
