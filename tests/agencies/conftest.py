"""The account managers' world: Thanh Hóa today, two of its communes, and Trà Vinh beside it.

Personas (who acts):
- mai: account manager of Sở Y tế tỉnh Thanh Hóa (the province, its communes, old Triệu Sơn)
- ngoc: reviewer of Sở Y tế tỉnh Thanh Hóa, not an account manager
- xuan: account manager of commune A's People's Committee (that commune only)
- cuong: account manager of Phòng LĐTBXH Triệu Sơn, an office dissolved on 30/06/2025
- tam: account manager of Sở Y tế Trà Vinh (another province)
- admin: an administrator (is_superuser)
- charlie: signed in, no role anywhere

Accounts acted on: dan (reporter, commune B), ha (reporter, Sở Y tế Trà Vinh), kim (reporter
in commune B and at Sở Y tế Trà Vinh), root (staff, reporter in commune B).

People are made with unusable passwords: these tests sign in with force_login, and a real
password hash costs half a second of CPU per account.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
import pytest

from agencies.models import REFORM_2025, AdminUnit, Agency, Membership, UnitLevel
from agencies.services import commune_agency
from agencies.unit_loading import current_province


def person(username: str, *roles: tuple[Agency, str], **extra):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username=username, password="!",
                                           email=f"{username}@example.vn", **extra)
    for agency, role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@dataclass
class World:
    thanh_hoa: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    other_commune: AdminUnit  # a ward of Hà Nội, outside Thanh Hóa
    health: Agency  # Sở Y tế tỉnh Thanh Hóa
    ubnd_a: Agency
    ubnd_b: Agency
    tra_vinh_health: Agency
    people: dict


def commune(code: str, name: str, province: AdminUnit) -> AdminUnit:
    return AdminUnit.objects.create(level=UnitLevel.COMMUNE, code=code, name=name,
                                    parent=province, valid_from=REFORM_2025)


@pytest.fixture
def world(db, tra_vinh_plan, trieu_son_plan):
    thanh_hoa = current_province("38")
    commune_a = commune("90001", "Xã Hợp Tiến", thanh_hoa)
    commune_b = commune("90002", "Phường Hạc Thành", thanh_hoa)
    other = commune("90003", "Phường Ba Đình", current_province("01"))
    health = Agency.objects.get(unit=thanh_hoa, name="Sở Y tế")
    ubnd_a, ubnd_b = commune_agency(commune_a), commune_agency(commune_b)
    tra_vinh_health = Agency.objects.get(unit=tra_vinh_plan.unit, name="Sở Y tế")
    retired = Agency.objects.get(unit=trieu_son_plan.unit,
                                 name="Phòng Lao động - Thương binh và Xã hội")
    people = {
        "mai": person("mai", (health, "manager")),
        "ngoc": person("ngoc", (health, "reviewer")),
        "xuan": person("xuan", (ubnd_a, "manager")),
        "cuong": person("cuong", (retired, "manager")),
        "tam": person("tam", (tra_vinh_health, "manager")),
        "admin": person("admin", is_superuser=True, is_staff=True),
        "charlie": person("charlie"),
        "dan": person("dan", (ubnd_b, "reporter")),
        "ha": person("ha", (tra_vinh_health, "reporter")),
        "kim": person("kim", (ubnd_b, "reporter"), (tra_vinh_health, "reporter")),
        "root": person("root", (ubnd_b, "reporter"), is_staff=True),
    }
    return World(thanh_hoa, commune_a, commune_b, other, health, ubnd_a, ubnd_b,
                 tra_vinh_health, people)


def workbook(*rows, headings=("Mã xã hoặc tên xã", "Tên đăng nhập", "Họ và tên",
                              "Thư điện tử")) -> io.BytesIO:
    """An .xlsx list as an office would fill it: the headings, then one row per commune."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tai-khoan-xa.xlsx"
    return buffer
