"""The seed command loads what the documents say, and running it twice changes nothing."""

from decimal import Decimal

import pytest
from django.core import serializers
from django.core.management import call_command

from agencies.models import AdminUnit, Agency, UnitLevel, UnitSuccession
from childplan.models import Assignment, Plan, PlanStatus, Target
from indicators.models import Goal, Indicator, Measure
from tests.conftest import load_seed

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    models = [AdminUnit, UnitSuccession, Agency, Goal, Indicator, Measure, Plan, Target, Assignment]
    return "".join(serializers.serialize("json", m.objects.order_by("pk")) for m in models)


def test_it_changes_nothing_when_run_twice():
    before = snapshot()
    load_seed()
    assert snapshot() == before


def test_it_loads_today_s_units_and_the_2025_succession():
    load_seed(communes=True)
    current = AdminUnit.objects.filter(valid_to__isnull=True)
    assert current.filter(level=UnitLevel.PROVINCE).count() == 34
    assert current.filter(level=UnitLevel.COMMUNE).count() == 3321
    old_tra_vinh = AdminUnit.objects.get(level="province", code="84", valid_to__isnull=False)
    assert [u.name for u in old_tra_vinh.successors.all()] == ["Tỉnh Vĩnh Long"]
    trieu_son = Plan.objects.get(key="trieu-son-2021").unit
    old_communes = trieu_son.children.all()
    assert old_communes.count() == 32
    new_communes = AdminUnit.objects.filter(predecessors__in=old_communes).distinct()
    assert new_communes.count() == 8
    assert all(u.valid_to is None for u in new_communes)


def test_it_loads_the_national_catalogue():
    assert Goal.objects.count() == 4
    assert Indicator.objects.count() == 24
    assert Measure.objects.national().count() == 34
    national = Plan.objects.get(number="23/QĐ-TTg")
    obesity = national.targets.filter(measure__code="4c", year=2025)
    assert {(t.area, t.value) for t in obesity} == {("rural", 5), ("urban", 10)}
    assert national.targets.filter(measure__code="5b", year=2025).count() == 0  # 2030 only
    assert national.targets.get(measure__code="3a", year=2025).display == "dưới 9,5"


@pytest.mark.parametrize("key, number, issued, deadline, period", [
    ("tra-vinh-2021", "2221/QĐ-UBND", "07/10/2021", "20/11", "2021–2030"),
    ("trieu-son-2021", "", "", "20/11", "2021–2030"),
    ("dien-bien-phu-2021", "", "", "20/11", "2021–2025"),
    ("dong-thap-2013", "", "", "15/11", "2013–2020"),
    ("khanh-hoa", "", "", "20/11", "không ghi trong văn bản"),
])
def test_each_seed_document_becomes_a_plan(key, number, issued, deadline, period):
    plan = Plan.objects.get(key=key)
    assert plan.status == PlanStatus.ACTIVE
    assert plan.number == number
    assert (plan.issued_on.strftime("%d/%m/%Y") if plan.issued_on else "") == issued
    assert plan.deadline_label == deadline
    assert plan.period_label == period
    assert plan.consolidating_agency is not None
    assert plan.parent is not None
    assert plan.source_text  # the document itself is kept


def test_tra_vinh_and_trieu_son_cover_all_24_indicators():
    for key in ("tra-vinh-2021", "trieu-son-2021"):
        plan = Plan.objects.get(key=key)
        numbers = set(plan.targets.values_list("measure__indicator__number", flat=True))
        assert numbers == set(range(1, 25)), key


def test_tra_vinh_targets_are_the_document_s_own():
    plan = Plan.objects.get(key="tra-vinh-2021")
    target = plan.targets.get(measure__code="3a", year=2025)
    assert (target.comparator, target.value, target.display) == ("<", Decimal("1.9"), "dưới 1,9")
    assert "dưới 1,9" in target.text


def test_tra_vinh_assignments_follow_to_chuc_thuc_hien():
    plan = Plan.objects.get(key="tra-vinh-2021")
    lead = {}
    for a in plan.assignments.filter(role="lead").select_related("agency", "indicator"):
        lead.setdefault(a.agency.name, set()).add(a.indicator.number)
    assert lead["Sở Lao động - Thương binh và Xã hội"] == {1, 2, 8, 9, 10, 11, 12, 22, 23, 24}
    assert lead["Sở Tư pháp"] == {14}
    assert lead["Công an tỉnh"] == {9}
    assert lead["Sở Giáo dục và Đào tạo"] == {7, 15, 16, 17, 18, 19, 20}
    assert lead["Sở Y tế"] == {3, 4, 5, 6}
    assert lead["Sở Văn hóa, Thể thao và Du lịch"] == {13, 21}


def test_trieu_son_implements_the_thanh_hoa_plan_held_as_a_reference():
    plan = Plan.objects.get(key="trieu-son-2021")
    assert plan.parent.number == "93/KH-UBND"
    assert plan.parent.status == PlanStatus.REFERENCE
    assert plan.unit.level == UnitLevel.DISTRICT
    assert plan.unit.valid_to is not None  # a district that the 2025 reform removed


def test_local_measures_belong_to_their_plan():
    dien_bien_phu = Plan.objects.get(key="dien-bien-phu-2021")
    assert dien_bien_phu.local_measures.exists()
    assert Measure.objects.national().filter(code__startswith="DBP").count() == 0
    assert dien_bien_phu.targets.filter(measure__plan=dien_bien_phu).exists()


def test_khanh_hoa_sets_no_numeric_target_but_names_its_agencies():
    plan = Plan.objects.get(key="khanh-hoa")
    assert plan.targets.count() == 0
    assert plan.consolidating_agency.name.startswith("Sở Lao động")


def test_dong_thap_annual_decrease_is_read_as_a_rate():
    plan = Plan.objects.get(key="dong-thap-2013")
    rates = plan.targets.filter(comparator="annual_change")
    assert rates.exists()
    assert {t.display for t in rates} == {"giảm 5%/năm"}
    tra_vinh = Plan.objects.get(key="tra-vinh-2021")
    assert tra_vinh.targets.get(measure__code="13", year=2025).display == "giảm 2–3%/năm"


def test_the_command_prints_the_demo_logins(capsys):
    call_command("load_seed_data", "--no-communes")
    out = capsys.readouterr().out
    for username in ("yte.travinh", "tonghop.travinh", "quanly.travinh", "lanhdao.travinh",
                     "quantri"):
        assert username in out
    assert "mật khẩu" in out
