"""Demo users, one per role, on the Trà Vinh plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Membership, Role, Sector
from childplan.models import Plan

DEMO_PASSWORD = "TreEm@2030"
TRA_VINH_PLAN = "tra-vinh-2021"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str  # a Membership role, or "" for the administrator
    agency: str  # agency name in the Trà Vinh plan's unit
    sector: str
    description: str


DEMO_USERS = [
    DemoUser("yte.travinh", "Nguyễn Thị Lan", Role.REPORTER, "Sở Y tế", Sector.YTE,
             "cán bộ nhập liệu, Sở Y tế Trà Vinh"),
    DemoUser("tonghop.travinh", "Trần Văn Minh", Role.REVIEWER, "", Sector.LDTBXH,
             "cán bộ tổng hợp kế hoạch Trà Vinh: Sở Y tế (trước 01/03/2025: Sở LĐTBXH)"),
    DemoUser("quanly.travinh", "Võ Thị Thu", Role.MANAGER, "Sở Y tế", Sector.YTE,
             "quản lý tài khoản của Sở Y tế Trà Vinh (trang Người dùng)"),
    DemoUser("lanhdao.travinh", "Lê Hoàng Nam", Role.VIEWER, "Ủy ban nhân dân tỉnh",
             Sector.UBND, "lãnh đạo UBND tỉnh Trà Vinh (chỉ xem)"),
    DemoUser("quantri", "Phạm Thu Hà", "", "", "", "quản trị hệ thống"),
]


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
        if demo.agency:
            agencies = [Agency.objects.get_or_create(
                unit=plan.unit, name=demo.agency, defaults={"sector": demo.sector})[0]]
        else:
            # The officer moved with the work: the office the plan names (its history) and
            # the one consolidating it today.
            agencies = [plan.consolidating_agency,
                        plan.consolidating_agency_on(timezone.localdate())]
        for agency in agencies:
            Membership.objects.get_or_create(user=user, agency=agency, role=demo.role)
    return DEMO_USERS
