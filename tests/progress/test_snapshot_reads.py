"""Every read of snapshots and commune statuses: what it returns, in one query."""

import pytest

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.models import CommuneStatus, Snapshot
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from tests.progress.factories import commune, figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    """Three communes of Vĩnh Long and one of Hà Nội report 5a in 2023 and 2024."""
    plan = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    ha_noi = AdminUnit.objects.get(level="province", code="01", valid_to=None)
    vaccination = Measure.objects.get(code="5a")
    communes = [commune(vinh_long, f"Xã {n}") for n in ("An", "Bình", "Cường")]
    communes.append(commune(ha_noi, "Phường Dịch Vọng"))
    for year in (2023, 2024):
        for i, unit in enumerate(communes):
            figure(plan, year, unit, vaccination, 80 + i + year - 2023, 100)
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    return {"plan": plan, "vinh_long": vinh_long, "ha_noi": ha_noi, "measure": vaccination,
            "communes": communes}


def test_a_unit_s_years_come_in_order_with_their_targets(national, django_assert_num_queries):
    plan, vinh_long = national["plan"], national["vinh_long"]
    with django_assert_num_queries(1):
        rows = [(s.year, s.value, s.latest, s.target.year if s.target else None)
                for s in Snapshot.objects.for_unit(plan, vinh_long.pk)]
    # (80 + 81 + 82) / 300 in 2023; only the latest year is judged, against 2025.
    assert rows == [(2023, 81, False, None), (2024, 82, True, 2025)]


def test_the_latest_rows_of_units_are_read_together(national, django_assert_num_queries):
    plan = national["plan"]
    units = [national["vinh_long"].pk, national["ha_noi"].pk]
    with django_assert_num_queries(1):
        rows = sorted(Snapshot.objects.latest_of(plan, units).values_list("unit_id", "year",
                                                                          "status"))
    assert rows == sorted([(units[0], 2024, "limited"), (units[1], 2024, "limited")])


def test_the_units_below_the_plan_s_own(national, django_assert_num_queries):
    plan = national["plan"]
    with django_assert_num_queries(1):
        below = set(Snapshot.objects.units_below(plan))
    assert below == {national["vinh_long"].pk, national["ha_noi"].pk}


def test_the_sums_of_the_other_provinces(national, django_assert_num_queries):
    plan, measure = national["plan"], national["measure"]
    with django_assert_num_queries(1):
        rows = list(Snapshot.objects.sums_of_units(plan, excluded=[national["vinh_long"].pk],
                                                   measure_ids=[measure.pk]))
    assert sorted(rows) == [(measure.pk, 2023, 83, 100, 83, 1, 1), (measure.pk, 2024, 84, 100,
                                                                       84, 1, 1)]


def test_the_communes_under_a_province(national, django_assert_num_queries):
    plan, vinh_long, measure = national["plan"], national["vinh_long"], national["measure"]
    with django_assert_num_queries(1):
        rows = sorted(CommuneStatus.objects.under(plan, vinh_long.pk, measure.pk)
                      .values_list("unit__name", "year", "value"))
    assert rows == [("Xã An", 2024, 81), ("Xã Bình", 2024, 82), ("Xã Cường", 2024, 83)]


def test_the_rows_a_recompute_replaces(national, django_assert_num_queries):
    plan, vinh_long, measure = national["plan"], national["vinh_long"], national["measure"]
    with django_assert_num_queries(1):
        rows = sorted(Snapshot.objects.to_rewrite(plan, measure_ids=[measure.pk],
                                                  unit_ids=[vinh_long.pk])
                      .values_list("unit_id", "year"))
    assert rows == [(vinh_long.pk, 2023), (vinh_long.pk, 2024)]
    assert Snapshot.objects.to_rewrite(plan).count() == 3 * 2  # the nation and 2 provinces
