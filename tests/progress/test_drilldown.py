"""A plan's drill-down follows its territory: the communes of today in the plan's area,
never the province that took the plan's unit over."""

import pytest
from django.urls import reverse

from agencies.models import AdminUnit
from agencies.unit_loading import load_units, old_unit
from agencies.vietnamese import sort_key
from childplan.models import Plan
from indicators.models import Measure
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from tests.progress.factories import figure

pytestmark = pytest.mark.django_db

TRIEU_SON_COMMUNES = {"Xã An Nông", "Xã Hợp Tiến", "Xã Thọ Bình", "Xã Thọ Ngọc", "Xã Thọ Phú",
                      "Xã Triệu Sơn", "Xã Tân Ninh", "Xã Đồng Tiến"}


@pytest.fixture
def communes():
    """Today's communes, and the old communes of the seed provinces with their successors."""
    load_units()
    rollup_rebuild()


def current(name: str, province_code: str) -> AdminUnit:
    return AdminUnit.objects.get(level="commune", name=name, valid_to=None,
                                 parent__code=province_code, parent__valid_to=None)


def page(client, plan, unit=None):
    params = {"unit": unit.pk} if unit else {}
    return client.get(reverse("plan_progress", args=[plan.pk]), params)


def test_the_tra_vinh_plan_goes_down_to_the_communes_of_old_tra_vinh(client_for, bob, communes):
    plan = Plan.objects.get(key="tra-vinh-2021")
    ward = current("Phường Trà Vinh", "86")
    vaccination = Measure.objects.get(code="5a")
    figure(plan, 2026, ward, vaccination, 98, 100)
    figure(plan, 2026, plan.unit, vaccination, 960, 1000)  # the Sở's own figure
    snapshots_recompute(plan=plan)
    client = client_for(bob)

    children = page(client, plan).context["children"]
    names = [c.unit.name for c in children]
    # The 41 communes and wards of today that took over old Trà Vinh's 106, all in today's
    # Vĩnh Long; not Vĩnh Long itself, nor its communes from old Vĩnh Long or Bến Tre.
    assert len(names) == 41 and names == sorted(names, key=sort_key)  # Vietnamese order
    assert names.index("Xã Càng Long") < names.index("Xã Châu Thành")
    assert {"Phường Trà Vinh", "Phường Duyên Hải", "Xã An Trường"} <= set(names)
    assert "Tỉnh Vĩnh Long" not in names
    assert {c.unit.parent.name for c in children} == {"Tỉnh Vĩnh Long"}
    counts = {c.unit.name: {key: n for key, _, n, _ in c.counts} for c in children}
    measures = sum(counts["Phường Duyên Hải"].values())
    assert counts["Phường Trà Vinh"] == {"achieved": 1, "no_data": measures - 1}
    assert counts["Phường Duyên Hải"] == {"no_data": measures}

    commune_page = page(client, plan, ward)
    assert [u.name for u in commune_page.context["trail"]] == ["Tỉnh Trà Vinh", "Phường Trà Vinh"]
    rows = {r.measure.code: r for b in commune_page.context["blocks"] for r in b.rows}
    assert (rows["5a"].value_text, rows["5a"].status) == ("98", "achieved")
    plan_rows = {r.measure.code: r for b in page(client, plan).context["blocks"] for r in b.rows}
    assert plan_rows["5a"].value_text == "96"  # the plan's own unit: the Sở's figure

    measure_page = client.get(reverse("measure_progress", args=[plan.pk, vaccination.pk]))
    assert [c.unit.name for c in measure_page.context["children"]] == ["Phường Trà Vinh"]

    # Units outside old Trà Vinh are not on its plan's drill-down.
    outside = AdminUnit.objects.filter(level="commune", parent__code="86", valid_to=None
                                       ).exclude(pk__in=[c.unit.pk for c in children]).first()
    for unit in (outside, AdminUnit.objects.get(level="province", code="86", valid_to=None)):
        assert page(client, plan, unit).status_code == 404


def test_the_trieu_son_plan_goes_down_to_its_eight_new_communes(client_for, son, communes):
    plan = Plan.objects.get(key="trieu-son-2021")
    vaccination = Measure.objects.get(code="5a")
    # Thị trấn Triệu Sơn and four old communes around it are today's Xã Triệu Sơn.
    old_town = old_unit("commune", "15664")
    new = current("Xã Triệu Sơn", "38")
    neighbour = next(o for o in new.predecessors.all() if o.pk != old_town.pk)
    figure(plan, 2024, old_town, vaccination, 40, 50)
    figure(plan, 2024, neighbour, vaccination, 30, 50)
    snapshots_recompute(plan=plan)
    client = client_for(son)

    children = page(client, plan).context["children"]
    assert {c.unit.name for c in children} == TRIEU_SON_COMMUNES
    rows = {r.measure.code: r for b in page(client, plan, new).context["blocks"] for r in b.rows}
    assert rows["5a"].value_text == "70"  # (40 + 30) / 100: both old communes, merged
    plan_rows = {r.measure.code: r for b in page(client, plan).context["blocks"] for r in b.rows}
    assert plan_rows["5a"].value_text == "70"
    assert page(client, plan, current("Phường Hạc Thành", "38")).status_code == 404


def test_the_national_plan_keeps_nation_province_commune(client_for, bob, communes):
    plan = Plan.objects.get(key="national-2021")
    ward = current("Phường Trà Vinh", "86")
    figure(plan, 2024, ward, Measure.objects.get(code="5a"), 98, 100)
    snapshots_recompute(plan=plan)
    client = client_for(bob)
    vinh_long = ward.parent
    assert [c.unit.name for c in page(client, plan).context["children"]] == ["Tỉnh Vĩnh Long"]
    communes_shown = [c.unit for c in page(client, plan, vinh_long).context["children"]]
    assert ward in communes_shown and all(u.parent == vinh_long for u in communes_shown)
    assert [u.name for u in page(client, plan, ward).context["trail"]] == [
        "Việt Nam", "Tỉnh Vĩnh Long", "Phường Trà Vinh"]
