"""Reading one measure's boxes: the rules the form adds on top of parse_number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporting.figures import Figure, MeasureSpec, compute, read_figure

D = Decimal
PERCENT = MeasureSpec("5a", "Tiêm chủng", "percent", 100, "Số trẻ được tiêm", "Số trẻ")
PER_1000 = MeasureSpec("3a", "Tử vong sơ sinh", "per_1000", 1000, "Số tử vong", "Số trẻ đẻ sống")
PER_100K = MeasureSpec("11a", "Tai nạn", "per_100000", 100000)
ANNUAL = MeasureSpec("13", "Giảm tỷ lệ", "annual_change", None)
COUNT = MeasureSpec("L1", "Số vụ", "count", None)
YES_NO = MeasureSpec("L2", "Có ban hành", "yes_no", None)

READ = [
    pytest.param(PERCENT, {"numerator": "9.612", "denominator": "10.000"},
                 Figure(D(9612), D(10000), D("96.12")), id="percent-from-counts"),
    pytest.param(PER_1000, {"numerator": "19", "denominator": "10.000"},
                 Figure(D(19), D(10000), D("1.9")), id="per-thousand-from-counts"),
    pytest.param(PER_100K, {"numerator": "1", "denominator": "300.000"},
                 Figure(D(1), D(300000), D("0.3333")), id="per-100k-rounded-to-4-places"),
    pytest.param(PERCENT, {"numerator": "2", "denominator": "3"},
                 Figure(D(2), D(3), D("66.6667")), id="half-up-rounding"),
    pytest.param(PERCENT, {"numerator": "0", "denominator": "12"},
                 Figure(D(0), D(12), D("0")), id="zero-numerator"),
    pytest.param(PERCENT, {"numerator": "12", "denominator": "12"},
                 Figure(D(12), D(12), D("100")), id="numerator-equals-denominator"),
    pytest.param(PERCENT, {"value": "98.5"}, Figure(value=D("98.5"), aggregable=False),
                 id="rate-alone-not-aggregable"),
    pytest.param(PERCENT, {"value": "98,5%"}, Figure(value=D("98.5"), aggregable=False),
                 id="rate-alone-with-sign"),
    pytest.param(PER_1000, {"value": "1,9"}, Figure(value=D("1.9"), aggregable=False),
                 id="per-thousand-alone"),
    pytest.param(PERCENT, {"numerator": "5", "denominator": "10", "value": "99"},
                 Figure(D(5), D(10), D("50")), id="counts-win-over-a-typed-rate"),
    pytest.param(ANNUAL, {"value": "-2,5"}, Figure(value=D("-2.5")), id="annual-change-negative"),
    pytest.param(COUNT, {"value": "1.234"}, Figure(value=D(1234)), id="count-thousands"),
    pytest.param(YES_NO, {"value": "1"}, Figure(value=D(1)), id="yes"),
    pytest.param(PERCENT, {}, Figure(), id="nothing-typed"),
    pytest.param(PERCENT, {"numerator": " ", "denominator": "", "value": "  "}, Figure(),
                 id="only-spaces"),
    pytest.param(PERCENT, {"value": "100"}, Figure(value=D(100), aggregable=False),
                 id="percent-at-100"),
]


@pytest.mark.parametrize(("spec", "texts", "expected"), READ)
def test_it_reads(spec, texts, expected):
    assert read_figure(spec, **texts) == (expected, {})


REFUSED = [
    pytest.param(PERCENT, {"numerator": "10.001", "denominator": "10.000"}, "numerator",
                 "Chỉ tiêu 5a, Số trẻ được tiêm: tử số (10.001) lớn hơn mẫu số (10.000).",
                 id="numerator-above-denominator"),
    pytest.param(PERCENT, {"numerator": "5"}, "denominator",
                 "Chỉ tiêu 5a, Số trẻ: chưa nhập", id="denominator-missing"),
    pytest.param(PERCENT, {"denominator": "5"}, "numerator",
                 "Chỉ tiêu 5a, Số trẻ được tiêm: chưa nhập", id="numerator-missing"),
    pytest.param(PERCENT, {"numerator": "0", "denominator": "0"}, "denominator",
                 "mẫu số phải lớn hơn 0", id="zero-denominator"),
    pytest.param(PERCENT, {"numerator": "1,5", "denominator": "10"}, "numerator",
                 "số đếm phải là số nguyên", id="fractional-count"),
    pytest.param(PERCENT, {"numerator": "-1", "denominator": "10"}, "numerator",
                 "Chỉ tiêu 5a, Số trẻ được tiêm: không được âm (-1).", id="negative-numerator"),
    pytest.param(PER_1000, {"value": "-1,9"}, "value", "Chỉ tiêu 3a, giá trị: không được âm",
                 id="negative-rate"),
    pytest.param(PERCENT, {"value": "100,01"}, "value",
                 "tỷ lệ phần trăm không thể lớn hơn 100 (100,01).", id="percent-over-100"),
    pytest.param(PERCENT, {"value": "1.234"}, "value", "không rõ là số thập phân hay số nghìn",
                 id="ambiguous-percent"),
    pytest.param(PER_1000, {"value": "9,5‰"}, "value", None, id="permille-sign-is-fine"),
    pytest.param(PERCENT, {"value": "9,5‰"}, "value", "dấu ‰", id="permille-in-percent"),
    pytest.param(PERCENT, {"value": "98,12345"}, "value", "nhiều nhất 4 chữ số sau dấu phẩy",
                 id="too-many-places"),
    pytest.param(COUNT, {"value": "100.000.000.000.000"}, "value", "số quá lớn", id="too-large"),
    pytest.param(COUNT, {"value": "12,5"}, "value", "số đếm phải là số nguyên",
                 id="count-with-decimals"),
    pytest.param(YES_NO, {"value": "2"}, "value", "nhập 1 (có) hoặc 0 (không)", id="yes-no-2"),
    pytest.param(PERCENT, {"value": "abc"}, "value", "Chỉ tiêu 5a, giá trị: «abc» có ký tự «a»",
                 id="letters"),
]


@pytest.mark.parametrize(("spec", "texts", "box", "phrase"), REFUSED)
def test_it_refuses_naming_the_box(spec, texts, box, phrase):
    figure, errors = read_figure(spec, **texts)
    if phrase is None:
        assert errors == {}
        return
    assert figure == Figure()
    assert list(errors) == [box]
    assert phrase in errors[box]


def test_it_computes_the_value_with_the_measure_scale():
    assert compute(D(1), D(8), 100) == D("12.5")
    assert compute(D(7), D(2000), 1000) == D("3.5")
    assert compute(D(3), D(40000), 100000) == D("7.5")
