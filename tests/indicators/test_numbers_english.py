"""Numbers in English are the Vietnamese rules with the two separators swapped, one rule for
both: every case of the shared table (tests/shared/number_cases.json) read with its signs
swapped under English gives the same value or the same refusal, and what English prints is
what Vietnamese prints, swapped. The notation comes from the active language's format module
(childplan/formats), as on every page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from indicators.numbers import (
    NumberFormatError,
    format_figure,
    format_number,
    parse_number,
    typed_text,
)
from tests.indicators.test_number_cases import CASES

SWAP = str.maketrans(",.", ".,")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']!r}-{c['kind']}" for c in CASES])
def test_english_reads_each_shared_case_with_its_signs_swapped(case):
    english = case["text"].translate(SWAP)
    with translation.override("en"):
        if case["value"] is None:
            with pytest.raises(NumberFormatError) as refused:
                parse_number(english, kind=case["kind"])
            assert english.strip()[:20] in str(refused.value)  # quoted as the user typed it
        else:
            assert parse_number(english, kind=case["kind"]) == Decimal(case["value"])


@pytest.mark.parametrize("value", [Decimal("1234.5"), Decimal("-1234567.891"), Decimal("0.5"),
                                   Decimal("100"), 2600, Decimal("4.7462")])
def test_english_prints_what_vietnamese_prints_swapped(value):
    vietnamese = (format_number(value), format_figure(value))
    with translation.override("en"):
        english = (format_number(value), format_figure(value))
    assert english == tuple(text.translate(SWAP) for text in vietnamese)
    assert format_number(Decimal("1234.5")) == "1.234,5"
    with translation.override("en"):
        assert format_number(Decimal("1234.5")) == "1,234.5"


@pytest.mark.parametrize("value", [Decimal("1.234"), Decimal("12.345"), Decimal("999999.999"),
                                   Decimal("1234.5"), Decimal("0.0001"), Decimal("-2.5"),
                                   Decimal("19.0000"), Decimal("-0.000"), 7, 0.1 + 0.2, 1e20])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_machine_number_reads_back_to_itself_in_either_language(value, language):
    """An Excel cell or a JSON number goes through the typed figures' one parser: its text is
    read back to the same value in any notation, where a grouped "1.234" would be refused."""
    with translation.override(language):
        text = typed_text(value)
        for kind in ("decimal", "percent"):
            assert parse_number(text, kind=kind) == Decimal(repr(value) if isinstance(
                value, float) else value)
        assert "," not in text if language == "en" else "." not in text
