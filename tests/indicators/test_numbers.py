"""Vietnamese numbers: every rule of indicators/numbers.py, by example and by property."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.numbers import NumberFormatError, format_number, parse_number

D = Decimal
NBSP = "\u00a0"


# (text, kind, expected). Rule numbers refer to the module docstring.
PARSED = [
    # 1. Surrounding spaces, including the ones Word and Excel leave.
    pytest.param("  12  ", "count", D("12"), id="1-spaces-around"),
    pytest.param(f"{NBSP}12,5{NBSP}", "decimal", D("12.5"), id="1-nbsp-around"),
    pytest.param("\t7\n", "count", D("7"), id="1-tab-newline-around"),
    # 2. One trailing unit sign.
    pytest.param("98,5%", "percent", D("98.5"), id="2-percent-sign"),
    pytest.param("98,5 %", "percent", D("98.5"), id="2-percent-sign-after-space"),
    pytest.param(f"98,5{NBSP}%", "percent", D("98.5"), id="2-percent-sign-after-nbsp"),
    pytest.param("9,5‰", "decimal", D("9.5"), id="2-permille-sign"),
    pytest.param("9,5 ‰", "decimal", D("9.5"), id="2-permille-sign-after-space"),
    pytest.param("12%", "decimal", D("12"), id="2-percent-sign-in-decimal-field"),
    pytest.param(" 45 % ", "percent", D("45"), id="2-sign-and-spaces"),
    # 3. A leading sign; negatives are parsed, the caller decides.
    pytest.param("-2,5", "decimal", D("-2.5"), id="3-minus"),
    pytest.param("\u22123", "decimal", D("-3"), id="3-unicode-minus"),
    pytest.param("+2", "decimal", D("2"), id="3-plus"),
    pytest.param("- 5", "decimal", D("-5"), id="3-minus-then-space"),
    pytest.param("-1.234", "count", D("-1234"), id="3-negative-count-with-thousands"),
    pytest.param("-98.5%", "percent", D("-98.5"), id="3-negative-percent-with-dot"),
    pytest.param("-0", "count", D("0"), id="3-minus-zero-is-zero"),
    pytest.param("-0,0", "decimal", D("0.0"), id="3-minus-zero-decimal-is-zero"),
    # 5. The comma is the decimal separator.
    pytest.param("1,9", "decimal", D("1.9"), id="5-comma-decimal"),
    pytest.param("0,5", "percent", D("0.5"), id="5-comma-below-one"),
    pytest.param("9,50", "decimal", D("9.50"), id="5-trailing-zero-kept"),
    pytest.param("1234,5", "decimal", D("1234.5"), id="5-ungrouped-whole-part"),
    pytest.param("100,000", "percent", D("100.000"), id="5-comma-three-decimals"),
    pytest.param("007", "count", D("7"), id="5-leading-zeros"),
    pytest.param("0", "count", D("0"), id="5-zero"),
    pytest.param("42", "count", D("42"), id="5-plain-integer"),
    # 6. Thousands grouped with dots or with spaces.
    pytest.param("1.234,5", "decimal", D("1234.5"), id="6-dot-thousands-comma-decimal"),
    pytest.param("1.234.567", "count", D("1234567"), id="6-two-dots"),
    pytest.param("1.234.567", "percent", D("1234567"), id="6-two-dots-unambiguous-in-percent"),
    pytest.param("1.234.567,89", "decimal", D("1234567.89"), id="6-two-dots-and-comma"),
    pytest.param("100.000", "count", D("100000"), id="6-hundred-thousand-count"),
    pytest.param("1 234", "count", D("1234"), id="6-space-thousands"),
    pytest.param("1 234", "percent", D("1234"), id="6-space-never-decimal"),
    pytest.param("1 234,5", "decimal", D("1234.5"), id="6-space-thousands-comma-decimal"),
    pytest.param(f"1{NBSP}234{NBSP}567", "count", D("1234567"), id="6-nbsp-thousands"),
    pytest.param("1\u202f234", "count", D("1234"), id="6-narrow-nbsp-thousands"),
    pytest.param(f"12 345{NBSP}678,9", "decimal", D("12345678.9"), id="6-mixed-space-kinds"),
    # 7. A single dot, no comma.
    pytest.param("98.5", "percent", D("98.5"), id="7-dot-one-decimal-in-percent"),
    pytest.param("98.25", "percent", D("98.25"), id="7-dot-two-decimals-in-percent"),
    pytest.param("0.5", "decimal", D("0.5"), id="7-dot-one-decimal-in-decimal"),
    pytest.param("1.2345", "decimal", D("1.2345"), id="7-dot-four-decimals"),
    pytest.param("0.123", "decimal", D("0.123"), id="7-zero-cannot-open-thousands"),
    pytest.param("0.123", "percent", D("0.123"), id="7-zero-cannot-open-thousands-percent"),
    pytest.param("1234.567", "decimal", D("1234.567"), id="7-four-digits-cannot-open-thousands"),
    pytest.param("1.234", "count", D("1234"), id="7-dot-three-digits-in-count-is-thousands"),
    pytest.param("12.345", "count", D("12345"), id="7-two-digit-first-group-in-count"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), PARSED)
def test_it_parses(text: str, kind: str, expected: Decimal) -> None:
    result = parse_number(text, kind=kind)
    assert isinstance(result, Decimal)
    assert result == expected
    assert str(result) == str(expected)  # the places typed, no "-0", no exponent


# (text, kind, a phrase the message must contain)
REFUSED = [
    # 1. Nothing typed.
    pytest.param("", "decimal", "chưa nhập", id="1-empty"),
    pytest.param("   ", "count", "chưa nhập", id="1-only-spaces"),
    pytest.param(NBSP, "percent", "chưa nhập", id="1-only-nbsp"),
    # 2. Unit signs in the wrong field.
    pytest.param("12%", "count", "số đếm nên không kèm dấu %", id="2-percent-sign-in-count"),
    pytest.param("12‰", "count", "số đếm nên không kèm dấu ‰", id="2-permille-sign-in-count"),
    pytest.param("5‰", "percent", "dấu ‰ (phần nghìn) trong ô phần trăm",
                 id="2-permille-in-percent"),
    pytest.param("%", "percent", "không có chữ số", id="2-sign-alone"),
    pytest.param("5%%", "percent", "ký tự «%»", id="2-two-signs"),
    pytest.param("%5", "percent", "ký tự «%»", id="2-sign-in-front"),
    # 3. Signs alone or misplaced.
    pytest.param("-", "decimal", "không có chữ số", id="3-minus-alone"),
    pytest.param("--5", "decimal", "ký tự «-»", id="3-two-minuses"),
    pytest.param("5-", "decimal", "ký tự «-»", id="3-trailing-minus"),
    # 4. Characters that are not part of a number.
    pytest.param("abc", "decimal", "ký tự «a» không phải chữ số", id="4-letters"),
    pytest.param("12a", "count", "ký tự «a»", id="4-trailing-letter"),
    pytest.param("1e3", "decimal", "ký tự «e»", id="4-exponent"),
    pytest.param("12 trẻ", "count", "ký tự «t»", id="4-a-word-after"),
    pytest.param("1'234", "count", "ký tự «'»", id="4-apostrophe-grouping"),
    pytest.param("١٢", "count", "không phải chữ số", id="4-non-latin-digits"),
    # 5. Commas.
    pytest.param("1,2,3", "decimal", "nhiều dấu phẩy", id="5-several-commas"),
    pytest.param("1,,5", "decimal", "nhiều dấu phẩy", id="5-double-comma"),
    pytest.param("1,", "decimal", "thiếu chữ số sau dấu phẩy", id="5-nothing-after-comma"),
    pytest.param(",5", "decimal", "thiếu chữ số trước dấu phẩy", id="5-nothing-before-comma"),
    pytest.param("1,234.5", "decimal", "dấu chấm sau dấu phẩy", id="5-english-order"),
    pytest.param("1,23 4", "decimal", "khoảng trắng trong phần thập phân",
                 id="5-space-in-fraction"),
    # 6. Thousands separators out of place.
    pytest.param("1.23.4", "count", "sai chỗ", id="6-short-group"),
    pytest.param("12.34,5", "decimal", "sai chỗ", id="6-two-digit-group-before-comma"),
    pytest.param("1 23", "count", "sai chỗ", id="6-short-space-group"),
    pytest.param("1  234", "count", "sai chỗ", id="6-double-space"),
    pytest.param("1234.567.890", "count", "sai chỗ", id="6-first-group-too-long"),
    pytest.param("0.123.456", "count", "sai chỗ", id="6-first-group-zero"),
    pytest.param("1.234.5678", "count", "sai chỗ", id="6-long-last-group"),
    pytest.param("1.234 567", "count", "dùng lẫn dấu chấm và khoảng trắng", id="6-dot-and-space"),
    pytest.param("1 234.5", "decimal", "dùng lẫn", id="6-space-then-dot"),
    # 7. A lone dot that cannot be read.
    pytest.param("1.", "decimal", "một bên dấu chấm", id="7-nothing-after-dot"),
    pytest.param(".5", "decimal", "một bên dấu chấm", id="7-nothing-before-dot"),
    pytest.param("1.234", "percent", "không rõ là số thập phân hay số nghìn",
                 id="7-ambiguous-percent"),
    pytest.param("1.234", "decimal", "không rõ là số thập phân hay số nghìn",
                 id="7-ambiguous-decimal"),
    pytest.param("100.000", "decimal", "không rõ", id="7-ambiguous-hundred-thousand"),
    pytest.param("-1.234", "percent", "không rõ", id="7-ambiguous-negative"),
    pytest.param("1.234%", "percent", "không rõ", id="7-ambiguous-with-sign"),
    # 8. A count is whole.
    pytest.param("1,5", "count", "số đếm phải là số nguyên", id="8-comma-decimal-in-count"),
    pytest.param("1,0", "count", "số đếm phải là số nguyên", id="8-zero-decimal-in-count"),
    pytest.param("1.5", "count", "số đếm phải là số nguyên", id="8-dot-decimal-in-count"),
    pytest.param("12.34", "count", "số đếm phải là số nguyên", id="8-dot-two-digits-in-count"),
    pytest.param("1.234,5", "count", "số đếm phải là số nguyên", id="8-grouped-decimal-in-count"),
]


@pytest.mark.parametrize(("text", "kind", "phrase"), REFUSED)
def test_it_refuses(text: str, kind: str, phrase: str) -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text, kind=kind)
    assert phrase.lower() in str(caught.value).lower()


def test_it_names_the_field_in_the_message() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("1.234", kind="percent", field="Tỷ lệ tiêm chủng")
    assert str(caught.value).startswith("Tỷ lệ tiêm chủng: «1.234» không rõ")
    assert caught.value.field == "Tỷ lệ tiêm chủng"
    assert caught.value.text == "1.234"


def test_it_shows_both_readings_of_an_ambiguous_entry() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("1.234", kind="decimal")
    assert "(1,234)" in str(caught.value)
    assert "(1234)" in str(caught.value)


def test_it_starts_a_message_without_field_with_a_capital() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number(" ")
    assert str(caught.value) == "Chưa nhập số liệu."


def test_it_puts_the_field_before_an_empty_entry() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("", field="Số trẻ em")
    assert str(caught.value) == "Số trẻ em: chưa nhập số liệu."


def test_it_is_a_value_error_so_forms_can_catch_either() -> None:
    with pytest.raises(ValueError):
        parse_number("x")


def test_it_shortens_a_very_long_entry_in_the_message() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("1" * 100 + "x")
    assert "1" * 29 + "…»" in str(caught.value)
    assert len(str(caught.value)) < 100


def test_it_refuses_an_unknown_kind_as_a_programming_error() -> None:
    with pytest.raises(ValueError) as caught:
        parse_number("1", kind="money")
    assert not isinstance(caught.value, NumberFormatError)


def test_it_defaults_to_a_decimal_field() -> None:
    assert parse_number("0.5") == D("0.5")
    with pytest.raises(NumberFormatError):
        parse_number("1.234")


FORMATTED = [
    pytest.param(1.9, None, "1,9", id="float"),
    pytest.param(D("9.50"), None, "9,5", id="trailing-zero-dropped"),
    pytest.param(D("100.000"), None, "100", id="decimal-places-of-an-integer-dropped"),
    pytest.param(100000, None, "100.000", id="int-thousands"),
    pytest.param(1234.5, None, "1.234,5", id="thousands-and-decimal"),
    pytest.param(D("-1234567.25"), None, "-1.234.567,25", id="negative-millions"),
    pytest.param(-2, None, "-2", id="negative-int"),
    pytest.param(0, None, "0", id="zero"),
    pytest.param(D("-0"), None, "0", id="negative-zero"),
    pytest.param(D("0.5"), None, "0,5", id="below-one"),
    pytest.param(999, None, "999", id="below-thousand"),
    pytest.param(1000, None, "1.000", id="thousand"),
    pytest.param(D("1E+5"), None, "100.000", id="exponent-form"),
    pytest.param(D("0.00001"), None, "0,00001", id="small-no-exponent"),
    pytest.param(None, None, "", id="none-is-empty"),
    pytest.param(None, 2, "", id="none-with-decimals-is-empty"),
    pytest.param(98.456, 1, "98,5", id="decimals-round"),
    pytest.param(D("98.45"), 1, "98,5", id="decimals-half-up-not-half-even"),
    pytest.param(2.675, 2, "2,68", id="decimals-float-as-written"),
    pytest.param(D("-1.25"), 1, "-1,3", id="decimals-half-away-from-zero"),
    pytest.param(D("9.5"), 2, "9,50", id="decimals-pads-zeros"),
    pytest.param(1234.5, 0, "1.235", id="decimals-zero"),
    pytest.param(100000, 2, "100.000,00", id="decimals-on-int"),
    pytest.param(D("-0.04"), 1, "0,0", id="decimals-no-negative-zero"),
    pytest.param(0.1 + 0.2, 2, "0,30", id="decimals-hide-float-noise"),
]


@pytest.mark.parametrize(("value", "decimals", "expected"), FORMATTED)
def test_it_formats(value: Decimal | int | float | None, decimals: int | None,
                    expected: str) -> None:
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        pytest.param(True, TypeError, id="bool"),
        pytest.param("1,5", TypeError, id="text"),
        pytest.param(D("NaN"), ValueError, id="nan"),
        pytest.param(float("inf"), ValueError, id="infinity"),
    ],
)
def test_it_refuses_to_format(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        format_number(value)  # type: ignore[arg-type]


def test_it_refuses_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_number(1, decimals=-1)


def test_it_keeps_every_digit_of_a_long_decimal() -> None:
    value = D("123456789012345678901234567890.123456789")
    assert format_number(value) == "123.456.789.012.345.678.901.234.567.890,123456789"


# Round trips. format_number writes "1.234" for the whole numbers from 1.000 to
# 999.999 and that text is ambiguous in a percent or decimal field, so those
# kinds round-trip below 1.000 (or with a decimal part); a count always does.
four_places = {"places": 4, "allow_nan": False, "allow_infinity": False}


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_a_count_round_trips(value: int) -> None:
    assert parse_number(format_number(value), kind="count") == value


@given(st.decimals(min_value=-100, max_value=100, **four_places))
def test_a_percentage_round_trips(value: Decimal) -> None:
    assert parse_number(format_number(value), kind="percent") == value
    assert parse_number(format_number(value) + " %", kind="percent") == value


@given(st.decimals(min_value=D("-999.9999"), max_value=D("999.9999"), **four_places))
def test_a_rate_below_a_thousand_round_trips(value: Decimal) -> None:
    assert parse_number(format_number(value), kind="decimal") == value


@given(st.decimals(min_value=-10**9, max_value=10**9, **four_places)
       .filter(lambda value: value != value.to_integral_value()))
def test_a_rate_with_a_decimal_part_round_trips_at_any_size(value: Decimal) -> None:
    assert parse_number(format_number(value), kind="decimal") == value


@given(st.integers(min_value=1000, max_value=999_999), st.booleans(),
       st.sampled_from(["percent", "decimal"]))
def test_a_whole_thousand_is_never_guessed_in_a_rate(value: int, negative: bool,
                                                     kind: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(format_number(-value if negative else value), kind=kind)


@given(st.decimals(min_value=-999, max_value=999, places=4, allow_nan=False,
                   allow_infinity=False))
def test_fixed_decimals_round_trip_to_the_rounded_value(value: Decimal) -> None:
    rounded = value.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert parse_number(format_number(value, decimals=2), kind="decimal") == rounded


@given(st.text(alphabet="0123456789.,%‰ +-\u2212\u00a0x", max_size=12),
       st.sampled_from(["count", "percent", "decimal"]))
def test_any_text_gives_a_number_or_a_message(text: str, kind: str) -> None:
    try:
        result = parse_number(text, kind=kind, field="Ô thử")
    except NumberFormatError as error:
        assert str(error).startswith("Ô thử: ")
    else:
        assert result.is_finite()
        if kind == "count":
            assert result == result.to_integral_value()
