"""Precision and recall of the plan reader's targets, on three sets measured apart.

- seeds: the five seed documents (fixtures/documents) against their hand transcriptions
  (fixtures/plans/*.json);
- corpus: tests/childplan/reader_corpus/*.json, plan texts in the forms real plans take,
  each with its targets typed by hand;
- held-out: tests/childplan/reader_corpus/held_out/, the same kind of texts never used to
  tune the reader.

A target read matches an expected one when measure, year, area, comparator, value and
value_high are all equal. Run from the repository root:
    python scripts/reader_accuracy.py [--details]
--details lists, for each document, the targets missed and the targets read in excess.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from childplan.documents import document_text  # noqa: E402
from childplan.plan_reader import catalogue_from_rows, read_plan  # noqa: E402

FIXTURES = ROOT / "fixtures"
CORPUS = ROOT / "tests" / "childplan" / "reader_corpus"


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def expected(spec: dict) -> set[tuple]:
    return {(t["measure"], t["year"], t.get("area", "all"), t["comparator"],
             _number(t["value"]), _number(t.get("value_high"))) for t in spec["targets"]}


def found(path: Path, catalogue) -> set[tuple]:
    text = document_text(path.name, path.read_bytes())
    plan = read_plan(text, catalogue)
    return {(t.measure, t.year, t.area, t.comparator, _number(t.value), _number(t.value_high))
            for t in plan.targets}


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     —"


def _show(target: tuple) -> str:
    measure, year, area, comparator, value, high = target
    where = "" if area == "all" else f" {area}"
    band = "" if high is None else f"–{high}"
    return f"{measure} {year}{where} {comparator} {value}{band}"


def measure_set(title: str, documents: list[tuple[str, Path, dict]], catalogue,
                details: bool) -> None:
    print(f"\n{title}")
    print(f"{'document':<28}{'read':>6}{'expected':>10}{'matched':>9}{'precision':>11}"
          f"{'recall':>9}")
    total_read = total_expected = total_matched = 0
    for name, path, spec in documents:
        truth, read = expected(spec), found(path, catalogue)
        matched = len(truth & read)
        total_read += len(read)
        total_expected += len(truth)
        total_matched += matched
        print(f"{name:<28}{len(read):>6}{len(truth):>10}{matched:>9}"
              f"{ratio(matched, len(read)):>11}{ratio(matched, len(truth)):>9}")
        if details:
            for target in sorted(truth - read, key=str):
                print(f"    missed  {_show(target)}")
            for target in sorted(read - truth, key=str):
                print(f"    extra   {_show(target)}")
    print(f"{'overall':<28}{total_read:>6}{total_expected:>10}{total_matched:>9}"
          f"{ratio(total_matched, total_read):>11}{ratio(total_matched, total_expected):>9}")


def _corpus(folder: Path) -> list[tuple[str, Path, dict]]:
    documents = []
    for path in sorted(folder.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        documents.append((path.stem, folder / spec["document"], spec))
    return documents


def main() -> None:
    details = "--details" in sys.argv[1:]
    rows = json.loads((FIXTURES / "national_indicators.json").read_text(encoding="utf-8"))
    catalogue = catalogue_from_rows(rows["indicators"])
    seeds = []
    for path in sorted((FIXTURES / "plans").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        seeds.append((spec["key"], FIXTURES / "documents" / spec["document"], spec))
    measure_set("Seed plans (targets on the plans' own measures count as expected)", seeds,
                catalogue, details)
    measure_set("Corpus (tests/childplan/reader_corpus)", _corpus(CORPUS), catalogue, details)
    measure_set("Held-out corpus (never tuned on)", _corpus(CORPUS / "held_out"), catalogue,
                details)


if __name__ == "__main__":
    main()
