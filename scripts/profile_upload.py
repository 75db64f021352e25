"""Where the time of one Excel upload goes (a profiling aid, not a test).

Uploads the 10.000-row template of scripts/bench_excel.py (preview, then confirm) into an
empty report ("insert") or over the previous figures ("update"), under cProfile, and prints
the functions by cumulative and by own time. Uses the benchmark's database and its data
(run `make bench-excel` once first).

Usage: .venv/bin/python scripts/profile_upload.py [insert|update] [--lines N] [--out FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/childplan_bench")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.pop("REDIS_URL", None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", nargs="?", default="insert", choices=("insert", "update"))
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--out", help="write the raw profile here as well")
    args = parser.parse_args()

    import django

    django.setup()
    import bench_excel
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reporting.excel.services import report_upload
    from reporting.excel.upload import read_payload, read_upload

    report = bench_excel.upload_report()
    first, second = bench_excel.filled_template(report, 0), bench_excel.filled_template(report, 7)
    content = first if args.case == "insert" else second

    def upload(data: bytes) -> dict[str, float]:
        report.refresh_from_db()
        times = {}
        started = time.perf_counter()
        preview = read_upload(report, SimpleUploadedFile("bao-cao.xlsx", data))
        times["preview"] = time.perf_counter() - started
        assert preview.ok, preview.problems[:3]
        started = time.perf_counter()
        token = preview.payload()
        version, figures = read_payload(token, report)
        times["confirm_read"] = time.perf_counter() - started
        started = time.perf_counter()
        report_upload(report=report, by=None, version=version, figures=figures)
        times["confirm_write"] = time.perf_counter() - started
        return times

    def prepare() -> None:
        bench_excel.reset(report)
        if args.case == "update":
            upload(first)

    prepare()
    print("untimed run:", upload(content), file=sys.stderr)
    prepare()
    profile = cProfile.Profile()
    profile.enable()
    upload(content)
    profile.disable()
    if args.out:
        profile.dump_stats(args.out)
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.lines)
        print(out.getvalue())
    bench_excel.reset(report)


if __name__ == "__main__":
    main()
