"""Benchmark of the deadline reminders on PostgreSQL (a benchmark, not a test).

Prints one JSON line per figure: a province plan's 2026 cycle with 130 and then 1.000
communes reporting (each with one reporter who has an e-mail address), the communes asked
by 10/11 and the agencies by 20/11; the 7-day reminder run on 03/11 (every commune
reminded), the same run again (nothing left to send), and the reviewers' digest on 11/11,
each with its queries and seconds, e-mails sent through Django's locmem backend. Each size
is built and rolled back in one transaction.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/childplan_bench_reminders \
    python scripts/bench_reminders.py [sizes, default 130 1000]
The database is created, migrated and loaded (the seed, without the 3.321 communes) if
missing.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit, ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL",
                      "postgres://postgres@127.0.0.1:5432/childplan_bench_reminders")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")
os.environ.pop("REDIS_URL", None)

OPENS = datetime.date(2026, 10, 1)
COMMUNES_DUE = datetime.date(2026, 11, 10)


class Rollback(Exception):
    pass


def build(size: int):
    """A plan of today's Vĩnh Long with `size` communes, its 2026 cycle open."""
    from django.contrib.auth import get_user_model

    from agencies.models import REFORM_2025, AdminUnit, Agency, Membership, UnitLevel
    from agencies.services import commune_agencies
    from agencies.unit_loading import current_province
    from childplan.models import Plan
    from indicators.models import Measure
    from reporting.services import cycle_open

    province = current_province("86")
    communes = AdminUnit.objects.bulk_create(
        [AdminUnit(level=UnitLevel.COMMUNE, code=f"B{i:05d}", name=f"Xã Thử {i:04d}",
                   parent=province, valid_from=REFORM_2025) for i in range(size)])
    office, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế",
                                             defaults={"sector": "yte"})
    plan = Plan.objects.create(key="bench-reminders", title="Kế hoạch đo nhắc hạn",
                               issuer="UBND tỉnh", unit=province, level=UnitLevel.PROVINCE,
                               period_start=2026, period_end=2030, consolidating_agency=office)
    plan.assignments.create(indicator=Measure.objects.get(code="5a").indicator, agency=office)
    cycle = cycle_open(plan=plan, year=2026, opens_on=OPENS, commune_deadline=COMMUNES_DUE)
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bench.xa{i:05d}", email=f"xa{i:05d}@example.vn")
         for i in range(size)]
        + [get_user_model()(username="bench.tonghop", email="tonghop@example.vn")])
    agencies = commune_agencies(communes)
    Membership.objects.bulk_create(
        [Membership(user=u, agency=agencies[c.pk], role="reporter")
         for u, c in zip(users, communes, strict=False)]
        + [Membership(user=users[-1], agency=office, role="reviewer")])
    return cycle


def measure(label: str, size: int, job) -> None:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mail.outbox = []
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        sent = job()
        seconds = time.perf_counter() - started
    emit(figure=label, communes=size, emails=sent, outbox=len(mail.outbox),
         queries=len(captured), seconds=round(seconds, 3))


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.mail.utils import DNS_NAME
    from django.core.management import call_command
    from django.db import transaction
    from django.urls import reverse

    from childplan.models import Plan
    from reporting.reminders import reminder_send_digest, reminder_send_due

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    if not Plan.objects.exists():
        call_command("load_seed_data", "--no-demo", "--no-communes", verbosity=0)
    sizes = [int(a) for a in sys.argv[1:]] or [130, 1000]

    def due() -> int:
        return reminder_send_due(days_before=7, today=COMMUNES_DUE - datetime.timedelta(days=7))

    # The first run of a process imports the URLconf (links in the e-mails) and looks up the
    # host's name (Message-ID): seconds, once per worker, not measured.
    reverse("my_reports")
    str(DNS_NAME)
    for size in sizes:
        try:
            with transaction.atomic():
                build(size)
                measure("7-day reminders (first run)", size, due)
                measure("7-day reminders (run again: nothing to send)", size, due)
                measure("reviewers' digest (day after the communes' deadline)", size,
                        lambda: reminder_send_digest(
                            today=COMMUNES_DUE + datetime.timedelta(days=1)))
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
