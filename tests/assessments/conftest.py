"""A province of today with four communes, the 06/QĐ-TTg 2019 standard, and the people of
the assessment workflow:

- xuan: reporter of UBND phường Một (enters her commune's assessment)
- yen: reporter of UBND xã Hai (another commune of the same province)
- thu: reviewer of Sở Y tế of the province (reviews, returns, recognises)
- tam: a second reviewer of the same office (decides on what thu edited)
- alice (tests/conftest.py): a reporter of a provincial office, not of a commune
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings

from tests.conftest import make_user

STANDARD = settings.FIXTURES_DIR / "assessments" / "06-QD-TTg-2019.json"
# Every indicator at its best (1.000 points), by code.
BEST = {"1.1": 1, "1.2": 1, "1.3": 1, "1.4": 1, "2.1": 100, "3.1": 0, "4.1": 0, "5.1": 0,
        "6.1": 96, "6.2": 100, "7.1": 99, "8.1": 8, "8.2": 15, "9.1": 92, "10.1": 99,
        "11.1": 1, "12.1": 1, "12.2": 60, "13.1": 85}
MOMENT = datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC)


@pytest.fixture
def standard(db):
    from assessments.services import standard_load

    return standard_load(path=STANDARD)


@pytest.fixture
def province(db, tra_vinh_plan):
    """Vĩnh Long of today, which old Trà Vinh joined on 01/07/2025."""
    return tra_vinh_plan.unit.successors.get()


@pytest.fixture
def communes(province):
    from agencies.models import AdminUnit, Agency

    units = []
    for code, name in [("T9001", "Phường Một"), ("T9002", "Xã Hai"), ("T9003", "Xã Ba"),
                       ("T9004", "Xã Bốn")]:
        unit = AdminUnit.objects.create(code=code, name=name, level="commune", parent=province,
                                        valid_from=datetime.date(2025, 7, 1))
        Agency.objects.create(name=f"UBND {name}", sector="ubnd", unit=unit)
        units.append(unit)
    return units


def _commune_agency(unit):
    return unit.agencies.get()


@pytest.fixture
def xuan(communes):
    return make_user("xuan", agency=_commune_agency(communes[0]), role="reporter",
                     first_name="Xuân")


@pytest.fixture
def yen(communes):
    return make_user("yen", agency=_commune_agency(communes[1]), role="reporter")


@pytest.fixture
def health_office(province):
    from agencies.models import Agency

    agency, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế",
                                             defaults={"sector": "yte"})
    return agency


@pytest.fixture
def thu(health_office):
    return make_user("thu", agency=health_office, role="reviewer", first_name="Thu")


@pytest.fixture
def tam(health_office):
    return make_user("tam", agency=health_office, role="reviewer")


def figures(**changes) -> dict[str, Decimal]:
    found = {code: Decimal(str(v)) for code, v in BEST.items()}
    for code, value in changes.items():
        found[code.replace("_", ".")[1:]] = Decimal(str(value))
    return found


def fill(assessment, by, values: dict[str, Decimal], *, now=MOMENT):
    """Save `values` (by indicator code) through the service."""
    from assessments.models import Item
    from assessments.services import Typed, assessment_save

    items = dict(Item.objects.filter(criterion__standard=assessment.standard)
                 .values_list("code", "pk"))
    return assessment_save(assessment=assessment, by=by, version=assessment.version, now=now,
                           typed={items[c]: Typed(v) for c, v in values.items()})


def submitted(unit, by, values, *, year: int = 2026):
    from assessments.services import assessment_start, assessment_submit

    assessment = fill(assessment_start(unit=unit, year=year), by, values)
    return assessment_submit(assessment=assessment, by=by, version=assessment.version,
                             now=MOMENT)
