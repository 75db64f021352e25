"""How long each paper takes to build for the largest province (a measurement, not a test).

The province with the most communes, every commune reporting every national measure for
2021–2025 (the plan scripts/bench_excel.py makes, reused if present): the summary workbook
(its four sheets), the annual report (.docx with its charts) and the PDF of the plan's
overview (read, Word document, LibreOffice), each built three times; prints one JSON line
per paper with the median seconds and the size of the file (the overview: by phase too).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/childplan_bench \
       python scripts/bench_papers.py
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_bench")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.pop("REDIS_URL", None)

YEAR = 2025


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    from agencies.models import AdminUnit

    call_command("migrate", verbosity=0)
    if AdminUnit.objects.filter(level="commune").count() < 3000:
        call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
    from bench_excel import export_plan

    from progress.cache import overview_data
    from progress.models import Snapshot
    from progress.papers.document import render_report
    from progress.papers.overview import Overview, overview_docx
    from progress.papers.pdf import docx_to_pdf
    from progress.papers.report import annual_report_for, letterhead_for
    from progress.readers import target_points
    from progress.services import snapshots_recompute
    from progress.workbook.sheets import export_summary
    from progress.workbook.summary import summary_for
    from reporting.models import Value

    plan = export_plan()
    if not Snapshot.objects.filter(plan=plan).exists():
        snapshots_recompute(plan=plan)
    communes = plan.unit.children.filter(level="commune").count()
    figures = Value.objects.filter(report__cycle__plan=plan).count()

    def workbook() -> bytes:
        buffer = io.BytesIO()
        export_summary(summary_for(plan=plan, unit=plan.unit, year=YEAR), buffer)
        return buffer.getvalue()

    def report() -> bytes:
        on = datetime.date(YEAR + 1, 1, 15)
        content = annual_report_for(plan=plan, unit=plan.unit, year=YEAR, issuer=None, on=on)
        targets = {row.measure.pk: target_points(plan, row.measure)
                   for row in content.summary.rows}
        return render_report(content, chart_targets=targets)

    phases: dict[str, list[float]] = {"read": [], "docx": [], "libreoffice": []}

    def overview() -> bytes:
        on = datetime.date(YEAR + 1, 1, 15)
        started = time.perf_counter()
        data = overview_data(plan, plan.unit)
        read = time.perf_counter()
        document = overview_docx(Overview(letterhead_for(plan, None, on), plan, plan.unit, on,
                                          data))
        written = time.perf_counter()
        pdf = docx_to_pdf(document)
        phases["read"].append(read - started)
        phases["docx"].append(written - read)
        phases["libreoffice"].append(time.perf_counter() - written)
        return pdf

    for name, build in (("summary_workbook_xlsx", workbook), ("annual_report_docx", report),
                        ("overview_pdf", overview)):
        seconds, data = timed(build)
        extra = ({f"{k}_seconds": round(statistics.median(v), 2) for k, v in phases.items()}
                 if name == "overview_pdf" else {})
        emit(bench="papers", paper=name, province=plan.unit.name, communes=communes,
             figures=figures, seconds=round(seconds, 2), bytes=len(data), **extra)


if __name__ == "__main__":
    main()
