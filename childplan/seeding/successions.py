"""The 2025 transfers of child-affairs work between the seed plans' agencies.

- From 01/03/2025 the health sector does the child-affairs work of the labour
  sector: Bộ LĐTBXH → Bộ Y tế (Nghị định 42/2025/NĐ-CP on the functions of the
  Ministry of Health) and, in each province, Sở LĐTBXH → Sở Y tế (Nghị định
  45/2025/NĐ-CP on the specialised agencies of provincial People's Committees).
  The rest of Sở LĐTBXH's work went to Sở Nội vụ; only child affairs matter here.
- From 01/07/2025 there is no district level (Luật Tổ chức chính quyền địa
  phương 2025, số 72/2025/QH15): a district's Phòng LĐTBXH and Phòng Y tế end on
  30/06/2025 and their child-affairs work is the province's Sở Y tế's (communes
  report to the province). The district offices' own reshuffle between March and
  June 2025 is not modelled: no reporting cycle opens in those months.

Only the seed plans' offices are linked here; other provinces' agencies get
their successors from an administrator. Running it again changes nothing.
"""

from __future__ import annotations

import datetime

from agencies.models import AdminUnit, Agency, Sector
from agencies.unit_loading import current_province
from childplan.models import Plan, PlanStatus

HEALTH_TAKES_CHILD_AFFAIRS = datetime.date(2025, 3, 1)
NO_DISTRICTS = datetime.date(2025, 7, 1)
MINISTRY_BASIS = ("Nghị định 42/2025/NĐ-CP: Bộ Y tế nhận chức năng quản lý nhà nước về trẻ em "
                  "từ Bộ Lao động - Thương binh và Xã hội")
PROVINCE_BASIS = ("Nghị định 45/2025/NĐ-CP: Sở Y tế nhận chức năng về trẻ em từ Sở Lao động - "
                  "Thương binh và Xã hội")
DISTRICT_BASIS = ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15: không tổ chức cấp "
                  "huyện từ 01/07/2025; công tác trẻ em do Sở Y tế tỉnh đảm nhiệm")

LABOUR_MINISTRY = "Bộ Lao động - Thương binh và Xã hội"
LABOUR_DEPARTMENT = "Sở Lao động - Thương binh và Xã hội"
HEALTH_DEPARTMENT = "Sở Y tế"
DISTRICT_OFFICES = ("Phòng Lao động - Thương binh và Xã hội", "Phòng Y tế")
# District plans → today's province (post-2025 code) whose Sở Y tế took their work.
DISTRICT_PLANS = {"trieu-son-2021": "38", "dien-bien-phu-2021": "11"}


def hand_over(agency: Agency, successor: Agency, *, on: datetime.date, basis: str) -> bool:
    """Record that `agency` ended the day before `on` and its work passed to `successor`."""
    wanted = {"successor_id": successor.pk, "succession_on": on, "succession_basis": basis,
              "valid_to": on - datetime.timedelta(days=1)}
    if all(getattr(agency, name) == value for name, value in wanted.items()):
        return False
    for name, value in wanted.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save(update_fields=["successor", "succession_on", "succession_basis", "valid_to"])
    return True


def _health(unit: AdminUnit, name: str = HEALTH_DEPARTMENT) -> Agency:
    agency, _ = Agency.objects.get_or_create(unit=unit, name=name,
                                             defaults={"sector": Sector.YTE})
    return agency


def load_agency_successions() -> int:
    """Link the seed plans' labour offices to the health offices; returns the links changed."""
    changed = 0
    for ministry in Agency.objects.filter(name=LABOUR_MINISTRY, unit__level="nation"):
        changed += hand_over(ministry, _health(ministry.unit, "Bộ Y tế"),
                             on=HEALTH_TAKES_CHILD_AFFAIRS, basis=MINISTRY_BASIS)
    plans = Plan.objects.exclude(status=PlanStatus.REFERENCE).select_related("unit")
    for plan in plans.filter(level="province"):
        for agency in Agency.objects.filter(unit=plan.unit, name=LABOUR_DEPARTMENT):
            changed += hand_over(agency, _health(plan.unit), on=HEALTH_TAKES_CHILD_AFFAIRS,
                                 basis=PROVINCE_BASIS)
    for plan in plans.filter(key__in=DISTRICT_PLANS):
        province_health = _health(current_province(DISTRICT_PLANS[plan.key]))
        for agency in Agency.objects.filter(unit=plan.unit, name__in=DISTRICT_OFFICES):
            changed += hand_over(agency, province_health, on=NO_DISTRICTS, basis=DISTRICT_BASIS)
    return changed
