"""The password hasher: Argon2id with the parameters OWASP's Password Storage Cheat Sheet
gives as its first choice (19 MiB of memory, 2 passes, 1 lane).

Django's own Argon2 parameters (100 MiB, 2 passes, 8 lanes) cost about as much CPU per
sign-in as its PBKDF2 (~0,2 s on our 2 cores; scripts/bench_password_hash.py): on a
deadline day, when hundreds of reporters sign in within minutes, that is the time every
other request waits behind. These cost ~20 ms and resist GPU guessing as well (memory-hard).
Hashes made with other parameters still verify, and are re-made at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
