"""Agencies hand their child-affairs work on: the seed's 2025 transfers and the two reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, work_done_by
from agencies.unit_loading import current_province
from childplan.models import Plan
from childplan.seeding.successions import load_agency_successions

pytestmark = pytest.mark.django_db

D = datetime.date
LABOUR = "Sở Lao động - Thương binh và Xã hội"


def _agency(plan_key: str, name: str) -> Agency:
    return Agency.objects.get(unit=Plan.objects.get(key=plan_key).unit, name=name)


@pytest.mark.parametrize("plan_key", ["tra-vinh-2021", "dong-thap-2013", "khanh-hoa"])
def test_each_seed_province_s_labour_department_hands_over_to_its_health_department(plan_key):
    labour = _agency(plan_key, LABOUR)
    assert labour.successor == _agency(plan_key, "Sở Y tế")
    assert labour.succession_on == D(2025, 3, 1)
    assert labour.valid_to == D(2025, 2, 28)
    assert "45/2025/NĐ-CP" in labour.succession_basis


@pytest.mark.parametrize(("plan_key", "province"), [("trieu-son-2021", "38"),
                                                    ("dien-bien-phu-2021", "11")])
@pytest.mark.parametrize("office", ["Phòng Lao động - Thương binh và Xã hội", "Phòng Y tế"])
def test_a_district_office_hands_over_to_today_s_province_health_department(
        plan_key, province, office):
    agency = _agency(plan_key, office)
    health = Agency.objects.get(unit=current_province(province), name="Sở Y tế")
    assert (agency.successor, agency.succession_on) == (health, D(2025, 7, 1))
    assert agency.valid_to == D(2025, 6, 30)
    assert "72/2025/QH15" in agency.succession_basis


def test_the_ministry_hands_over_to_the_ministry_of_health():
    ministry = Plan.objects.get(key="national-2021").consolidating_agency
    assert ministry.agency_for(D(2026, 1, 1)).name == "Bộ Y tế"
    assert "42/2025/NĐ-CP" in ministry.succession_basis


def test_loading_again_changes_nothing():
    before = list(Agency.objects.order_by("pk").values_list(
        "pk", "successor", "succession_on", "succession_basis", "valid_to"))
    assert load_agency_successions() == 0
    after = list(Agency.objects.order_by("pk").values_list(
        "pk", "successor", "succession_on", "succession_basis", "valid_to"))
    assert after == before


@pytest.mark.parametrize(("on", "expected"), [
    (D(2024, 10, 1), "Sở Lao động - Thương binh và Xã hội"),
    (D(2025, 2, 28), "Sở Lao động - Thương binh và Xã hội"),
    (D(2025, 3, 1), "Sở Y tế"),
    (D(2026, 10, 1), "Sở Y tế"),
])
def test_the_model_and_the_queryset_name_the_same_agency(on, expected):
    labour = _agency("tra-vinh-2021", LABOUR)
    assert labour.agency_for(on).name == expected
    mapping = Agency.objects.filter(pk=labour.pk).agency_for(on)
    assert mapping[labour.pk].name == expected


def test_the_queryset_answers_many_agencies_in_a_few_queries(django_assert_max_num_queries):
    agencies = Agency.objects.filter(unit=Plan.objects.get(key="trieu-son-2021").unit)
    with django_assert_max_num_queries(1):  # successors come with the agencies
        in_charge = agencies.agency_for(D(2026, 10, 1))
    assert len(in_charge) == agencies.count() > 10
    assert in_charge[_agency("trieu-son-2021", "Phòng Y tế").pk].name == "Sở Y tế"
    tu_phap = _agency("trieu-son-2021", "Phòng Tư pháp")
    assert in_charge[tu_phap.pk] == tu_phap  # no successor recorded: itself


def test_now_is_names_the_successor_only_for_a_retired_agency():
    labour = _agency("tra-vinh-2021", LABOUR)
    health = _agency("tra-vinh-2021", "Sở Y tế")
    assert labour.now_is(D(2026, 1, 1)) == health
    assert labour.now_is(D(2024, 1, 1)) is None
    assert health.now_is(D(2026, 1, 1)) is None


def test_the_work_a_health_department_does_includes_its_predecessors_work():
    health = Agency.objects.get(unit=current_province("38"), name="Sở Y tế")
    names = set(Agency.objects.filter(work_done_by("", [health.pk]))
                .values_list("name", flat=True))
    assert names == {"Sở Y tế", "Phòng Lao động - Thương binh và Xã hội", "Phòng Y tế"}


def test_a_chain_longer_than_the_loaded_successors_is_followed_by_querying(
        django_assert_max_num_queries):
    labour = _agency("tra-vinh-2021", LABOUR)
    health = labour.successor
    later = Agency.objects.create(unit=health.unit, name="Sở Y tế (hợp nhất)", sector="yte")
    health.successor, health.succession_on = later, D(2025, 7, 1)
    health.save()
    loaded = Agency.objects.get(pk=labour.pk)  # its successor not loaded with it
    with django_assert_max_num_queries(2):
        assert Agency.objects.in_charge_of([loaded], D(2026, 1, 1))[labour.pk] == later
    assert Agency.objects.in_charge_of([loaded], D(2025, 5, 1))[labour.pk] == health


def test_a_successor_needs_a_date_and_may_not_lead_back():
    labour = _agency("tra-vinh-2021", LABOUR)
    health = labour.successor
    labour.succession_on = None
    with pytest.raises(ValidationError) as error:
        labour.full_clean()
    assert "ngày chuyển giao" in str(error.value)
    health.successor, health.succession_on = labour, D(2026, 1, 1)
    with pytest.raises(ValidationError) as error:
        health.full_clean()
    assert "vòng lặp" in str(error.value)
