"""Seed and demo of the child-friendly commune assessments.

Every install gets the standards in fixtures/assessments/. The demo assesses, for 2026,
the 41 communes of today that took over old Trà Vinh's communes (in Vĩnh Long), through
the services, so history and events are as in real use, in every state: recognised (with
decision numbers), refused, submitted (one with enough points, one short), returned with
the province's comment, draft, and not started. Chỉ tiêu 1 of the Trà Vinh plan follows
from it. Running it again changes nothing: communes already assessed are left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model

from agencies.models import AdminUnit, Agency, Membership
from assessments.models import Assessment, Item, Kind
from assessments.services import (
    Typed,
    assessment_recognise,
    assessment_refuse,
    assessment_return,
    assessment_save,
    assessment_start,
    assessment_submit,
    commune_kind_set,
    standard_load,
)
from childplan.models import Plan
from reporting.signals import seed_loaded

YEAR = 2026
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "TreEm@2030"
# By position in name order, after the first commune (the demo reporter's, returned).
STATES = (["recognised"] * 28 + ["refused"] * 3 + ["passes", "passes", "short"]
          + ["returned"] + ["draft"] * 2 + ["none"] * 3)
RETURN_COMMENT = ("Chỉ số 6.1: danh sách trẻ em có hoàn cảnh đặc biệt chưa khớp với hồ sơ "
                  "quản lý trường hợp; đề nghị bổ sung minh chứng.")
DIFFICULT_BASIS = "Quyết định 861/QĐ-TTg ngày 04/6/2021 (xã khu vực III) — dữ liệu mẫu"
# Vĩnh Long is a province: its wards are of the "other" kind (850 points); only the wards
# of a centrally-run city have the 900-point threshold.
BEST = {"1.1": 1, "1.2": 1, "1.3": 1, "1.4": 1, "2.1": 100, "3.1": 0, "4.1": 0, "5.1": 0,
        "6.1": 96, "6.2": 100, "7.1": 99, "8.1": 8, "8.2": 15, "9.1": 92, "10.1": 99,
        "11.1": 1, "12.1": 1, "12.2": 60, "13.1": 85}
# One band down on each: the commune loses 16 to 50 points per indicator listed (at most
# 100 for three, so 900 still passes; 283 for all, short of every threshold).
WEAKER = {"2.1": 96, "3.1": 1, "4.1": 1, "5.1": 1, "6.1": 91, "7.1": 96, "8.1": 12,
          "9.1": 85, "10.1": 96, "12.2": 40, "13.1": 75}
# What takes a refused commune's criterion to zero.
AT_ZERO = [("11.1", 0), ("7.1", 90)]


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, hour, tzinfo=VN)


def load_standards() -> int:
    found = sorted((settings.FIXTURES_DIR / "assessments").glob("*.json"))
    for path in found:
        standard_load(path=path)
    return len(found)


def _user(username: str, name: str, agency: Agency, role: str):
    first, _, last = name.rpartition(" ")
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": last, "last_name": first,
                                     "email": f"{username}@example.vn"})
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    return user


def _figures(state: str, rng: random.Random) -> dict[str, Decimal]:
    values = dict(BEST)
    weaker = rng.sample(sorted(WEAKER), {"recognised": rng.randint(0, 3), "passes": 3,
                                         "short": len(WEAKER), "refused": 2, "returned": 2,
                                         "draft": 1}[state])
    values.update({code: WEAKER[code] for code in weaker})
    if state == "refused":
        code, figure = rng.choice(AT_ZERO)
        values[code] = figure
    return {code: Decimal(str(v)) for code, v in values.items()}


def load_assessment_demo() -> dict[str, int | str]:
    plan = Plan.objects.select_related("unit").get(key="tra-vinh-2021")
    province = plan.unit.successors.get()
    ids = AdminUnit.objects.territory_ids({plan.unit_id})
    communes = list(AdminUnit.objects.communes().current().filter(pk__in=ids).order_by("name"))
    if not communes:
        return {}
    office, _ = Agency.objects.get_or_create(unit=province, name="Sở Y tế",
                                             defaults={"sector": "yte"})
    reviewer = _user("thamdinh.vinhlong", "Võ Thị Thu", office, "reviewer")
    agencies = {c.pk: Agency.objects.get_or_create(unit=c, name=f"UBND {c.name}",
                                                   defaults={"sector": "ubnd"})[0]
                for c in communes}
    reporter = _user("xa.travinh", "Lê Văn Xuân", agencies[communes[0].pk], "reporter")
    items = dict(Item.objects.filter(criterion__standard__code="06/QĐ-TTg/2019")
                 .values_list("code", "pk"))
    done = set(Assessment.objects.filter(unit__in=communes, year=YEAR)
               .values_list("unit_id", flat=True))
    counts: dict[str, int] = {}
    for index, (commune, state) in enumerate(zip(communes, ["returned"] + STATES,
                                                 strict=False)):
        if commune.pk in done or state == "none":
            continue
        rng = random.Random(f"{commune.code}-{YEAR}")
        if index % 7 == 3:
            commune_kind_set(unit=commune, kind=Kind.DIFFICULT, legal_basis=DIFFICULT_BASIS,
                             by=reviewer, now=_at(10, 1))
        by = reporter if index == 0 else None
        assessment = assessment_start(unit=commune, year=YEAR)
        assessment = assessment_save(assessment=assessment, by=by, version=assessment.version,
                                     now=_at(10, 20), typed={
                                         items[c]: Typed(v) for c, v in
                                         _figures(state, rng).items()})
        counts[state] = counts.get(state, 0) + 1
        if state == "draft":
            continue
        assessment = assessment_submit(assessment=assessment, by=by,
                                       version=assessment.version, now=_at(11, 5))
        if state == "recognised" and assessment.passes:
            assessment_recognise(assessment=assessment, by=reviewer, now=_at(11, 25),
                                 decision_number=f"{2400 + index}/QĐ-UBND",
                                 decision_date=datetime.date(YEAR, 11, 25))
        elif state in ("recognised", "refused"):
            assessment_refuse(assessment=assessment, by=reviewer, now=_at(11, 25),
                              comment="Có tiêu chí 0 điểm hoặc tổng điểm dưới ngưỡng.")
        elif state == "returned":
            assessment_return(assessment=assessment, by=reviewer, now=_at(11, 12),
                              comment=RETURN_COMMENT)
    recognised = Assessment.objects.filter(unit__in=communes, year=YEAR,
                                           status="recognised").count()
    return {"communes": len(communes),
            "recognised": recognised, "new": sum(counts.values()),
            "accounts": "xa.travinh (cán bộ nhập liệu UBND xã), thamdinh.vinhlong "
                        f"(thẩm định của tỉnh), mật khẩu {PASSWORD}"}


def on_seed_loaded(sender, *, demo: bool, **kwargs) -> dict:
    standards = load_standards()
    summary = load_assessment_demo() if demo else {}
    return {"title": "Xã phù hợp với trẻ em", "standards": standards, **summary}


def connect() -> None:
    seed_loaded.connect(on_seed_loaded, dispatch_uid="assessments.seed_loaded")
