"""Bad plan data is refused with a Vietnamese message naming the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from childplan.models import Plan, Target
from childplan.seeding.plans import upsert_plan
from indicators.models import Measure

pytestmark = pytest.mark.django_db


def errors_of(target: Target) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        target.full_clean()
    return caught.value.message_dict


def target(**fields) -> Target:
    plan = Plan.objects.get(key="tra-vinh-2021")
    defaults = {"plan": plan, "measure": Measure.objects.get(code="1"), "year": 2025,
                "comparator": ">=", "value": Decimal(70)}
    return Target(**{**defaults, **fields})


def test_a_year_outside_the_plan_period_is_refused():
    errors = errors_of(target(year=2035))
    assert errors["year"] == ["Năm 2035 nằm ngoài giai đoạn của kế hoạch (2021–2030)."]


def test_a_band_whose_low_end_exceeds_its_high_end_is_refused():
    errors = errors_of(target(comparator="band", value=Decimal("0.7"), value_high=Decimal("0.4")))
    assert errors["value_high"] == ["Cận dưới (0,7) lớn hơn cận trên (0,4)."]


def test_a_band_needs_its_high_end():
    errors = errors_of(target(comparator="band", value=Decimal("0.4")))
    assert "cận trên" in errors["value_high"][0]


def test_a_percentage_over_100_is_refused():
    errors = errors_of(target(value=Decimal("101.5")))
    assert errors["value"] == ["Tỷ lệ phần trăm phải từ 0 đến 100, không phải 101,5."]


def test_a_rate_per_1000_may_exceed_100():
    target(measure=Measure.objects.get(code="11a"), comparator="<=", value=Decimal(550),
           year=2027).full_clean()


def test_a_measure_code_that_does_not_exist_is_refused_and_nothing_is_saved():
    spec = {"key": "thu-nghiem", "title": "Kế hoạch thử", "issuer": "UBND tỉnh Trà Vinh",
            "unit": {"level": "province", "code": "84"}, "period": [2021, 2030],
            "targets": [{"measure": "1", "year": 2025, "comparator": ">=", "value": 70},
                        {"measure": "99z", "year": 2025, "comparator": ">=", "value": 70}]}
    with pytest.raises(ValidationError) as caught:
        from django.db import transaction
        with transaction.atomic():
            upsert_plan(spec)
    assert "Không có chỉ tiêu đo lường mã «99z» trong danh mục." in str(caught.value)
    assert not Plan.objects.filter(key="thu-nghiem").exists()


def test_a_plan_whose_period_ends_before_it_starts_is_refused():
    plan = Plan.objects.get(key="tra-vinh-2021")
    plan.period_end = 2019
    with pytest.raises(ValidationError) as caught:
        plan.full_clean()
    assert caught.value.message_dict["period_end"] == ["Năm kết thúc phải không trước năm bắt đầu."]
