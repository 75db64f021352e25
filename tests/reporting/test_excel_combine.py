"""The figure of a unit from its units' approved figures (reporting.excel.combine)."""

from decimal import Decimal as D

import pytest

from reporting.excel.combine import (
    NONE,
    RATIO,
    SUM,
    Combined,
    Part,
    aggregation_of,
    combine,
    own_or_combined,
)


def test_it_adds_numerators_and_denominators_never_averages_rates():
    parts = [Part(D(98), D(980), D(1000)), Part(D(90), D(90), D(100))]
    assert combine(parts, how=RATIO, scale=100) == Combined(D("97.2727"), D(1070), D(1100))


def test_it_scales_per_thousand():
    parts = [Part(D(10), D(10), D(1000)), Part(D(20), D(40), D(2000))]
    assert combine(parts, how=RATIO, scale=1000).value == D("16.6667")


def test_one_figure_is_the_units_own_even_without_parts():
    assert combine([Part(D("1.9"))], how=RATIO, scale=100) == Combined(D("1.9"))


def test_a_rate_without_parts_is_left_out_and_said_so():
    result = combine([Part(D(98), D(98), D(100)), Part(D(50))], how=RATIO, scale=100)
    assert result.value == D(98)
    assert result.note == "Chưa tính 1 đơn vị chỉ nhập tỷ lệ, không có tử số và mẫu số."


def test_rates_without_parts_alone_give_no_figure():
    result = combine([Part(D(98)), Part(D(50))], how=RATIO, scale=100)
    assert result.value is None and result.note.startswith("2 đơn vị chỉ nhập tỷ lệ")


def test_a_zero_denominator_is_not_a_part():
    result = combine([Part(D(0), D(0), D(0)), Part(D(50), D(5), D(10))], how=RATIO, scale=100)
    assert result.value == D(50)


def test_counts_add_up():
    assert combine([Part(D(12)), Part(D(3))], how=SUM).value == D(15)


def test_what_does_not_add_up_gives_no_figure_from_several_units():
    result = combine([Part(D(1)), Part(D(0))], how=NONE)
    assert result.value is None and "không cộng dồn" in result.note
    assert combine([Part(D(1))], how=NONE).value == D(1)


def test_no_figure_is_an_empty_cell_not_a_zero():
    assert combine([], how=SUM) == Combined(None)
    assert combine([Part(None)], how=RATIO, scale=100) == Combined(None)


def test_a_ratio_needs_its_scale():
    with pytest.raises(ValueError):
        combine([Part(D(1), D(1), D(2)), Part(D(1), D(1), D(2))], how=RATIO)


def test_the_units_own_figure_wins_over_the_units_below():
    own = [Part(D(95), D(950), D(1000))]
    below = [Part(D(50), D(5), D(10))]
    assert own_or_combined(own, below, how=RATIO, scale=100).value == D(95)
    assert own_or_combined([], below, how=RATIO, scale=100).value == D(50)


@pytest.mark.parametrize(("unit_kind", "aggregation", "is_ratio", "expected"), [
    ("percent", "ratio", True, RATIO),
    ("per_1000", "ratio", True, RATIO),
    ("percent", "none", True, NONE),
    ("count", "sum", False, SUM),
    ("count", "ratio", False, SUM),  # the catalogue's default on a count
    ("count", "none", False, NONE),
    ("yes_no", "ratio", False, NONE),
    ("annual_change", "none", False, NONE),
])
def test_how_a_measure_adds_up(unit_kind, aggregation, is_ratio, expected):
    assert aggregation_of(unit_kind=unit_kind, aggregation=aggregation,
                          is_ratio=is_ratio) == expected
