"""How a measure adds up follows from its unit kind, whoever writes the measure."""

import pytest

from indicators.models import Measure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("unit_kind, aggregation", [
    ("percent", "ratio"), ("per_1000", "ratio"), ("per_100000", "ratio"), ("count", "sum"),
    ("yes_no", "none"), ("annual_change", "none"),
])
def test_the_unit_kind_decides(unit_kind, aggregation):
    Measure.objects.create(code="T1", name="Thử", unit_kind=unit_kind, unit_label="",
                           direction="increase")
    assert Measure.objects.get(code="T1").aggregation == aggregation


def test_bulk_writes_and_updates_follow_it_too():
    Measure.objects.bulk_create([Measure(code="T2", name="Thử", unit_kind="count",
                                         unit_label="", direction="increase")])
    assert Measure.objects.get(code="T2").aggregation == "sum"
    Measure.objects.filter(code="T2").update(unit_kind="percent")
    assert Measure.objects.get(code="T2").aggregation == "ratio"


def test_the_seed_plans_counts_add_up():
    # Điện Biên Phủ's own "số xã, phường đạt chuẩn" is a count: summed, not a ratio.
    assert Measure.objects.get(code="DBP-6").aggregation == "sum"
    assert Measure.objects.get(code="5a").aggregation == "ratio"
    assert Measure.objects.get(code="13").aggregation == "none"  # a change a year
