"""The codes other systems know the measures by (the admin-editable MeasureCode table)."""

from __future__ import annotations

from dataclasses import dataclass

from exchange.models import MeasureCode


@dataclass(frozen=True)
class Codes:
    value: str
    numerator: str
    denominator: str


def default_codes(code: str) -> Codes:
    return Codes(value=code, numerator=f"{code}.TS", denominator=f"{code}.MS")


def codes_by_measure(measures) -> dict[int, Codes]:
    """Measure id → its codes: the table's row, else the defaults built from the measure's code."""
    rows = {row.measure_id: row for row in MeasureCode.objects.filter(measure__in=measures)}
    found = {}
    for measure in measures:
        default = default_codes(measure.code)
        row = rows.get(measure.pk)
        found[measure.pk] = default if row is None else Codes(
            value=row.data_element, numerator=row.numerator_element or default.numerator,
            denominator=row.denominator_element or default.denominator)
    return found
