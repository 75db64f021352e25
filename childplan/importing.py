"""Create a plan from what the reader read in its document (after the administrator's check).

The document's text comes from a .txt, a .docx or a PDF with a text layer (documents.py).
The plan is written by seeding.plans.upsert_plan, the loader of the seed plans, so an
imported plan and a seeded one obey the same rules; this module only turns a ReadPlan
into the spec that loader takes and refuses what it would silently merge or overwrite.
"""

from __future__ import annotations

import datetime
import logging
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import AdminUnit, UnitLevel
from childplan.models import Plan, Target
from childplan.plan_reader import MeasureInfo, ReadPlan
from childplan.seeding.plans import upsert_plan
from indicators.models import Measure

logger = logging.getLogger(__name__)

SECTORS = [  # first match wins: "Sở Kế hoạch và Đầu tư" before "Kế hoạch" in other names
    ("Lao động", "ldtbxh"), ("Y tế", "yte"), ("Giáo dục", "gddt"), ("Tư pháp", "tuphap"),
    ("Công an", "congan"), ("Văn hóa", "vhttdl"), ("Văn hoá", "vhttdl"),
    ("Thông tin và Truyền thông", "tttt"), ("Báo ", "tttt"), ("Đài ", "tttt"),
    ("Kế hoạch và Đầu tư", "khdt"), ("Tài chính", "taichinh"), ("Nội vụ", "noivu"),
    ("Ủy ban nhân dân", "ubnd"), ("UBND", "ubnd"), ("Mặt trận", "doanthe"),
    ("Đoàn", "doanthe"), ("Hội ", "doanthe"), ("Thành đoàn", "doanthe"),
]
LEVEL_WORDS = {"tỉnh": UnitLevel.PROVINCE, "thành phố": UnitLevel.DISTRICT,
               "huyện": UnitLevel.DISTRICT, "thị xã": UnitLevel.DISTRICT,
               "quận": UnitLevel.DISTRICT}


def national_catalogue() -> list[MeasureInfo]:
    return [MeasureInfo(m.code, m.indicator.number if m.indicator_id else None, m.name,
                        m.unit_kind, m.direction)
            for m in Measure.objects.national().select_related("indicator")]


def sector_of(agency: str) -> str:
    return next((sector for word, sector in SECTORS if word in agency), "khac")


def guess_unit(issuer: str, on: datetime.date | None = None) -> AdminUnit | None:
    """The unit "UBND tỉnh Trà Vinh" governs, in its version valid on the plan's date (else
    as it was when the seed plans were issued)."""
    found = re.match(r"(?:UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố|huyện|thị xã|quận)\s+(.+)",
                     issuer)
    if not found:
        return None
    word, place = found.groups()
    units = AdminUnit.objects.filter(level=LEVEL_WORDS[word], name__iexact=f"{word} {place}")
    if word == "thành phố" and not units.exists():
        units = AdminUnit.objects.filter(level=UnitLevel.PROVINCE, name__iexact=f"{word} {place}")
    dated = units.current(on).first() if on else None
    return dated or units.exclude(valid_to=None).order_by("-valid_to").first() or units.first()


def unit_label(unit: AdminUnit) -> str:
    """A unit's name, with its validity when it has one ("Tỉnh Vĩnh Long (đến 30/06/2025)")."""
    if unit.valid_to:
        return _("%(unit)s (đến %(date)s)") % {"unit": unit.name,
                                               "date": f"{unit.valid_to:%d/%m/%Y}"}
    if unit.valid_from:
        return _("%(unit)s (từ %(date)s)") % {"unit": unit.name,
                                              "date": f"{unit.valid_from:%d/%m/%Y}"}
    return unit.name


def unit_problem(unit: AdminUnit, on: datetime.date | None) -> str | None:
    """Why a plan of this date cannot be attached to this unit, or None."""
    if on is None or AdminUnit.objects.current(on).filter(pk=unit.pk).exists():
        return None
    return _("Địa bàn «%(unit)s» không có hiệu lực vào ngày ban hành %(date)s: hãy chọn đơn vị "
             "hành chính có hiệu lực vào ngày đó.") % {"unit": unit_label(unit),
                                                       "date": f"{on:%d/%m/%Y}"}


def review_problems(read: ReadPlan, *, unit: AdminUnit | None,
                    key: str) -> tuple[list[str], list[list[str]]]:
    """Every check plan_import makes, made before: what would refuse the plan, and for each
    target what would refuse it."""
    plan_problems = []
    if key and Plan.objects.filter(key=key).exists():
        plan_problems.append(_("Đã có kế hoạch mã «%(key)s»: hãy chọn mã khác.") % {"key": key})
    if unit is None:
        plan_problems.append(_("Chưa chọn địa bàn của kế hoạch."))
    elif problem := unit_problem(unit, read.date):
        plan_problems.append(problem)
    start, end = read.period
    plan = Plan(period_start=start, period_end=end)
    measures = {m.code: m for m in Measure.objects.national()}
    measures |= {m["code"]: Measure(code=m["code"], name=m["name"], unit_kind=m["unit_kind"],
                                    direction=m["direction"]) for m in read.local_measures}
    seen: dict[tuple, int] = {}
    target_problems: list[list[str]] = []
    for index, target in enumerate([*read.targets, *read.local_targets]):
        found = list(Target(year=target.year, comparator=target.comparator, value=target.value,
                            value_high=target.value_high).problems(
            plan=plan, measure=measures.get(target.measure)).values())
        if target.measure not in measures:
            found.append(_("Không có chỉ tiêu «%(code)s» trong danh mục.")
                         % {"code": target.measure})
        slot = (target.measure, target.year, target.area)
        if slot in seen:
            twin = _("Chỉ tiêu %(code)s năm %(year)s có hai mục tiêu: hãy xóa một.") % {
                "code": target.measure, "year": target.year}
            found.append(twin)
            if twin not in target_problems[seen[slot]]:
                target_problems[seen[slot]].append(twin)
        seen.setdefault(slot, index)
        target_problems.append(found)
    return plan_problems, target_problems


def suggest_key(read: ReadPlan, unit: AdminUnit | None) -> str:
    place = unit.name if unit else re.sub(r"^(?:UBND|Ủy ban nhân dân)\s+", "", read.issuer)
    year = read.date.year if read.date else read.period[0] or ""
    base = slugify(f"{place} {year}".replace("đ", "d").replace("Đ", "D"))[:50] or "ke-hoach"
    key, n = base, 2
    while Plan.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def _valid_on(unit: AdminUnit) -> str | None:
    """A day the unit's version is valid, which tells it from another of the same code."""
    day = unit.valid_to or unit.valid_from
    return day.isoformat() if day else None


def plan_spec(read: ReadPlan, *, unit: AdminUnit, key: str) -> dict:
    start, end = read.period
    return {
        "key": key, "kind": read.kind or "Kế hoạch", "title": read.title or "Kế hoạch",
        "issuer": read.issuer, "number": read.number,
        "issued_on": read.date.isoformat() if read.date else None,
        "issued_note": "" if read.date else "văn bản không ghi ngày ban hành",
        "unit": {"level": unit.level, "code": unit.code, "name": unit.name,
                 "valid_on": _valid_on(unit)},
        "level": unit.level, "period": [start, end] if start and end else None,
        "consolidating_agency": ({"name": read.consolidating_office,
                                  "sector": sector_of(read.consolidating_office)}
                                 if read.consolidating_office else None),
        "deadline": read.deadline or "20/11",
        "local_measures": [{"code": m["code"], "name": m["name"], "unit_kind": m["unit_kind"],
                            "unit_label": m.get("unit_label", ""), "direction": m["direction"],
                            "indicator": None} for m in read.local_measures],
        "targets": [{"measure": t.measure, "year": t.year, "comparator": t.comparator,
                     "value": t.value, "value_high": t.value_high, "area": t.area,
                     "wording": t.wording, "text": t.text}
                    for t in [*read.targets, *read.local_targets]],
        "assignments": [{"agency": a.agency, "sector": sector_of(a.agency),
                         "indicators": a.indicators, "role": a.role, "text": a.text}
                        for a in read.assignments],
    }


@transaction.atomic
def plan_import(*, read: ReadPlan, unit: AdminUnit, key: str, by, source_name: str = "",
                source_text: str = "") -> Plan:
    """Create the plan; nothing is written if any target or assignment is refused."""
    if Plan.objects.filter(key=key).exists():
        raise ValidationError({"key": _("Đã có kế hoạch mã «%(key)s»: hãy chọn mã khác.")
                               % {"key": key}})
    if problem := unit_problem(unit, read.date):
        raise ValidationError({"unit": problem})
    seen: set[tuple] = set()
    for target in [*read.targets, *read.local_targets]:
        slot = (target.measure, target.year, target.area)
        if slot in seen:
            raise ValidationError(_("Chỉ tiêu %(code)s năm %(year)s (%(area)s) có hai mục tiêu: "
                                    "hãy xóa một.") % {"code": target.measure,
                                                        "year": target.year, "area": target.area})
        seen.add(slot)
    plan = upsert_plan(plan_spec(read, unit=unit, key=key))
    plan.source_name = source_name[:200]
    plan.source_text = source_text
    plan.save(update_fields=["source_name", "source_text"])
    logger.info("Plan %s imported from %r by %s: %d targets, %d assignments", plan.key,
                source_name, by, len(read.targets), len(read.assignments))
    return plan
