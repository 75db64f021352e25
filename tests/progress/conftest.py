"""Data shared by the tests of progress: a plan whose 2025 figures come partly from its
mid-term review."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache

from childplan.models import Target
from indicators.models import Measure
from progress.services import snapshots_recompute
from tests.progress.factories import figure


def code(text: str) -> Measure:
    return Measure.objects.get(code=text, plan=None)


def target_2025(plan, measure, comparator, value):
    Target.objects.filter(plan=plan, measure=measure, year=2025).delete()
    Target.objects.create(plan=plan, measure=measure, year=2025, comparator=comparator,
                          value=Decimal(value))


@pytest.fixture
def reviewed(tra_vinh_plan):
    """Trà Vinh's 2024 figures, and for 2025 a mid-term review beside an annual cycle.

    5a (đạt 95 %): only the review gives 2025 → 96 %, Đạt.
    3a (dưới 9,5‰): the annual 9,2 and the review's 9,8 → the annual one counts, Đạt.
    6 (dưới 1,5 %): no figure of 2025 anywhere → Chưa đánh giá được.
    5b (đạt 97 %): the review's 94,996 shows as 95, Không đạt.
    """
    plan, unit = tra_vinh_plan, tra_vinh_plan.unit
    for measure, comparator, value in (("5a", ">=", "95"), ("3a", "<", "9.5"),
                                       ("6", "<", "1.5"), ("5b", ">=", "97")):
        target_2025(plan, code(measure), comparator, value)
    figure(plan, 2024, unit, code("5a"), 920, 1000)
    figure(plan, 2024, unit, code("3a"), 98, 10000)
    figure(plan, 2024, unit, code("6"), value="1.7")
    figure(plan, 2025, unit, code("5a"), 960, 1000, kind="midterm")
    figure(plan, 2025, unit, code("5b"), value="94.996", kind="midterm")
    figure(plan, 2025, unit, code("3a"), 92, 10000)
    figure(plan, 2025, unit, code("3a"), 98, 10000, kind="midterm")
    snapshots_recompute(plan=plan)
    cache.clear()
    return plan
