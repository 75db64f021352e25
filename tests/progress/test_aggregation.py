"""Approved figures become snapshots: ratio of sums, old units under their successors,
idempotence, reconciliation, and only approved data counts."""

from decimal import Decimal

import pytest

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.aggregation import commune_sums
from progress.models import Snapshot
from progress.readers import commune_series, unit_series
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from tests.progress.factories import commune, figure, succeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return Plan.objects.get(key="national-2021")


@pytest.fixture
def vinh_long():
    return AdminUnit.objects.get(level="province", code="86", valid_to=None)


@pytest.fixture
def vaccination():
    return Measure.objects.get(code="5a")  # percent, ratio of sums


def snapshot(plan, unit, measure, year) -> Snapshot:
    return Snapshot.objects.get(plan=plan, unit=unit, measure=measure, year=year)


def test_a_ratio_is_the_sum_of_numerators_over_the_sum_of_denominators(national, vinh_long,
                                                                       vaccination):
    small, large = commune(vinh_long, "Xã Nhỏ"), commune(vinh_long, "Phường Lớn")
    figure(national, 2024, small, vaccination, 90, 100)  # 90 %
    figure(national, 2024, large, vaccination, 500, 1000)  # 50 %
    rollup_rebuild()
    snapshots_recompute(plan=national)

    province = snapshot(national, vinh_long, vaccination, 2024)
    # (90 + 500) / (100 + 1000) = 53,63… % — the mean of the two rates would be 70 %.
    assert province.numerator == 590 and province.denominator == 1100
    assert province.value.quantize(Decimal("0.01")) == Decimal("53.64")
    assert province.units_reported == 2
    nation = snapshot(national, national.unit, vaccination, 2024)
    assert nation.value == province.value


def test_old_communes_roll_into_their_successor_keeping_every_part(national, vinh_long,
                                                                   vaccination):
    new = commune(vinh_long, "Xã Mới")
    old_a = commune(vinh_long, "Xã Cũ A", retired=True)
    old_b = commune(vinh_long, "Xã Cũ B", retired=True)
    succeed(old_a, new)
    succeed(old_b, new)
    figure(national, 2022, old_a, vaccination, 45, 50)
    figure(national, 2022, old_b, vaccination, 28, 40)
    figure(national, 2026, new, vaccination, 80, 88)
    rollup_rebuild()
    snapshots_recompute(plan=national)

    in_2022 = snapshot(national, vinh_long, vaccination, 2022)
    assert (in_2022.numerator, in_2022.denominator) == (73, 90)
    in_2026 = snapshot(national, vinh_long, vaccination, 2026)
    assert (in_2026.numerator, in_2026.denominator) == (80, 88)
    # The history reads under today's province, 2022 and 2026 side by side.
    years = set(Snapshot.objects.filter(plan=national, unit=vinh_long, measure=vaccination)
                .values_list("year", flat=True))
    assert years == {2022, 2026}


def test_old_tra_vinh_counts_under_vinh_long_nationally_and_as_itself_in_its_plan(
        national, vinh_long, vaccination):
    plan = Plan.objects.get(key="tra-vinh-2021")
    figure(plan, 2023, plan.unit, vaccination, 970, 1000)
    figure(national, 2023, plan.unit, vaccination, 970, 1000)
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    snapshots_recompute(plan=national)
    assert snapshot(national, vinh_long, vaccination, 2023).value == Decimal("97")
    # The plan of old Trà Vinh keeps its figures on its own unit, not on the province
    # that took it over (old Trà Vinh is only a part of today's Vĩnh Long).
    assert snapshot(plan, plan.unit, vaccination, 2023).value == Decimal("97")
    assert set(Snapshot.objects.filter(plan=plan).values_list("unit", flat=True)) == {
        plan.unit_id}


def test_running_it_twice_gives_the_same_snapshots(national, vinh_long, vaccination):
    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 9, 10)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    fields = ["unit_id", "measure_id", "year", "numerator", "denominator", "value", "status",
              "units_reported", "units_expected", "mismatch"]
    first = list(Snapshot.objects.order_by("unit_id", "year").values(*fields))
    snapshots_recompute(plan=national)
    assert list(Snapshot.objects.order_by("unit_id", "year").values(*fields)) == first


def test_figures_not_approved_never_count(national, vinh_long, vaccination):
    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 9, 10)
    figure(national, 2024, commune(vinh_long, "Xã B"), vaccination, 1, 10, status="submitted")
    figure(national, 2024, commune(vinh_long, "Xã C"), vaccination, 1, 10, status="draft")
    rollup_rebuild()
    snapshots_recompute(plan=national)
    province = snapshot(national, vinh_long, vaccination, 2024)
    assert (province.numerator, province.denominator) == (9, 10)
    assert (province.units_reported, province.units_expected) == (1, 3)
    assert province.coverage == pytest.approx(1 / 3)


def test_a_rate_without_its_parts_shows_for_its_unit_and_is_left_out_of_the_roll_up(
        national, vinh_long, vaccination):
    from progress.models import CommuneStatus

    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 9, 10)
    rate_only = commune(vinh_long, "Xã B")
    figure(national, 2024, rate_only, vaccination, value=50)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    province = snapshot(national, vinh_long, vaccination, 2024)
    # A mean with an unweighted rate would be a guess: the province's value is Xã A's
    # parts, and the snapshot says one unit was left out.
    assert (province.numerator, province.denominator, province.value) == (9, 10, 90)
    assert (province.units_reported, province.left_out) == (2, 1)
    assert snapshot(national, national.unit, vaccination, 2024).left_out == 1
    assert CommuneStatus.objects.get(plan=national, unit=rate_only).value == 50


def test_a_province_figure_far_from_its_communes_is_flagged(national, vinh_long, vaccination):
    figure(national, 2024, vinh_long, vaccination, 960, 1000)  # the Sở says 96 %
    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 80, 100)
    figure(national, 2024, commune(vinh_long, "Xã B"), vaccination, 85, 100)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    province = snapshot(national, vinh_long, vaccination, 2024)
    assert province.value == 96  # the province's own figure is the one shown
    assert province.own_value == 96
    assert province.rollup_value == Decimal("82.5")
    assert province.mismatch  # 14 % apart


def test_a_province_figure_close_to_its_communes_is_not_flagged(national, vinh_long,
                                                                vaccination):
    figure(national, 2024, vinh_long, vaccination, 840, 1000)
    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 82, 100)
    figure(national, 2024, commune(vinh_long, "Xã B"), vaccination, 83, 100)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    assert not snapshot(national, vinh_long, vaccination, 2024).mismatch


def test_the_status_follows_the_plan_s_target(national, vinh_long, vaccination):
    unit = commune(vinh_long, "Xã A")
    figure(national, 2021, unit, vaccination, 90, 100)
    figure(national, 2022, unit, vaccination, 98, 100)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    latest = snapshot(national, vinh_long, vaccination, 2022)
    assert (latest.latest, latest.status, latest.target.year) == (True, "achieved", 2025)
    # Earlier years are judged when asked for, with the values up to then.
    assert snapshot(national, vinh_long, vaccination, 2021).status == ""
    series = unit_series(national, vinh_long, [vaccination])[vaccination.pk]
    targets = list(national.targets.filter(measure=vaccination))
    assert series.verdict_at(2021, targets).status == "limited"  # one point
    assert series.verdict_at(2024, targets).status == "achieved"  # ≥ 97


def test_communes_are_read_on_demand_with_old_ones_merged(national, vinh_long, vaccination):
    new = commune(vinh_long, "Xã Mới")
    old = commune(vinh_long, "Xã Cũ", retired=True)
    succeed(old, new)
    figure(national, 2024, new, vaccination, 40, 50)
    figure(national, 2024, old, vaccination, 10, 50)
    figure(national, 2024, vinh_long, vaccination, 1, 2)  # the province's own: not a commune
    rollup_rebuild()
    sums = commune_sums(national, province_ids=[vinh_long.pk])
    assert list(sums) == [(new.pk, vaccination.pk, 2024)]
    merged = sums[(new.pk, vaccination.pk, 2024)]
    assert (merged.numerator, merged.denominator, merged.units) == (50, 100, 2)
    readings = commune_series(national, commune_ids=[new.pk])
    assert readings[(new.pk, vaccination.pk)][2024].value == 50


def test_recomputing_one_province_gives_what_a_full_recompute_gives(national, vinh_long,
                                                                    vaccination):
    ha_noi = AdminUnit.objects.get(level="province", code="01", valid_to=None)
    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 90, 100)
    figure(national, 2024, commune(ha_noi, "Phường B"), vaccination, 70, 100)
    rollup_rebuild()
    snapshots_recompute(plan=national)
    figure(national, 2024, commune(vinh_long, "Xã C"), vaccination, 40, 100)  # a new approval
    snapshots_recompute(plan=national, measure_ids=[vaccination.pk],
                        province_ids=[vinh_long.pk])
    fields = ["unit_id", "year", "numerator", "denominator", "value", "status",
              "units_reported", "parts_units"]
    incremental = list(Snapshot.objects.order_by("unit_id", "year").values(*fields))
    snapshots_recompute(plan=national)
    assert list(Snapshot.objects.order_by("unit_id", "year").values(*fields)) == incremental
    nation = snapshot(national, national.unit, vaccination, 2024)
    assert (nation.numerator, nation.denominator) == (200, 300)


def test_an_annual_rate_written_high_to_low_is_assessed(vinh_long):
    plan = Plan.objects.get(key="trieu-son-2021")
    child_marriage = Measure.objects.get(code="13")
    target = plan.targets.get(measure=child_marriage, year=2025)
    assert target.value > target.value_high  # "từ 1% đến 2%" stored as −1, −2
    figure(plan, 2022, plan.unit, child_marriage, value=-3)
    figure(plan, 2023, plan.unit, child_marriage, value=-2.5)
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    assert Snapshot.objects.filter(plan=plan, measure=child_marriage).exists()


def test_snapshots_read_back_with_their_computation_time(national, vinh_long, vaccination):
    from django.utils import timezone

    figure(national, 2024, commune(vinh_long, "Xã A"), vaccination, 9, 10)
    rollup_rebuild()
    before = timezone.now()
    snapshots_recompute(plan=national)
    computed = snapshot(national, vinh_long, vaccination, 2024).computed_at
    assert before - timezone.timedelta(seconds=1) <= computed <= timezone.now()
    assert snapshot(national, vinh_long, vaccination, 2024).value == 90
