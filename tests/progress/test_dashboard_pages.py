"""The dashboards as officers read them: statuses, drill-down, charts, staleness, queries."""

import json

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.models import Refresh
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from tests.progress.factories import commune, figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_data():
    """Two communes of Vĩnh Long and one of Hà Nội report 5a (vaccination) and 3a."""
    plan = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    ha_noi = AdminUnit.objects.get(level="province", code="01", valid_to=None)
    vaccination, newborn = Measure.objects.get(code="5a"), Measure.objects.get(code="3a")
    a, b = commune(vinh_long, "Xã An Bình"), commune(vinh_long, "Xã Hòa Ninh")
    c = commune(ha_noi, "Phường Ba Đình")
    for year, (na, nb, nc) in {2021: (90, 80, 95), 2022: (95, 78, 96), 2023: (98, 75, 97)}.items():
        figure(plan, year, a, vaccination, na, 100)
        figure(plan, year, b, vaccination, nb, 100)
        figure(plan, year, c, vaccination, nc, 100)
        figure(plan, year, a, newborn, 1, 1000)
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    return {"plan": plan, "vinh_long": vinh_long, "communes": (a, b, c),
            "vaccination": vaccination}


def test_the_overview_shows_each_measure_s_status_by_goal(client_for, bob, national_data):
    plan = national_data["plan"]
    response = client_for(bob).get(reverse("plan_progress", args=[plan.pk]))
    html = response.content.decode()
    blocks = response.context["blocks"]
    assert [b.goal.number for b in blocks] == [1, 2, 3, 4]
    rows = {r.measure.code: r for b in blocks for r in b.rows}
    # 5a nationally: (98 + 75 + 97) / 300 = 90 % in 2023 against "đạt 97" in 2025.
    assert rows["5a"].value_text == "90"
    # 2021: 265/300 = 88,33 %; observed growth 0,94 %/year, required (97/90)^½ − 1 = 3,82 %:
    # R = 0,25 → limited progress.
    assert rows["5a"].status == "limited"
    assert rows["3a"].status == "achieved"  # 1 ‰ is below 9,5 ‰
    assert rows["9"].status == "no_data"
    assert 'data-measure="5a"' in html and rows["5a"].status_label in html
    assert "Số liệu tổng hợp lúc" in html


def test_the_overview_drills_down_to_provinces_and_communes(client_for, bob, national_data):
    plan, vinh_long = national_data["plan"], national_data["vinh_long"]
    client = client_for(bob)
    nation = client.get(reverse("plan_progress", args=[plan.pk]))
    assert {c.unit.name for c in nation.context["children"]} == {"Tỉnh Vĩnh Long",
                                                                 "Thành phố Hà Nội"}
    province = client.get(reverse("plan_progress", args=[plan.pk]), {"unit": vinh_long.pk})
    assert {c.unit.name for c in province.context["children"]} == {"Xã An Bình", "Xã Hòa Ninh"}
    rows = {r.measure.code: r for b in province.context["blocks"] for r in b.rows}
    assert rows["5a"].value_text == "86,5"  # (98 + 75) / 200
    a = national_data["communes"][0]
    commune_page = client.get(reverse("plan_progress", args=[plan.pk]), {"unit": a.pk})
    rows = {r.measure.code: r for b in commune_page.context["blocks"] for r in b.rows}
    assert rows["5a"].value_text == "98"
    assert rows["5a"].status == "achieved"
    assert [u.name for u in commune_page.context["trail"]] == [
        "Việt Nam", "Tỉnh Vĩnh Long", "Xã An Bình"]


def test_the_measure_page_draws_the_series_and_the_units_below(client_for, bob, national_data):
    plan, vinh_long = national_data["plan"], national_data["vinh_long"]
    measure = national_data["vaccination"]
    response = client_for(bob).get(reverse("measure_progress", args=[plan.pk, measure.pk]),
                                   {"unit": vinh_long.pk})
    html = response.content.decode()
    assert 'id="series-chart"' in html and 'id="units-chart"' in html
    # Plotly writes its JSON with non-ASCII letters escaped.
    for label in ("Mục tiêu 2025", "Lộ trình cần đạt đến 2025", "Thực hiện"):
        assert json.dumps(label)[1:-1] in html
    assert "plotly/plotly.min.js" in html
    children = {c.unit.name: c.value_text for c in response.context["children"]}
    assert children == {"Xã An Bình": "98", "Xã Hòa Ninh": "75"}


def test_a_pending_recompute_is_shown_as_stale(client_for, bob, national_data):
    plan = national_data["plan"]
    Refresh.objects.filter(plan=plan).update(requested=F("computed") + 1,
                                             requested_at=timezone.now())
    html = client_for(bob).get(reverse("plan_progress", args=[plan.pk])).content.decode()
    assert "Đang cập nhật" in html


def test_the_agency_view_lists_what_the_agency_leads(client_for, bob,
                                                    django_assert_num_queries):
    plan = Plan.objects.get(key="tra-vinh-2021")
    agency = plan.assignments.get(indicator__number=3).agency
    client = client_for(bob)
    with django_assert_num_queries(11):
        response = client.get(reverse("agency_progress", args=[plan.pk, agency.pk]))
    codes = [r.measure.code for b in response.context["blocks"] for r in b.rows]
    assert codes[:3] == ["3a", "3b", "3c"] and "1" not in codes


@pytest.mark.parametrize("name", ["plan_progress", "measure_progress", "agency_progress"])
def test_anyone_without_a_role_is_refused(client, client_for, charlie, name):
    plan = Plan.objects.get(key="tra-vinh-2021")
    args = {"plan_progress": [plan.pk],
            "measure_progress": [plan.pk, Measure.objects.get(code="3a").pk],
            "agency_progress": [plan.pk, plan.consolidating_agency_id]}[name]
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    assert client_for(charlie).get(url).status_code == 403


# (first request, cached request) at the nation, a province, then a commune: the same
# number whatever the number of units below, read from stored statuses. A commune's
# overview also reads its child-friendly recognitions (chỉ tiêu 1): one query. The plan's
# own overview and measure pages read the plans it took over and that took it over: one query.
# The overview reads the plan's review cycles (one query; their verdicts one more when there
# are some).
@pytest.mark.parametrize("name, counts", [
    ("plan_progress", [(15, 9), (15, 9), (16, 9)]),
    ("measure_progress", [(14, 8), (14, 8), (14, 8)]),
])
def test_each_dashboard_takes_a_pinned_number_of_queries(client_for, bob, national_data,
                                                         django_assert_num_queries, name,
                                                         counts):
    from django.core.cache import cache
    from django.db import connection

    plan, vinh_long = national_data["plan"], national_data["vinh_long"]
    commune_a = national_data["communes"][0]
    args = [plan.pk] if name == "plan_progress" else [plan.pk, national_data["vaccination"].pk]
    client = client_for(bob)
    cache.clear()
    for unit, (first, cached) in zip((plan.unit, vinh_long, commune_a), counts, strict=True):
        if unit == commune_a and connection.vendor == "postgresql":
            first += 2  # measured: a commune's first read takes two more queries there
        with django_assert_num_queries(first):
            assert client.get(reverse(name, args=args), {"unit": unit.pk}).status_code == 200
        with django_assert_num_queries(cached):
            assert client.get(reverse(name, args=args), {"unit": unit.pk}).status_code == 200
