"""Load Vietnam's administrative units into AdminUnit / UnitSuccession.

Data comes from the ``vietnam-provinces`` package (GPL-3.0-or-later, NSO codes):

* today's 34 provinces and 3,321 communes/wards/special zones (valid from the
  2025 reform, open-ended);
* the 63 pre-2025 provinces, and the old districts and old communes of the
  provinces the seed plans name (Trà Vinh, Thanh Hóa, Điện Biên, Đồng Tháp, Khánh
  Hòa), all retired on 2025-06-30;
* succession rows (effective 2025-07-01) from each loaded old unit to the new
  unit(s) that took its area: old province → new province(s), old district →
  new province(s), old commune → new commune(s).

Codes are stored as NSO writes them, zero-padded: provinces 2 digits ("01",
"38"), districts 3 ("397"), communes 5 ("15664"); the nation is "VN".

The load is idempotent: rows are matched on (level, code, valid_to), missing
rows are bulk-created, rows whose name/parent/valid_from differ from the data
are bulk-updated, and missing successions are added (existing ones are never
deleted). A second run creates and updates nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from .models import REFORM_2025, AdminUnit, UnitLevel, UnitSuccession

# Last day of the pre-2025 units.
RETIRED_ON = REFORM_2025 - datetime.timedelta(days=1)

NATION_CODE = "VN"
NATION_NAME = "Việt Nam"

# Old provinces whose districts the seed plans name: Trà Vinh, Thanh Hóa,
# Điện Biên, Đồng Tháp, Khánh Hòa (pre-2025 codes). Their old communes are loaded too:
# their successions tell which of today's communes lie in an old district or province.
SEED_OLD_PROVINCES = ("84", "38", "11", "87", "56")

BATCH_SIZE = 500

_CODE_WIDTH = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}
_LEVEL_ORDER = (UnitLevel.NATION, UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)

Key = tuple[str, str, datetime.date | None]  # (level, code, valid_to)


def normalize_code(level: str, code: str | int) -> str:
    """NSO code as stored: "1" / 1 → "01" for a province, "397" for a district…"""
    text = str(code).strip()
    width = _CODE_WIDTH.get(level)
    if width and text.isdigit():
        return text.zfill(width)
    return text


def current_province(code: str) -> AdminUnit:
    """Today's province with this (post-2025) code; AdminUnit.DoesNotExist if not loaded."""
    return AdminUnit.objects.get(
        level=UnitLevel.PROVINCE, code=normalize_code(UnitLevel.PROVINCE, code),
        valid_to__isnull=True,
    )


def old_unit(level: str, code: str) -> AdminUnit:
    """The pre-2025 unit (retired on 2025-06-30) of this level and old code."""
    return AdminUnit.objects.get(level=level, code=normalize_code(level, code), valid_to=RETIRED_ON)


@dataclass(frozen=True)
class _Spec:
    level: str
    code: str
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent: Key | None

    @property
    def key(self) -> Key:
        return (self.level, self.code, self.valid_to)


def _name(raw: str) -> str:
    # The data has one lower-case type ("xã Bắc Sơn"); write it as people do.
    raw = " ".join(raw.split())
    return raw[:1].upper() + raw[1:]


def _collect(communes: bool) -> tuple[list[_Spec], list[tuple[Key, Key]]]:
    """Units and successions from the package data, parents before children."""
    # Imported here: the tables are large and only needed while loading.
    from vietnam_provinces import Province, Ward, legacy
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCE_OLD_TO_NEW
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARD_OLD_TO_NEW

    P, D, C = UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE
    nation: Key = (UnitLevel.NATION, NATION_CODE, None)
    specs = [_Spec(UnitLevel.NATION, NATION_CODE, NATION_NAME, None, None, None)]
    successions: list[tuple[Key, Key]] = []

    def new_key(level: str, code: int) -> Key:
        return (level, normalize_code(level, code), None)

    def old_key(level: str, code: int) -> Key:
        return (level, normalize_code(level, code), RETIRED_ON)

    # Today's units.
    for p in Province.iter_all():
        specs.append(_Spec(P, normalize_code(P, int(p.code)), _name(p.name), REFORM_2025, None,
                           nation))
    new_ward_province = {}
    for w in Ward.iter_all():
        new_ward_province[int(w.code)] = int(w.province_code)
        if communes:
            specs.append(_Spec(C, normalize_code(C, int(w.code)), _name(w.name), REFORM_2025, None,
                               new_key(P, int(w.province_code))))

    # Which new provinces took each old province's / district's area. Derived from
    # the ward conversion table, taking the old ward's province from the legacy
    # district (two rows of the table carry a wrong old province code, which makes
    # the package's own province table claim old Tiền Giang went partly to Tây Ninh).
    district_province = {int(d.code): int(d.province_code) for d in legacy.District.iter_all()}
    to_provinces_of_district: dict[int, set[int]] = defaultdict(set)
    to_provinces_of_province: dict[int, set[int]] = defaultdict(set)
    for entry in WARD_OLD_TO_NEW.values():
        old_district = entry.old_ward.district_code
        old_province = district_province.get(old_district, entry.old_ward.province_code)
        for ref in entry.new_wards:
            new_province = new_ward_province.get(ref.code, ref.province_code)
            to_provinces_of_district[old_district].add(new_province)
            to_provinces_of_province[old_province].add(new_province)

    # Old provinces.
    for p in legacy.Province.iter_all():
        code = int(p.code)
        specs.append(_Spec(P, normalize_code(P, code), _name(p.name), None, RETIRED_ON, nation))
        targets = to_provinces_of_province.get(code)
        if not targets and (entry := PROVINCE_OLD_TO_NEW.get(code)):
            targets = {ref.code for ref in entry.new_provinces}
        successions += [(old_key(P, code), new_key(P, t)) for t in sorted(targets or ())]

    # Old districts of the seed provinces.
    seed = {int(c) for c in SEED_OLD_PROVINCES}
    for d in legacy.District.iter_all():
        if int(d.province_code) not in seed:
            continue
        code = int(d.code)
        specs.append(_Spec(D, normalize_code(D, code), _name(d.name), None, RETIRED_ON,
                           old_key(P, int(d.province_code))))
        targets = to_provinces_of_district.get(code) or to_provinces_of_province.get(
            int(d.province_code), ())
        successions += [(old_key(D, code), new_key(P, t)) for t in sorted(targets)]

    # Old communes of the seed provinces.
    if communes:
        for w in legacy.Ward.iter_all():
            district = int(w.district_code)
            if district_province.get(district) not in seed:
                continue
            code = int(w.code)
            specs.append(_Spec(C, normalize_code(C, code), _name(w.name), None, RETIRED_ON,
                               old_key(D, district)))
            if entry := WARD_OLD_TO_NEW.get(code):
                successions += [(old_key(C, code), new_key(C, ref.code))
                                for ref in entry.new_wards]

    return specs, successions


def load_units(*, communes: bool = True) -> dict[str, int]:
    """Create or refresh the administrative units and their 2025 successions.

    With ``communes=False`` neither today's communes nor the old communes (nor
    their successions) are loaded; provinces, old districts and their
    successions are.

    Returns the number of units the data defines per level ("nation",
    "province", "district", "commune" — current and retired together),
    "succession" (rows the data defines), and what this run did: "created"
    (units and successions inserted) and "updated" (units whose name, parent or
    valid_from were corrected). A repeated run returns created == updated == 0.
    """
    specs, successions = _collect(communes)
    by_level: dict[str, list[_Spec]] = defaultdict(list)
    for spec in specs:
        by_level[spec.level].append(spec)

    ids: dict[Key, int] = {}
    created = updated = 0
    with transaction.atomic():
        for level in _LEVEL_ORDER:
            level_specs = by_level.get(level, [])
            if not level_specs:
                continue
            existing = {
                (unit.code, unit.valid_to): unit
                for unit in AdminUnit.objects.filter(level=level).only(
                    "id", "code", "name", "level", "parent_id", "valid_from", "valid_to")
            }
            to_create: list[AdminUnit] = []
            to_update: list[AdminUnit] = []
            for spec in level_specs:
                parent_id = ids[spec.parent] if spec.parent else None
                unit = existing.get((spec.code, spec.valid_to))
                if unit is None:
                    to_create.append(AdminUnit(
                        level=level, code=spec.code, name=spec.name, parent_id=parent_id,
                        valid_from=spec.valid_from, valid_to=spec.valid_to,
                    ))
                    continue
                ids[spec.key] = unit.pk
                if (unit.name, unit.parent_id, unit.valid_from) != (
                        spec.name, parent_id, spec.valid_from):
                    unit.name, unit.parent_id = spec.name, parent_id
                    unit.valid_from = spec.valid_from
                    to_update.append(unit)
            if to_create:
                AdminUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
                if any(unit.pk is None for unit in to_create):
                    # Backend without RETURNING on bulk insert: fetch the ids once.
                    fresh = {
                        (code, valid_to): pk
                        for code, valid_to, pk in AdminUnit.objects.filter(level=level)
                        .values_list("code", "valid_to", "id")
                    }
                    for unit in to_create:
                        unit.pk = fresh[(unit.code, unit.valid_to)]
                for unit in to_create:
                    ids[(level, unit.code, unit.valid_to)] = unit.pk
            if to_update:
                AdminUnit.objects.bulk_update(
                    to_update, ["name", "parent", "valid_from"], batch_size=BATCH_SIZE)
            created += len(to_create)
            updated += len(to_update)

        pairs = {(ids[old], ids[new]) for old, new in successions}
        old_ids = {old for old, _ in pairs}
        have = set(
            UnitSuccession.objects.filter(old_id__in=old_ids).values_list("old_id", "new_id"))
        missing = sorted(pairs - have)
        UnitSuccession.objects.bulk_create(
            [UnitSuccession(old_id=o, new_id=n, effective_on=REFORM_2025) for o, n in missing],
            batch_size=BATCH_SIZE,
        )
        created += len(missing)

    counts = {level.value: len(by_level.get(level, [])) for level in _LEVEL_ORDER}
    counts.update(succession=len(pairs), created=created, updated=updated)
    return counts
