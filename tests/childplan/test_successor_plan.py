"""Vĩnh Long's 2026–2030 plan created as the successor of old Trà Vinh's: a draft holding its
2026–2030 targets and assignments, given to today's Vĩnh Long agencies doing the work."""

from __future__ import annotations

import datetime

import pytest

from agencies.models import Agency
from agencies.unit_loading import current_province
from childplan.models import Plan, PlanStatus
from childplan.services import plan_create_successor

pytestmark = pytest.mark.django_db


@pytest.fixture
def successor(tra_vinh_plan):
    return plan_create_successor(
        predecessors=[tra_vinh_plan], key="vinh-long-2026", title="Kế hoạch 2026–2030",
        issuer="UBND tỉnh Vĩnh Long", unit=current_province("86"), period_start=2026,
        period_end=2030, on=datetime.date(2026, 1, 1))


def test_the_successor_is_a_draft_of_today_s_province_consolidated_by_its_health_department(
        successor, tra_vinh_plan):
    assert successor.status == PlanStatus.DRAFT
    assert successor.unit.name == "Tỉnh Vĩnh Long" and successor.unit.valid_to is None
    assert successor.consolidating_agency == Agency.objects.get(unit=successor.unit,
                                                                name="Sở Y tế")
    assert list(successor.predecessors.all()) == [tra_vinh_plan]
    assert list(tra_vinh_plan.successors.all()) == [successor]


def test_it_copies_the_targets_of_its_period_only(successor, tra_vinh_plan):
    copied = {(t.measure.code, t.year, t.area): t.display for t in successor.targets.all()}
    wanted = {(t.measure.code, t.year, t.area): t.display
              for t in tra_vinh_plan.targets.filter(year__gte=2026)}
    assert copied == wanted and copied
    assert not successor.targets.filter(year__lt=2026).exists()
    # The old plan keeps all its own.
    assert tra_vinh_plan.targets.filter(year=2025).exists()


def test_its_assignments_go_to_the_province_s_agencies_doing_the_work(successor, tra_vinh_plan):
    leads = {(a.indicator.number, a.agency.name) for a in successor.assignments.all()}
    assert all(a.agency.unit_id == successor.unit_id for a in successor.assignments.all())
    labour = {a.indicator.number for a in tra_vinh_plan.assignments.filter(
        agency__name="Sở Lao động - Thương binh và Xã hội")}
    assert labour and {(n, "Sở Y tế") for n in labour} <= leads
    assert not {name for _, name in leads} & {"Sở Lao động - Thương binh và Xã hội"}


def test_a_plan_outside_the_province_is_refused_and_nothing_is_created(tra_vinh_plan,
                                                                      trieu_son_plan):
    from django.core.exceptions import ValidationError

    before = Plan.objects.count()
    with pytest.raises(ValidationError) as refused:
        plan_create_successor(
            predecessors=[tra_vinh_plan, trieu_son_plan], key="vinh-long-2026",
            title="Kế hoạch 2026–2030", issuer="UBND tỉnh Vĩnh Long",
            unit=current_province("86"), period_start=2026, period_end=2030)
    assert "không thuộc địa bàn Tỉnh Vĩnh Long" in refused.value.message_dict["predecessors"][0]
    assert Plan.objects.count() == before


@pytest.mark.parametrize("key, province", [
    ("tra-vinh-2021", "Tỉnh Vĩnh Long"),  # an old province, merged
    ("trieu-son-2021", "Tỉnh Thanh Hóa"),  # an old district
    ("dien-bien-phu-2021", "Tỉnh Điện Biên"),
    ("khanh-hoa", "Tỉnh Khánh Hòa"),  # an old province kept under its name
    ("national-2021", None),
])
def test_each_plan_s_area_lies_in_one_province_of_today(key, province):
    found = Plan.objects.get(key=key).unit.province_today()
    assert (found.name if found else None) == province
    assert found is None or found.is_current


def test_a_province_of_today_is_its_own(tra_vinh_plan):
    vinh_long = current_province("86")
    assert vinh_long.province_today() == vinh_long


def test_the_key_of_a_new_plan_is_free(tra_vinh_plan):
    from childplan.services import plan_key_for

    vinh_long = current_province("86")
    assert plan_key_for(vinh_long, 2026) == "vinh-long-2026"
    plan_create_successor(predecessors=[tra_vinh_plan], key="vinh-long-2026", title="Bản 1",
                          issuer="UBND tỉnh Vĩnh Long", unit=vinh_long, period_start=2026,
                          period_end=2030)
    assert plan_key_for(vinh_long, 2026) == "vinh-long-2026-2"
