"""Benchmark of the commune account import on PostgreSQL (a benchmark, not a test).

Prints one JSON line per figure: an account manager of Sở Y tế of a province creates one
reporter account per current commune of the province from an Excel list (read, every row
checked, accounts written in one transaction, rolled back after each run), with the
temporary passwords hashed as the import hashes them (PBKDF2, 10.000 iterations) and, for
comparison, by the portal's preferred hasher (Argon2id) and (one run) by Django's default
PBKDF2 (1.000.000 iterations).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/childplan_bench \
    python scripts/bench_accounts.py [province code, default 86 (Vĩnh Long)]
The database is created, migrated and loaded (units with communes) if missing.
"""

from __future__ import annotations

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

RUNS = 3


class Rollback(Exception):
    pass


def main() -> None:
    ensure_database()
    import django

    django.setup()
    import openpyxl
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from agencies import services
    from agencies.access import account_authority
    from agencies.account_import import HEADINGS, read_account_list
    from agencies.models import AdminUnit, Agency, Membership
    from agencies.unit_loading import current_province, load_units

    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.communes().filter(valid_to__isnull=True).exists():
        load_units()
    province = current_province(sys.argv[1] if len(sys.argv) > 1 else "86")
    communes = list(AdminUnit.objects.communes().filter(parent=province, valid_to__isnull=True))
    health, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế",
                                             defaults={"sector": "yte"})
    manager, _ = get_user_model().objects.get_or_create(username="bench.quanly")
    Membership.objects.get_or_create(user=manager, agency=health, role="manager")

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(HEADINGS.values()))
    for commune in communes:
        sheet.append([commune.code, f"bench.{commune.code}", "Nguyễn Văn An",
                      f"xa{commune.code}@example.vn"])
    content = io.BytesIO()
    book.save(content)

    def run(label: str, runs: int = RUNS) -> None:
        timings, queries = [], 0
        for _ in range(runs):
            upload = io.BytesIO(content.getvalue())
            upload.name, upload.size = "ds.xlsx", len(content.getvalue())
            started = time.perf_counter()
            try:
                with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                    listed = read_account_list(upload, account_authority(manager))
                    issued = services.accounts_create_for_communes(by=manager, rows=listed.rows)
                    assert len(issued) == len(communes)
                    queries = len(captured)
                    timings.append(time.perf_counter() - started)
                    raise Rollback
            except Rollback:
                pass
        emit(figure="commune account import", hashing=label, province=province.name,
             communes=len(communes), seconds=round(statistics.median(timings), 2),
             queries=queries, runs=runs)

    run("temporary (PBKDF2, 10.000 iterations)")
    temporary = services.temporary_password
    try:
        services.temporary_password = lambda: ("x", make_password("x"))
        run("the portal's preferred hasher (Argon2id)")
        services.temporary_password = lambda: ("x", make_password("x", hasher="pbkdf2_sha256"))
        run("Django's default PBKDF2, 1.000.000 iterations", runs=1)  # minutes: once is enough
    finally:
        services.temporary_password = temporary


if __name__ == "__main__":
    main()
