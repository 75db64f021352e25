"""The server's reading of typed figures against the table the browser's reading shares
(tests/shared/number_cases.json; tests/e2e/test_form_numbers.py runs it in Chromium)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.numbers import NumberFormatError, format_figure, parse_number

CASES = json.loads((Path(__file__).parents[1] / "shared" / "number_cases.json")
                   .read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']!r}-{c['kind']}" for c in CASES])
def test_it_reads_each_shared_case(case):
    if case["value"] is None:
        with pytest.raises(NumberFormatError):
            parse_number(case["text"], kind=case["kind"])
    else:
        assert parse_number(case["text"], kind=case["kind"]) == Decimal(case["value"])


def test_the_table_covers_each_kind_accepted_and_refused():
    seen = {(c["kind"], c["value"] is None) for c in CASES}
    assert seen == {(kind, refused) for kind in ("count", "percent", "decimal")
                    for refused in (True, False)}


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("4.7462"), "4,75"), (Decimal("4.745"), "4,75"), (Decimal("4.7449"), "4,74"),
    (Decimal("9.50"), "9,5"), (Decimal("96.1200"), "96,12"), (Decimal("1234"), "1.234"),
    (Decimal("0.004"), "0"), (Decimal("-1.005"), "-1,01"), (Decimal("100.0000"), "100"),
    (2600, "2.600"), (None, ""),
])
def test_a_figure_shows_at_most_two_places(value, shown):
    assert format_figure(value) == shown
