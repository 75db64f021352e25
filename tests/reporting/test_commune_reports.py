"""Since the 2025 reform the communes report to the province: a cycle of a province plan opens
one report per commune of today in the plan's area (its People's Committee reporting), besides
the provincial agencies' reports, each asking only what that level can report.

- lan: reporter of UBND Phường Trà Vinh
- hung: reporter of UBND Xã Càng Long
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import REFORM_2025, AdminUnit, Sector, UnitLevel
from childplan.models import Plan
from indicators.models import Measure, SourceKind
from reporting.models import Report, ReportingCycle, ReportStatus
from reporting.services import cycle_open
from tests.reporting.conftest import commune_reporter, form_data

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2026, 10, 1)


@pytest.fixture
def lan(tra_vinh_communes):
    return commune_reporter("lan", tra_vinh_communes["Phường Trà Vinh"])


@pytest.fixture
def hung(tra_vinh_communes):
    return commune_reporter("hung", tra_vinh_communes["Xã Càng Long"])


def commune_reports(cycle):
    return cycle.reports.filter(unit__level=UnitLevel.COMMUNE).select_related("unit", "agency")


def test_the_old_tra_vinh_plan_asks_today_s_communes_in_old_tra_vinh(tra_vinh_plan,
                                                                      tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    communes = commune_reports(cycle)
    assert {r.unit.name for r in communes} == {"Phường Trà Vinh", "Xã Cầu Kè", "Xã Càng Long"}
    assert {r.agency.name for r in communes} == {
        "Ủy ban nhân dân phường Trà Vinh", "Ủy ban nhân dân xã Càng Long",
        "Ủy ban nhân dân xã Cầu Kè"}
    assert {r.agency.sector for r in communes} == {Sector.UBND}
    # The provincial lead agencies report too, one report each.
    provincial = cycle.reports.exclude(unit__level=UnitLevel.COMMUNE)
    agencies = {lead.agency.pk for lead in tra_vinh_plan.leads_on(OPENS)}
    assert set(provincial.values_list("agency", flat=True)) == agencies
    assert cycle.reports.count() == len(agencies) + 3


def test_a_plan_of_today_s_province_asks_every_commune_of_it(tra_vinh_plan, tra_vinh_communes):
    vinh_long = tra_vinh_communes["Xã Long Hồ"].parent
    plan = Plan.objects.create(key="vinh-long-test", title="Kế hoạch thử", issuer="UBND tỉnh",
                               unit=vinh_long, level=UnitLevel.PROVINCE,
                               period_start=2026, period_end=2030)
    plan.assignments.create(indicator=Measure.objects.get(code="5a").indicator,
                            agency=tra_vinh_plan.consolidating_agency_on(OPENS))
    cycle = cycle_open(plan=plan, year=2026, opens_on=OPENS)
    names = {r.unit.name for r in commune_reports(cycle)}
    assert names == {"Phường Trà Vinh", "Xã Càng Long", "Xã Cầu Kè", "Xã Long Hồ"}


def test_each_commune_report_asks_only_what_a_commune_can_report(tra_vinh_plan,
                                                                 tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    report = commune_reports(cycle).first()
    asked = list(report.measures())
    codes = {m.code for m in asked}
    assert {"5a", "14", "16"} <= codes
    # Surveys (mortality, nutrition) and what only the province or the nation has: never.
    assert not {"3a", "3b", "3c", "4a", "10", "15"} & codes
    assert not [m for m in asked if m.source_kind == SourceKind.SURVEY]
    assert codes == set(Measure.objects.available_to(tra_vinh_plan).reportable_by("commune")
                        .values_list("code", flat=True))
    # The province's health department still reports its survey figures.
    health = cycle.reports.get(agency__name="Sở Y tế", unit=tra_vinh_plan.unit)
    assert {"3b", "4a"} <= {m.code for m in health.measures()}


def test_opening_again_adds_only_a_commune_created_since(tra_vinh_plan, tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    before = set(cycle.reports.values_list("pk", flat=True))
    assert set(cycle_open(plan=tra_vinh_plan, year=2026).reports.values_list(
        "pk", flat=True)) == before
    old = AdminUnit.objects.create(level=UnitLevel.COMMUNE, code="86999", name="Xã Tiểu Cần cũ",
                                   parent=tra_vinh_plan.unit,
                                   valid_to=REFORM_2025 - datetime.timedelta(days=1))
    new = AdminUnit.objects.create(level=UnitLevel.COMMUNE, code="96999", name="Xã Tiểu Cần",
                                   parent=tra_vinh_communes["Xã Long Hồ"].parent,
                                   valid_from=REFORM_2025)
    old.succession_to.create(new=new)
    cycle_open(plan=tra_vinh_plan, year=2026)
    added = cycle.reports.exclude(pk__in=before)
    assert [r.unit.name for r in added] == ["Xã Tiểu Cần"]


def test_cycles_opened_before_the_reform_ask_no_commune(tra_vinh_plan, tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2024, opens_on=datetime.date(2024, 10, 1))
    assert not commune_reports(cycle).exists()
    assert cycle.reports.exists()


def test_a_district_plan_opens_no_cycle_after_30_06_2025(trieu_son_plan):
    with pytest.raises(ValidationError, match="chỉ còn là lịch sử"):
        cycle_open(plan=trieu_son_plan, year=2026, opens_on=OPENS)
    assert not ReportingCycle.objects.filter(plan=trieu_son_plan).exists()
    # Its earlier years still open (history entered late), with the district's offices.
    past = cycle_open(plan=trieu_son_plan, year=2024, opens_on=datetime.date(2024, 10, 1))
    assert past.reports.filter(agency__name="Phòng Y tế").exists()


def test_the_commune_reporter_sees_only_their_commune_s_report(client_for, lan, tra_vinh_plan,
                                                              tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    own = cycle.reports.get(unit=tra_vinh_communes["Phường Trà Vinh"])
    other = cycle.reports.get(unit=tra_vinh_communes["Xã Càng Long"])
    client = client_for(lan)
    page = client.get(reverse("my_reports")).content.decode()
    listed = {int(pk) for pk in re.findall(r'data-report="(\d+)"', page)}
    assert listed == {own.pk}
    for name in ("report_detail", "report_edit"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    health = cycle.reports.get(agency__name="Sở Y tế", unit=tra_vinh_plan.unit)
    assert client.get(reverse("report_detail", args=[health.pk])).status_code == 404


def test_the_commune_reporter_edits_their_report_and_not_another(client_for, lan, hung,
                                                                 tra_vinh_plan,
                                                                 tra_vinh_communes):
    cycle = cycle_open(plan=tra_vinh_plan, year=2026, opens_on=OPENS)
    own = cycle.reports.get(unit=tra_vinh_communes["Phường Trà Vinh"])
    other = cycle.reports.get(unit=tra_vinh_communes["Xã Càng Long"])
    client = client_for(lan)
    data = form_data(own, {"5a": {"numerator": "96", "denominator": "100"}})
    response = client.post(reverse("report_edit", args=[own.pk]), data)
    assert response.status_code == 302
    assert own.values.get(measure__code="5a").value == 96
    refused = client.post(reverse("report_submit", args=[other.pk]), form_data(
        other, {"5a": {"numerator": "1", "denominator": "2"}}))
    assert refused.status_code == 404
    other.refresh_from_db()
    assert other.status == ReportStatus.DRAFT and not other.values.exists()
    # The form asks the commune's measures only.
    form = client.get(reverse("report_edit", args=[own.pk])).content.decode()
    mortality = Measure.objects.get(code="3b")
    assert f'name="m{mortality.pk}_numerator"' not in form
    assert Report.objects.filter(pk=own.pk, updated_by=lan).exists()
