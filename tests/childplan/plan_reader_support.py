"""Seed documents and their hand transcriptions, for the reader's tests and the accuracy script."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from childplan.plan_reader import MeasureInfo, ReadPlan, catalogue_from_rows, read_plan

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def national_catalogue() -> list[MeasureInfo]:
    rows = json.loads((FIXTURES / "national_indicators.json").read_text(encoding="utf-8"))
    return catalogue_from_rows(rows["indicators"])


def seed_spec(key: str) -> dict:
    return json.loads((FIXTURES / "plans" / f"{key}.json").read_text(encoding="utf-8"))


def read_seed(key: str) -> ReadPlan:
    text = (FIXTURES / "documents" / seed_spec(key)["document"]).read_text(encoding="utf-8")
    return read_plan(text, national_catalogue())


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def expected_targets(key: str) -> dict[tuple, tuple]:
    return {(t["measure"], t["year"], t.get("area", "all")):
            (t["comparator"], _number(t["value"]), _number(t.get("value_high")))
            for t in seed_spec(key)["targets"]}


def read_targets(plan: ReadPlan) -> dict[tuple, tuple]:
    return {(t.measure, t.year, t.area): (t.comparator, t.value, t.value_high)
            for t in plan.targets}
