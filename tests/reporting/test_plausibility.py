"""What counts as "far from last year's", from the measure's own history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporting.plausibility import PlausibleRange, far_message, is_far, plausible_range

D = Decimal

RANGES = [
    pytest.param([], None, id="no-history"),
    pytest.param([None, None], None, id="history-without-values"),
    pytest.param([D(40)], PlausibleRange(D(30), D(50)), id="one-point-a-quarter"),
    pytest.param([D(2)], PlausibleRange(D(1), D(3)), id="one-small-point-floor"),
    pytest.param([D("1.5"), D("1.6"), D("1.7")], PlausibleRange(D("0.7"), D("2.7")),
                 id="steady-rise-floor-of-one"),
    pytest.param([D(80), D(84), D(86)], PlausibleRange(D(74), D(98)),
                 id="three-times-biggest-move"),
    pytest.param([D(100), D(100), D(100)], PlausibleRange(D(95), D(105)),
                 id="flat-history-five-percent"),
    pytest.param([D(0), D(0)], PlausibleRange(D(-1), D(1)), id="zero-history-floor"),
    pytest.param([D(80), None, D(86)], PlausibleRange(D(68), D(104)), id="gaps-skipped"),
]


@pytest.mark.parametrize(("history", "expected"), RANGES)
def test_it_finds_the_plausible_range(history, expected):
    assert plausible_range(history) == expected


FAR = [
    pytest.param([D(86)], D(60), True, id="one-point-big-drop"),
    pytest.param([D(86)], D(70), False, id="one-point-small-drop"),
    pytest.param([D(80), D(84), D(86)], D(99), True, id="above-history"),
    pytest.param([D(80), D(84), D(86)], D(97), False, id="within-history"),
    pytest.param([D("1.5"), D("1.6"), D("1.7")], D("9.5"), True, id="hiv-jump"),
    pytest.param([D("1.5"), D("1.6"), D("1.7")], D("1.9"), False, id="hiv-small-move"),
    pytest.param([], D(50), False, id="nothing-to-compare"),
    pytest.param([D(50)], None, False, id="nothing-typed"),
]


@pytest.mark.parametrize(("history", "value", "far"), FAR)
def test_it_flags_far_values(history, value, far):
    assert is_far(history, value) is far


def test_a_larger_floor_widens_small_rates():
    assert is_far([D(5)], D(12)) is True
    assert is_far([D(5)], D(12), floor=D(10)) is False


@pytest.mark.parametrize(("history", "value", "far"), FAR)
def test_the_warning_is_given_exactly_when_the_value_is_far(history, value, far):
    by_year = dict(zip(range(2026 - len(history), 2026), history, strict=True))
    assert bool(far_message("6", value, by_year)) is far


def test_the_warning_names_the_measure_last_year_and_the_usual_range():
    history = {2023: D("1.5"), 2024: D("1.6"), 2025: D("1.7"), 2022: None}
    assert far_message("6", D("9.5"), history) == (
        "Chỉ tiêu 6: 9,5 khác xa số liệu các năm trước (năm 2025: 1,7; mức thường gặp "
        "0,70 – 2,70). Nếu số liệu đúng, hãy ghi chú lý do và đánh dấu «Tôi xác nhận số liệu "
        "này là đúng» trên biểu mẫu nhập liệu trước khi nộp.")
    assert far_message("12", D(12), {2025: D(5)}, floor=D(10)) == ""
