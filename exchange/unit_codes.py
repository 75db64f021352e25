"""Official unit codes across the 2025 reform: an old code → the units of today.

Quyết định 19/2025/QĐ-TTg numbers today's units (2-digit provinces, 5-digit communes)
from 01/07/2025; the units before keep their pre-2025 codes, valid until 30/06/2025. The
same code may name an old and a new unit (Hà Nội is "01" in both lists), so a code is read
with its level and every version is returned.
"""

from __future__ import annotations

from django.db.models import F

from agencies.models import AdminUnit, UnitLevel, successors_today
from exchange import present

LEVEL_BY_LENGTH = {2: UnitLevel.PROVINCE, 3: UnitLevel.DISTRICT, 5: UnitLevel.COMMUNE}


def level_of(code: str) -> str:
    if code == "VN":
        return UnitLevel.NATION
    return LEVEL_BY_LENGTH.get(len(code), UnitLevel.COMMUNE)


def crosswalk(code: str, level: str | None = None) -> dict:
    level = level or level_of(code)
    # The old version first, today's last (NULL sorts differently in SQLite and PostgreSQL).
    found = list(AdminUnit.objects.filter(code=code, level=level).order_by(
        F("valid_to").asc(nulls_last=True), "pk"))
    return {"code": code, "level": level, "found": [present.unit_ref(u) for u in found],
            "today": [present.unit_ref(u) for u in successors_today(found)]}
