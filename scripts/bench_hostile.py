"""Hostile files: the time and peak memory of reading each one (a benchmark, not a test).

For every file of tests/hostile/make_corpus.py, in a child process of its own: what the
Excel upload reads (reporting.excel.upload.read_upload, for Sở Y tế Trà Vinh's 2026 report)
or what the plan import reads (its DocumentForm, then the plan reader), with the peak
memory measured as the tests measure it (tracemalloc's peak; the growth of the resident
set, which also counts C libraries) and the wall time. Then the plan reader alone on texts
at its length limit (the worst a document may cost once it is let in).

One JSON line a file: case, page, bytes, answer (refused / read / the exception a user would
have met as a server error), message, seconds and process_mb (measured together, without
tracemalloc, which slows Python down), python_mb (measured on a second read).
Usage: python scripts/bench_hostile.py [CASE ...]. Runs on an SQLite file of its own in the
temporary directory (migrated and loaded with the seed plans the first time).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit  # noqa: E402

DATABASE = Path(tempfile.gettempdir()) / "childplan-bench-hostile.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.pop("REDIS_URL", None)

CHILD_MEMORY = 6 * 1024 ** 3  # a child that would take more fails instead of the machine
CHILD_SECONDS = 300
MB = 1024 * 1024


def prepare():
    """Sở Y tế Trà Vinh's 2026 report and its template, the database made if needed."""
    import django

    django.setup()
    from django.core.management import call_command

    from agencies.models import Agency

    call_command("migrate", verbosity=0)
    from childplan.models import Plan

    if not Plan.objects.filter(key="tra-vinh-2021").exists():
        call_command("load_seed_data", "--no-demo", "--no-communes", stdout=open(os.devnull, "w"))
    import datetime
    import io

    from reporting.excel.template import write_template
    from reporting.models import ReportingCycle
    from reporting.services import cycle_open

    plan = Plan.objects.get(key="tra-vinh-2021")
    cycle = (ReportingCycle.objects.filter(plan=plan, year=2026).first()
             or cycle_open(plan=plan, year=2026, opens_on=datetime.date(2026, 10, 1)))
    agency = Agency.objects.get(unit=plan.unit, name="Sở Y tế")
    report = cycle.reports.get(agency=agency)
    buffer = io.BytesIO()
    write_template(report, buffer)
    # What every read needs loaded, so that a child measures the read and not the imports.
    import childplan.import_forms  # noqa: F401
    import reporting.excel.upload  # noqa: F401
    from childplan.importing import national_catalogue

    national_catalogue()
    for module in ("openpyxl", "pypdf", "docx", "defusedxml.expatreader", "childplan.documents"):
        try:
            __import__(module)
        except ImportError:
            pass
    return report, buffer.getvalue()


def read(case, content: bytes, report) -> tuple[str, str]:
    """What the page would answer: ("refused" | "read", its message)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(case.name, content)
    if case.page == "excel":
        from reporting.excel.upload import UploadRefused, read_upload

        try:
            preview = read_upload(report, upload)
        except UploadRefused as error:
            return "refused", str(error)
        if preview.problems:
            return "refused", str(preview.problems[0])
        return "read", f"{len(preview.changes)} dòng"
    from childplan.import_forms import DocumentForm
    from childplan.importing import national_catalogue
    from childplan.plan_reader import read_plan

    form = DocumentForm({}, {"document": upload})
    if not form.is_valid():
        return "refused", "; ".join(e for errors in form.errors.values() for e in errors)
    try:
        plan = read_plan(form.cleaned_data["text"], national_catalogue())
    except ValueError as error:  # the reader's refusal
        return "refused", str(error)
    return "read", f"{len(plan.targets)} mục tiêu"


def child(case, content, report, results):
    from django.db import connections

    from tests.hostile.memory import peak_memory

    connections.close_all()
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    figures = {}
    started = time.perf_counter()
    try:
        with peak_memory(python=False) as peak:
            started = time.perf_counter()
            answer, message = read(case, content, report)
            figures["seconds"] = round(time.perf_counter() - started, 3)
        figures["process_mb"] = None if peak.process is None else round(peak.process / MB, 1)
        with peak_memory() as peak:
            read(case, content, report)
        figures["python_mb"] = round(peak.python / MB, 1)
    except BaseException as error:  # what the user would have met as a server error
        answer, message = f"error: {type(error).__name__}", str(error)[:200]
        figures.setdefault("seconds", round(time.perf_counter() - started, 3))
    results.put({"answer": answer, "message": message[:160], **figures})


def measure(case, content: bytes, report) -> dict:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=child, args=(case, content, report, results))
    process.start()
    process.join(CHILD_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()
        return {"answer": f"timeout after {CHILD_SECONDS} s"}
    if results.empty():
        return {"answer": f"crashed (exit code {process.exitcode})"}
    return results.get()


def reader_at_its_limit() -> None:
    """The plan reader on the worst texts a document may hold within its limits."""
    from childplan.importing import national_catalogue
    from childplan.plan_reader import MAX_CHARACTERS, read_plan

    catalogue = national_catalogue()
    head = "KẾ HOẠCH\nII. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
    texts = {
        "digits-line": "1" * MAX_CHARACTERS,
        "digits-in-targets": head + "- Chỉ tiêu 3: tử vong sơ sinh " + "1" * (
            MAX_CHARACTERS - 100) + "‰ năm 2025",
        "values-in-targets": head + ("- Chỉ tiêu 3: tử vong sơ sinh dưới 9,5‰ năm 2025; " * (
            (MAX_CHARACTERS - 60) // 52))[: MAX_CHARACTERS - 60],
        "one-long-clause": head + "- Chỉ tiêu 3: tử vong sơ sinh " + "dưới 9‰ năm 2025 " * (
            (MAX_CHARACTERS - 60) // 18),
        "blank-lines": "\n" * 9_999 + "#" * (MAX_CHARACTERS - 10_000),
        "agency-words": "về Sở " * (MAX_CHARACTERS // 6),
    }
    for name, text in texts.items():
        started = time.perf_counter()
        try:
            answer = f"{len(read_plan(text, catalogue).targets)} mục tiêu"
        except ValueError as error:
            answer = f"refused: {error}"[:120]
        emit(figure="plan reader at its limit", case=name, characters=len(text),
             answer=answer, seconds=round(time.perf_counter() - started, 3))


def main(names: list[str]) -> None:
    from tests.hostile.make_corpus import CASES

    report, template = prepare()
    for case in CASES:
        if names and case.name not in names:
            continue
        content = case.build(template) if case.from_template else case.build()
        emit(figure="hostile file", case=case.name, page=case.page, bytes=len(content),
             **measure(case, content, report))
    if not names:
        reader_at_its_limit()


if __name__ == "__main__":
    main(sys.argv[1:])
