"""Approved figures made directly, for plans without assignments or for units below a plan."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl

APPROVED_AT = datetime.datetime(2024, 11, 25, 3, 0, tzinfo=datetime.UTC)


def approved(plan, *, unit, agency_name: str, year: int, figures: dict, status="approved"):
    """One report of `agency_name` in `unit` for `year`, holding `figures`.

    `figures` maps a measure code to a value, or to a dict of numerator,
    denominator, value, note and source.
    """
    from agencies.models import Agency
    from indicators.models import Measure
    from reporting.figures import compute
    from reporting.models import Report, ReportingCycle, Value

    cycle, _ = ReportingCycle.objects.get_or_create(
        plan=plan, year=year, kind="annual",
        defaults={"opens_on": datetime.date(year, 10, 1),
                  "deadline": datetime.date(year, 11, 20)})
    agency, _ = Agency.objects.get_or_create(unit=unit, name=agency_name,
                                             defaults={"sector": "ubnd"})
    report = Report.objects.create(cycle=cycle, agency=agency, unit=unit, status=status,
                                   reviewed_at=APPROVED_AT if status == "approved" else None)
    for code, given in figures.items():
        measure = Measure.objects.get_by_code(code, plan)
        boxes = given if isinstance(given, dict) else {"value": given}
        boxes = {k: Decimal(str(v)) if k in ("numerator", "denominator", "value") else v
                 for k, v in boxes.items()}
        if "numerator" in boxes and "value" not in boxes:
            boxes["value"] = compute(boxes["numerator"], boxes["denominator"], measure.scale)
        Value.objects.create(report=report, measure=measure, **boxes)
    return report


def workbook_of(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def row_of(sheet, text: str, column: int = 2) -> int:
    """The row whose cell in `column` starts with `text`."""
    for row in range(1, sheet.max_row + 1):
        value = sheet.cell(row, column).value
        if isinstance(value, str) and value.startswith(text):
            return row
    raise AssertionError(f"no row starting with {text!r}")


def headers(sheet, row: int) -> list:
    return [sheet.cell(row, col).value for col in range(1, sheet.max_column + 1)]
