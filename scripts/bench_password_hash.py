"""What one sign-in costs in password hashing (a benchmark, not a test).

Prints one JSON line per hasher: the wall and CPU time of one `check_password` (median and
worst of a few runs), for Django's PBKDF2 (what every account had until now, and what an
old hash still costs until its owner signs in once), for Argon2id with the portal's
parameters (childplan/hashers.py, the first of PASSWORD_HASHERS: new and upgraded hashes),
and for comparison with Django's own Argon2 parameters. CPU time is what the web workers
pay: under a sign-in rush it is what the other requests queue behind.

Usage: python scripts/bench_password_hash.py [runs]   (no database needed)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from benchlib import emit  # noqa: E402

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childplan.settings")

PASSWORD = "TreEm@2030"


def measure(hasher, runs: int) -> dict:
    from django.contrib.auth.hashers import check_password

    encoded = hasher.encode(PASSWORD, hasher.salt())
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        assert check_password(PASSWORD, encoded, preferred=hasher.algorithm)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"wall_ms_median": round(statistics.median(walls) * 1000, 1),
            "wall_ms_max": round(max(walls) * 1000, 1),
            "cpu_ms_median": round(statistics.median(cpus) * 1000, 1)}


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    preferred = get_hasher("default")
    for name, hasher in (("pbkdf2_sha256", get_hasher("pbkdf2_sha256")),
                         ("argon2id", preferred),
                         ("argon2id_django_defaults", Argon2PasswordHasher())):
        params = ({"iterations": hasher.iterations} if name == "pbkdf2_sha256" else
                  {"time_cost": hasher.time_cost, "memory_cost_kib": hasher.memory_cost,
                   "parallelism": hasher.parallelism})
        emit(figure="check_password", hasher=name, **params, preferred=hasher is preferred,
             runs=runs, cores=os.cpu_count(), **measure(hasher, runs))
    emit(figure="hashers_in_order", hashers=[h.rsplit(".", 1)[1]
                                             for h in settings.PASSWORD_HASHERS])


if __name__ == "__main__":
    main()
