"""Demo users, one per role, on the Trà Vinh plan; and for 2026 a reviewer of Sở Y tế Vĩnh
Long and a reporter of one of its communes."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import AdminUnit, Agency, Membership, Role, Sector
from agencies.services import commune_agency
from agencies.unit_loading import current_province
from childplan.models import Plan

DEMO_PASSWORD = "TreEm@2030"
TRA_VINH_PLAN = "tra-vinh-2021"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str  # a Membership role, or "" for the administrator
    agency: str  # agency name in the Trà Vinh plan's unit (or in `place`)
    sector: str
    description: str
    # "" for the Trà Vinh plan's unit; "vinh-long" for today's Vĩnh Long; "commune:<name>" for
    # the People's Committee of that commune of today's Vĩnh Long (when communes are loaded).
    place: str = ""


DEMO_USERS = [
    DemoUser("yte.travinh", "Nguyễn Thị Lan", Role.REPORTER, "Sở Y tế", Sector.YTE,
             "cán bộ nhập liệu, Sở Y tế Trà Vinh"),
    DemoUser("tonghop.travinh", "Trần Văn Minh", Role.REVIEWER, "", Sector.LDTBXH,
             "cán bộ tổng hợp kế hoạch Trà Vinh: Sở Y tế (trước 01/03/2025: Sở LĐTBXH)"),
    DemoUser("quanly.travinh", "Võ Thị Thu", Role.MANAGER, "Sở Y tế", Sector.YTE,
             "quản lý tài khoản của Sở Y tế Trà Vinh (trang Người dùng)"),
    DemoUser("lanhdao.travinh", "Lê Hoàng Nam", Role.VIEWER, "Ủy ban nhân dân tỉnh",
             Sector.UBND, "lãnh đạo UBND tỉnh Trà Vinh (chỉ xem)"),
    DemoUser("tonghop.vinhlong", "Đặng Thị Hoa", Role.REVIEWER, "Sở Y tế", Sector.YTE,
             "cán bộ tổng hợp, Sở Y tế tỉnh Vĩnh Long: duyệt báo cáo các xã, kế hoạch 2026–2030",
             place="vinh-long"),
    DemoUser("xa.phuongtravinh", "Huỳnh Văn Tâm", Role.REPORTER, "", Sector.UBND,
             "cán bộ nhập liệu, UBND phường Trà Vinh (tỉnh Vĩnh Long), báo cáo lên Sở Y tế",
             place="commune:Phường Trà Vinh"),
    DemoUser("quantri", "Phạm Thu Hà", "", "", "",
             "quản trị hệ thống; sửa và ban hành dự thảo kế hoạch 2026–2030 của Thanh Hóa"),
]

VINH_LONG = "86"


def _demo_agencies(demo: DemoUser, plan: Plan) -> list[Agency]:
    if demo.place == "vinh-long":
        return [Agency.objects.get_or_create(unit=current_province(VINH_LONG), name=demo.agency,
                                             defaults={"sector": demo.sector})[0]]
    if demo.place.startswith("commune:"):
        commune = AdminUnit.objects.communes().filter(
            name=demo.place.removeprefix("commune:"), valid_to=None,
            parent=current_province(VINH_LONG)).first()
        return [commune_agency(commune)] if commune else []  # communes not loaded
    if demo.agency:
        return [Agency.objects.get_or_create(unit=plan.unit, name=demo.agency,
                                             defaults={"sector": demo.sector})[0]]
    # The officer moved with the work: the office the plan names (its history) and the one
    # consolidating it today.
    return [plan.consolidating_agency, plan.consolidating_agency_on(timezone.localdate())]


def load_demo_users() -> list[DemoUser]:
    plan = Plan.objects.select_related("consolidating_agency").get(key=TRA_VINH_PLAN)
    User = get_user_model()
    for demo in DEMO_USERS:
        first, _, last = demo.full_name.rpartition(" ")
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"first_name": last, "last_name": first,
                      "email": f"{demo.username}@example.vn",
                      "is_staff": not demo.role, "is_superuser": not demo.role},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if not demo.role:
            continue
        for agency in _demo_agencies(demo, plan):
            Membership.objects.get_or_create(user=user, agency=agency, role=demo.role)
    return DEMO_USERS
