"""Benchmark of the Excel upload and the summary export on PostgreSQL (a benchmark, not a test).

Prints one JSON line per figure, measured side by side in one run:
- uploading 10.000 figures as one filled template (read, every row validated, previewed,
  then saved in one transaction), first into an empty report ("insert") and then changing
  every figure ("update"), against
  (a) the same rows through a default django-import-export ModelResource import, and
  (b) the floor: openpyxl read-only plus one bulk upsert, no validation, no history;
- the summary workbook of a province with all its communes (its snapshots and counted
  figures read, statuses, three formatted sheets) against writing the same cells with raw
  XlsxWriter (constant_memory, no formats; the cells alone, and after one query).

Targets: upload ≥ 10× faster than (a) and within 2× of (b); export within 1,5× of raw.
Usage: make bench-excel (DATABASE_URL defaults to local PostgreSQL, database childplan_bench,
created and migrated if missing). The figures live under their own plan keys, made once
and reused. `--upload-only`: the upload against the floor alone (no django-import-export
run, no export), for measuring a change to the upload several times.
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_bench")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.pop("REDIS_URL", None)  # eager tasks: nothing here waits on a worker

ROWS = 10_000
UPLOAD_KEY = "bench-excel-upload"
EXPORT_KEY = "bench-excel-export"
YEARS = range(2021, 2026)


def progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


def timed(fn, *, repeat: int = 3, before=None) -> float:
    progress(getattr(fn, "__qualname__", "run"))
    runs = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    upload_only = "--upload-only" in sys.argv[1:]
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    from agencies.models import AdminUnit

    call_command("migrate", verbosity=0)
    if AdminUnit.objects.filter(level="commune").count() < 3000:
        call_command("load_seed_data", "--no-demo", stdout=open(os.devnull, "w"))
    upload_figures(library=not upload_only)
    if not upload_only:
        export_figures()


# Upload ---------------------------------------------------------------------------------

def upload_report():
    """A province plan whose one agency leads an indicator holding 10.000 local measures."""
    from agencies.models import AdminUnit, Agency
    from childplan.models import Assignment, Plan
    from indicators.models import Indicator, Measure
    from reporting.models import Report
    from reporting.services import cycle_open

    province = AdminUnit.objects.filter(level="province", valid_to=None).order_by("code").first()
    agency, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế (đo hiệu năng)",
                                             defaults={"sector": "yte"})
    plan, created = Plan.objects.get_or_create(key=UPLOAD_KEY, defaults={
        "title": "Kế hoạch đo hiệu năng", "issuer": "UBND tỉnh", "unit": province,
        "level": "province", "period_start": 2021, "period_end": 2030,
        "consolidating_agency": agency})
    if created:
        indicator = Indicator.objects.get(number=3)
        Assignment.objects.create(plan=plan, indicator=indicator, agency=agency)
        Measure.objects.bulk_create([
            Measure(plan=plan, indicator=indicator, code=f"B{i:05d}", name=f"Chỉ tiêu thử {i}",
                    unit_kind="percent", unit_label="%", direction="increase", position=i)
            for i in range(ROWS)], batch_size=2000)
    cycle = cycle_open(plan=plan, year=2026, opens_on=datetime.date(2026, 10, 1))
    return Report.objects.with_context().get(cycle=cycle, agency=agency)


def reset(report) -> None:
    from reporting.models import Report, Value

    Value.history.filter(report_id=report.pk).delete()
    Value.objects.filter(report=report).delete()
    Report.objects.filter(pk=report.pk).update(status="draft")
    report.refresh_from_db()


def filled_template(report, shift: int) -> bytes:
    import openpyxl

    from reporting.excel.template import FIRST_ROW, write_template

    buffer = io.BytesIO()
    write_template(report, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Số liệu"]
    for row in range(FIRST_ROW + 1, sheet.max_row + 1):
        sheet.cell(row, 6).value = 500 + (row + shift) % 400  # Tử số
        sheet.cell(row, 7).value = 1000  # Mẫu số
        sheet.cell(row, 9).value = "Ghi chú" if row % 10 == 0 else None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def resource_file(report, content: bytes) -> bytes:
    """The same rows as (a) expects them: report, measure ids and the figures."""
    import openpyxl
    import xlsxwriter

    from reporting.excel.template import FIRST_ROW

    codes = dict(report.measures().values_list("code", "pk"))
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Số liệu"]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    target = book.add_worksheet()
    target.write_row(0, 0, ["report", "measure", "numerator", "denominator", "value", "note"])
    n = 0
    for row in sheet.iter_rows(min_row=FIRST_ROW + 1, values_only=True):
        if row[5] is None:
            continue
        n += 1
        value = Decimal(row[5]) / Decimal(row[6]) * 100
        target.write_row(n, 0, [report.pk, codes[row[0]], row[5], row[6], float(value),
                                row[8] or ""])
    book.close()
    return out.getvalue()


def upload_figures(*, library: bool = True) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from import_export import fields, resources, widgets

    from reporting.excel.services import report_upload
    from reporting.excel.upload import read_payload, read_upload
    from reporting.models import Value

    report = upload_report()
    first, second = filled_template(report, 0), filled_template(report, 7)
    rows = report.measures().count()  # every row of the template filled

    def ours(content: bytes):
        def run():
            report.refresh_from_db()
            preview = read_upload(report, SimpleUploadedFile("bao-cao.xlsx", content))
            assert preview.ok, preview.problems[:3]
            version, figures = read_payload(preview.payload(), report)
            written = report_upload(report=report, by=None, version=version, figures=figures)
            assert written == rows, written
        return run

    def floor(content: bytes):
        import openpyxl

        from reporting.excel.template import FIRST_ROW

        codes = dict(report.measures().values_list("code", "pk"))

        def run():
            sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Số liệu"]
            values = []
            for row in sheet.iter_rows(min_row=FIRST_ROW + 1, values_only=True):
                if row[5] is None:
                    continue
                numerator, denominator = Decimal(row[5]), Decimal(row[6])
                values.append(Value(report=report, measure_id=codes[row[0]], numerator=numerator,
                                    denominator=denominator, value=numerator / denominator * 100,
                                    note=row[8] or ""))
            Value.objects.bulk_create(values, batch_size=2000, update_conflicts=True,
                                      unique_fields=["report", "measure"],
                                      update_fields=["numerator", "denominator", "value", "note"])
        return run

    class ValueResource(resources.ModelResource):
        # The one declaration a default resource needs: an empty note is "", not NULL.
        note = fields.Field(attribute="note", column_name="note",
                            widget=widgets.CharWidget(allow_blank=True))

        class Meta:
            model = Value
            fields = ("report", "measure", "numerator", "denominator", "value", "note")
            import_id_fields = ("report", "measure")

    def resource(content: bytes):
        import tablib

        def run():
            dataset = tablib.Dataset().load(content, format="xlsx")
            result = ValueResource().import_data(dataset, dry_run=False)
            assert not result.has_errors()
        return run

    files = {"insert": (first, None), "update": (second, first)}
    for case, (content, previous) in files.items():
        def prepare(previous=previous):
            reset(report)
            if previous:
                ours(previous)()

        ours_s = timed(ours(content), before=prepare)
        floor_s = timed(floor(content), before=prepare)
        paths = [("childplan_upload", ours_s), ("floor_openpyxl_bulk_upsert", floor_s)]
        if library:
            library_s = timed(resource(resource_file(report, content)), repeat=1,
                              before=prepare)
            paths.append(("django_import_export_default", library_s))
        for path, seconds in paths:
            emit(bench="excel_upload", case=case, path=path, rows=rows,
                 seconds=round(seconds, 3), rows_per_s=round(rows / seconds))
        if library:
            emit(bench="excel_upload", case=case, target="≥10× faster than django-import-export",
                 speedup=round(library_s / ours_s, 1), met=library_s / ours_s >= 10)
        emit(bench="excel_upload", case=case, target="within 2× of the floor",
             ratio=round(ours_s / floor_s, 2), met=ours_s / floor_s <= 2)
    reset(report)


# Export ---------------------------------------------------------------------------------

def export_plan():
    """A province plan with the national targets, every commune reporting every year."""
    import random

    from django.db.models import Count, Q

    from agencies.models import AdminUnit, Agency
    from childplan.models import Plan, Target
    from reporting.models import Report, ReportingCycle, Value

    plan = Plan.objects.filter(key=EXPORT_KEY).first()
    if plan:
        return plan
    province = (AdminUnit.objects.filter(level="province", valid_to=None)
                .annotate(n=Count("children", filter=Q(children__level="commune")))
                .order_by("-n").first())
    national = Plan.objects.get(key="national-2021")
    plan = Plan.objects.create(key=EXPORT_KEY, title="Kế hoạch đo hiệu năng (xuất Excel)",
                               issuer=f"UBND {province.name}", number="1/KH-UBND",
                               unit=province, level="province", period_start=2021,
                               period_end=2030)
    Target.objects.bulk_create([Target(plan=plan, measure_id=t.measure_id, year=t.year,
                                       comparator=t.comparator, value=t.value,
                                       value_high=t.value_high, area=t.area, wording=t.wording,
                                       position=t.position) for t in national.targets.all()])
    measures = [t.measure for t in national.targets.select_related("measure")]
    measures = list({m.pk: m for m in measures}.values())
    communes = list(province.children.filter(level="commune"))
    agencies = {c.pk: Agency.objects.get_or_create(unit=c, name="Ủy ban nhân dân xã",
                                                   defaults={"sector": "ubnd"})[0]
                for c in communes}
    rng = random.Random(5)
    reviewed = datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
    for year in YEARS:
        cycle = ReportingCycle.objects.create(plan=plan, year=year,
                                              opens_on=datetime.date(year, 10, 1),
                                              deadline=datetime.date(year, 11, 20))
        reports = Report.objects.bulk_create([
            Report(cycle=cycle, agency=agencies[c.pk], unit=c, status="approved",
                   reviewed_at=reviewed) for c in communes])
        values = []
        for report in reports:
            for measure in measures:
                if measure.scale:
                    denominator = Decimal(rng.randint(200, 2000))
                    numerator = (denominator * Decimal(rng.randint(1, 99)) / 100).quantize(1)
                    value = (numerator / denominator * measure.scale).quantize(Decimal("0.0001"))
                    values.append(Value(report=report, measure=measure, numerator=numerator,
                                        denominator=denominator, value=value))
                else:
                    values.append(Value(report=report, measure=measure,
                                        value=Decimal(rng.randint(0, 30))))
        Value.objects.bulk_create(values, batch_size=5000)
    return plan


def export_figures() -> None:
    import openpyxl
    import xlsxwriter

    from progress.models import Snapshot
    from progress.services import snapshots_recompute
    from progress.workbook.sheets import export_summary
    from progress.workbook.summary import summary_for
    from reporting.models import Value

    plan = export_plan()
    if not Snapshot.objects.filter(plan=plan).exists():
        # The workbook reads the snapshots the recompute keeps (after every approval and
        # nightly), as the dashboards do: made once here, not timed with the export.
        snapshots_recompute(plan=plan)

    def ours():
        buffer = io.BytesIO()
        export_summary(summary_for(plan=plan, unit=plan.unit, year=2025), buffer)
        return buffer

    produced = ours().getvalue()
    book = openpyxl.load_workbook(io.BytesIO(produced), read_only=True)
    sheets = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    cells = sum(1 for rows in sheets.values() for row in rows for v in row if v is not None)

    def raw():
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
        for name, rows in sheets.items():
            sheet = workbook.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif isinstance(value, int | float):
                        sheet.write_number(r, c, value)
                    elif value is not None:
                        sheet.write_datetime(r, c, value)
        workbook.close()

    def raw_after_query():
        list(Value.objects.filter(report__cycle__plan=plan, report__status="approved")
             .values_list("report__cycle__year", "measure_id", "report__unit_id",
                          "report__agency__name", "numerator", "denominator", "value", "note",
                          "source", "report__reviewed_at"))
        raw()

    ours_s = timed(ours)
    raw_s = timed(raw)
    raw_query_s = timed(raw_after_query)
    figures = Value.objects.filter(report__cycle__plan=plan).count()
    units = plan.unit.children.filter(level="commune").count()
    for path, seconds in (("childplan_summary_export", ours_s), ("raw_xlsxwriter_cells", raw_s),
                          ("raw_xlsxwriter_after_one_query", raw_query_s)):
        emit(bench="excel_export", path=path, province=plan.unit.name, communes=units,
             figures=figures, cells=cells, seconds=round(seconds, 3))
    emit(bench="excel_export", target="within 1,5× of raw XlsxWriter (cells alone)",
         ratio=round(ours_s / raw_s, 2), met=ours_s / raw_s <= 1.5)
    emit(bench="excel_export", target="within 1,5× of raw XlsxWriter after one query",
         ratio=round(ours_s / raw_query_s, 2), met=ours_s / raw_query_s <= 1.5)


if __name__ == "__main__":
    main()
