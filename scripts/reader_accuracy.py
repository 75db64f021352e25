"""Precision and recall of the plan reader's targets over the five seed documents.

A target read from a document matches one of the hand transcription
(fixtures/plans/*.json) when measure, year, area, comparator, value and value_high are
all equal. Run from the repository root: python scripts/reader_accuracy.py
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from childplan.plan_reader import catalogue_from_rows, read_plan  # noqa: E402

FIXTURES = ROOT / "fixtures"


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def expected(spec: dict) -> set[tuple]:
    return {(t["measure"], t["year"], t.get("area", "all"), t["comparator"],
             _number(t["value"]), _number(t.get("value_high"))) for t in spec["targets"]}


def found(spec: dict, catalogue) -> set[tuple]:
    text = (FIXTURES / "documents" / spec["document"]).read_text(encoding="utf-8")
    plan = read_plan(text, catalogue)
    return {(t.measure, t.year, t.area, t.comparator, _number(t.value), _number(t.value_high))
            for t in plan.targets}


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     —"


def main() -> None:
    rows = json.loads((FIXTURES / "national_indicators.json").read_text(encoding="utf-8"))
    catalogue = catalogue_from_rows(rows["indicators"])
    national = {m.code for m in catalogue}
    total_read = total_expected = total_matched = national_expected = 0
    print(f"{'document':<22}{'read':>6}{'expected':>10}{'matched':>9}{'precision':>11}"
          f"{'recall':>9}")
    for path in sorted((FIXTURES / "plans").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        truth, read = expected(spec), found(spec, catalogue)
        matched = len(truth & read)
        total_read += len(read)
        total_expected += len(truth)
        total_matched += matched
        national_expected += sum(1 for t in truth if t[0] in national)
        print(f"{spec['key']:<22}{len(read):>6}{len(truth):>10}{matched:>9}"
              f"{ratio(matched, len(read)):>11}{ratio(matched, len(truth)):>9}")
    print(f"{'overall':<22}{total_read:>6}{total_expected:>10}{total_matched:>9}"
          f"{ratio(total_matched, total_read):>11}{ratio(total_matched, total_expected):>9}")
    print(f"{'national measures only':<22}{total_read:>6}{national_expected:>10}{total_matched:>9}"
          f"{ratio(total_matched, total_read):>11}{ratio(total_matched, national_expected):>9}")
    print("Targets on a plan's own (local) measures are not in the national catalogue the "
          "reader maps to;\nthe reader lists them as unmapped, so they count against recall.")


if __name__ == "__main__":
    main()
