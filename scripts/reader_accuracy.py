"""Precision and recall of the plan reader's targets, on three sets measured apart.

- seeds: the five seed documents (fixtures/documents) against their hand transcriptions
  (fixtures/plans/*.json);
- corpus: tests/childplan/reader_corpus/*.json, plan texts in the forms real plans take,
  each with its targets typed by hand;
- held-out: tests/childplan/reader_corpus/held_out/, the same kind of texts never used to
  tune the reader.

A target read matches an expected one when measure, year, area, comparator, value and
value_high are all equal. Targets on a plan's own measures match when all but the measure
are equal: the reader proposes those measures (codes L1, L2 …) for the officer to accept,
so a match counts the target as read once its proposed measure is accepted. Only a
transcription that lists the plan's own measures ("local_measures", as the seed plans do)
is measured on them; the corpus types the national targets alone, so there the proposals
are left out. Run from the repository root:
    python scripts/reader_accuracy.py [--details]
--details lists, for each document, the targets missed and the targets read in excess.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
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


LOCAL = "local"


def expected(spec: dict, national: set[str]) -> Counter:
    return Counter((t["measure"] if t["measure"] in national else LOCAL, t["year"],
                    t.get("area", "all"), t["comparator"], _number(t["value"]),
                    _number(t.get("value_high"))) for t in spec["targets"])


def found(path: Path, catalogue, *, local: bool) -> Counter:
    text = document_text(path.name, path.read_bytes())
    plan = read_plan(text, catalogue)
    return Counter((t.measure if t in plan.targets else LOCAL, t.year, t.area, t.comparator,
                    _number(t.value), _number(t.value_high))
                   for t in [*plan.targets, *(plan.local_targets if local else [])])


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     —"


def _show(target: tuple) -> str:
    measure, year, area, comparator, value, high = target
    where = "" if area == "all" else f" {area}"
    band = "" if high is None else f"–{high:f}"
    return f"{measure} {year}{where} {comparator} {value:f}{band}"


def measure_set(title: str, documents: list[tuple[str, Path, dict]], catalogue,
                details: bool) -> None:
    print(f"\n{title}")
    print(f"{'document':<28}{'read':>6}{'expected':>10}{'matched':>9}{'precision':>11}"
          f"{'recall':>9}")
    total_read = total_expected = total_matched = 0
    national = {m.code for m in catalogue}
    for name, path, spec in documents:
        truth = expected(spec, national)
        read = found(path, catalogue, local="local_measures" in spec)
        matched = (truth & read).total()
        total_read += read.total()
        total_expected += truth.total()
        total_matched += matched
        print(f"{name:<28}{read.total():>6}{truth.total():>10}{matched:>9}"
              f"{ratio(matched, read.total()):>11}{ratio(matched, truth.total()):>9}")
        if details:
            for target in sorted((truth - read).elements(), key=str):
                print(f"    missed  {_show(target)}")
            for target in sorted((read - truth).elements(), key=str):
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
    measure_set("Seed plans (targets on the plans' own measures count, as proposed)", seeds,
                catalogue, details)
    measure_set("Corpus (tests/childplan/reader_corpus)", _corpus(CORPUS), catalogue, details)
    measure_set("Held-out corpus (texts never edited to fit; the first blind figures are in "
                "reader_corpus/README.md)", _corpus(CORPUS / "held_out"), catalogue, details)


if __name__ == "__main__":
    main()
