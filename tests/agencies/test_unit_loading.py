"""Loading Vietnam's administrative units from the vietnam-provinces package."""

import datetime

import pytest

from agencies.models import REFORM_2025, AdminUnit, UnitLevel, UnitSuccession
from agencies.unit_loading import RETIRED_ON, current_province, load_units, old_unit

pytestmark = pytest.mark.django_db


def _current(level):
    return AdminUnit.objects.filter(level=level, valid_to__isnull=True)


def _old(level):
    return AdminUnit.objects.filter(level=level, valid_to=RETIRED_ON)


def _snapshot():
    units = list(AdminUnit.objects.order_by("pk").values_list(
        "pk", "level", "code", "name", "parent_id", "valid_from", "valid_to"))
    successions = list(UnitSuccession.objects.order_by("pk").values_list(
        "pk", "old_id", "new_id", "effective_on"))
    return units, successions


def test_full_load_counts():
    before = AdminUnit.objects.count() + UnitSuccession.objects.count()
    counts = load_units()

    assert _current(UnitLevel.PROVINCE).count() == 34
    assert _current(UnitLevel.COMMUNE).count() == 3321
    assert _old(UnitLevel.PROVINCE).count() == 63
    # Districts of Trà Vinh 9, Thanh Hóa 26, Điện Biên 10, Đồng Tháp 12, Khánh Hòa 9.
    assert _old(UnitLevel.DISTRICT).count() == 66
    # The old communes of the same five provinces (549 of them in Thanh Hóa).
    assert _old(UnitLevel.COMMUNE).count() == 1055
    assert counts["province"] == 34 + 63
    assert counts["commune"] == 3321 + 1055
    assert counts["succession"] == UnitSuccession.objects.count()
    after = AdminUnit.objects.count() + UnitSuccession.objects.count()
    assert counts["created"] == after - before


def test_nation_and_names():
    load_units()
    nation = AdminUnit.objects.get(level=UnitLevel.NATION)
    assert (nation.code, nation.name, nation.valid_from, nation.valid_to, nation.parent_id) == (
        "VN", "Việt Nam", None, None, None)

    vinh_long = current_province("86")
    assert vinh_long.name == "Tỉnh Vĩnh Long"
    assert vinh_long.valid_from == REFORM_2025
    assert vinh_long.parent == nation
    assert current_province("1").name == "Thành phố Hà Nội"  # code padded to "01"

    assert AdminUnit.objects.get(level=UnitLevel.COMMUNE, code="15664", valid_to=None).name == (
        "Xã Triệu Sơn")
    assert _current(UnitLevel.COMMUNE).filter(name__startswith="Đặc khu ").count() == 13
    # Every current commune name starts with its type, capitalised.
    assert not _current(UnitLevel.COMMUNE).exclude(name__regex=r"^(Xã|Phường|Đặc khu) ").exists()
    # Parents: current communes hang under today's provinces.
    assert not _current(UnitLevel.COMMUNE).exclude(
        parent__level=UnitLevel.PROVINCE, parent__valid_to__isnull=True).exists()


def test_old_units_and_parents():
    load_units()
    tra_vinh = old_unit(UnitLevel.PROVINCE, "84")
    assert tra_vinh.name == "Tỉnh Trà Vinh"
    assert (tra_vinh.valid_from, tra_vinh.valid_to) == (None, datetime.date(2025, 6, 30))
    assert tra_vinh.parent.level == UnitLevel.NATION

    trieu_son = old_unit(UnitLevel.DISTRICT, "397")
    assert trieu_son.name == "Huyện Triệu Sơn"
    assert trieu_son.parent == old_unit(UnitLevel.PROVINCE, "38")
    assert trieu_son.children.count() == 32

    with pytest.raises(AdminUnit.DoesNotExist):
        old_unit(UnitLevel.DISTRICT, "001")  # Hà Nội's districts are not loaded


def test_tra_vinh_goes_to_vinh_long():
    load_units()
    successors = old_unit(UnitLevel.PROVINCE, "84").successors.all()
    assert [u.name for u in successors] == ["Tỉnh Vĩnh Long"]
    assert successors[0] == current_province("86")
    row = UnitSuccession.objects.get(old=old_unit(UnitLevel.PROVINCE, "84"))
    assert row.effective_on == REFORM_2025


def test_every_old_province_and_district_has_a_current_successor():
    load_units()
    for unit in list(_old(UnitLevel.PROVINCE)) + list(_old(UnitLevel.DISTRICT)):
        successors = unit.successors.all()
        assert successors, unit
        assert all(s.level == UnitLevel.PROVINCE and s.is_current for s in successors), unit
    # Old Thanh Hóa → new Thanh Hóa; old Tiền Giang only → Đồng Tháp (not Tây Ninh).
    assert [u.code for u in old_unit(UnitLevel.PROVINCE, "38").successors.all()] == ["38"]
    assert [u.name for u in old_unit(UnitLevel.PROVINCE, "82").successors.all()] == [
        "Tỉnh Đồng Tháp"]
    assert [u.name for u in old_unit(UnitLevel.DISTRICT, "397").successors.all()] == [
        "Tỉnh Thanh Hóa"]


def test_every_old_trieu_son_commune_has_a_current_successor():
    load_units()
    old_communes = old_unit(UnitLevel.DISTRICT, "397").children.all()
    assert old_communes.count() == 32
    new_ids = set()
    for commune in old_communes:
        successors = list(commune.successors.all())
        assert successors, commune
        for new in successors:
            assert new.level == UnitLevel.COMMUNE and new.is_current
            assert new.parent == current_province("38")
            new_ids.add(new.pk)
    assert len(new_ids) == 8
    assert [u.name for u in old_unit(UnitLevel.COMMUNE, "15664").successors.all()] == [
        "Xã Triệu Sơn"]  # Thị trấn Triệu Sơn


def test_running_twice_changes_nothing():
    first = load_units()
    before = _snapshot()
    second = load_units()
    assert _snapshot() == before
    assert (second["created"], second["updated"]) == (0, 0)
    assert {k: v for k, v in first.items() if k not in ("created", "updated")} == {
        k: v for k, v in second.items() if k not in ("created", "updated")}


def test_without_communes_then_full():
    counts = load_units(communes=False)
    assert counts["commune"] == 0
    assert not AdminUnit.objects.filter(level=UnitLevel.COMMUNE).exists()
    assert _current(UnitLevel.PROVINCE).count() == 34
    assert _old(UnitLevel.PROVINCE).count() == 63
    assert _old(UnitLevel.DISTRICT).count() == 66
    assert old_unit(UnitLevel.PROVINCE, "84").successors.get() == current_province("86")
    before = _snapshot()

    load_units()  # adds the communes, keeps the rows already there
    units, successions = _snapshot()
    assert units[: len(before[0])] == before[0]
    assert successions[: len(before[1])] == before[1]
    assert _current(UnitLevel.COMMUNE).count() == 3321

    again = load_units(communes=False)  # does not remove the communes
    assert (again["created"], again["updated"]) == (0, 0)
    assert _snapshot() == (units, successions)


def test_repairs_a_changed_name():
    load_units(communes=False)
    AdminUnit.objects.filter(pk=current_province("86").pk).update(name="Vĩnh Long")
    counts = load_units(communes=False)
    assert counts["updated"] == 1 and counts["created"] == 0
    assert current_province("86").name == "Tỉnh Vĩnh Long"
