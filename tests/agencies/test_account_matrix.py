"""The account pages through HTTP: every persona × every account action, in one table.

Province A is Thanh Hóa, province B Trà Vinh (tests/agencies/conftest.py). Personas:
- anonymous: not signed in
- dan: reporter of commune B's People's Committee (province A)
- lien: reporter of Sở Y tế tỉnh Thanh Hóa
- ngoc: reviewer of Sở Y tế tỉnh Thanh Hóa, without the account-management right
- mai: account manager of Sở Y tế tỉnh Thanh Hóa (province A)
- tam: account manager of Sở Y tế Trà Vinh (province B)
- vinh: reviewer, and account manager, of Thanh Hóa's Sở LĐTBXH, whose work passed to
  Sở Y tế on 01/03/2025
- admin: an administrator (is_superuser)

Actions aim at the persona's own side where the action says so: "outside the territory" and
"another province" are province B for the personas of province A, and A for tam.

An allowed action changes the accounts as the user expects; a refused one answers with its
status and Vietnamese reason, and leaves every account, password, role, profile and audit
row as it was.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import Agency, Membership, Sector
from tests.agencies.conftest import person, workbook
from tests.agencies.test_account_services import snapshot

pytestmark = pytest.mark.django_db

LABOUR = "Sở Lao động - Thương binh và Xã hội"
NOT_MANAGER = "Trang này dành cho cán bộ quản lý tài khoản của cơ quan."
OUTSIDE = "Cơ quan này nằm ngoài địa bàn bạn quản lý."
ABOVE = "Bạn không được giao vai trò này."


@pytest.fixture
def people(world):
    labour = Agency.objects.create(
        unit=world.thanh_hoa, name=LABOUR, sector=Sector.LDTBXH,
        valid_to=datetime.date(2025, 2, 28), successor=world.health,
        succession_on=datetime.date(2025, 3, 1), succession_basis="Nghị định 45/2025/NĐ-CP")
    world.people["lien"] = person("lien", (world.health, "reporter"))
    world.people["vinh"] = person("vinh", (labour, "reviewer"), (labour, "manager"))
    world.people["anonymous"] = None
    return world


@dataclass(frozen=True)
class Sides:
    """The persona's own account and agency, and the other province's."""

    own_account: object
    other_account: object
    other_agency: Agency


def sides(w, persona: str) -> Sides:
    if persona == "tam":
        return Sides(w.people["ha"], w.people["dan"], w.health)
    return Sides(w.people["dan"], w.people["ha"], w.tra_vinh_health)


def create(client, w, s):
    return client.post(reverse("account_new"), {
        "username": "hoptien.moi", "full_name": "Lê Thị Hoa", "email": "hoa@example.vn",
        "agency": w.ubnd_a.pk, "role": "reporter"}, follow=True)


def deactivate(client, w, s):
    return client.post(reverse("account_deactivate", args=[w.people["dan"].pk]), follow=True)


def reset(client, w, s):
    return client.post(reverse("account_reset", args=[w.people["dan"].pk]), follow=True)


def bulk_import(client, w, s):
    book = workbook(["90001", "hoptien.xa", "Lê Thị Hoa", "hoa@example.vn"],
                    ["Phường Hạc Thành", "hacthanh.phuong", "Trần Văn Bình", ""])
    return client.post(reverse("accounts_import"), {"file": book}, follow=True)


def grant_above(client, w, s):
    """A manager's rank is the highest role there is: above it only an administrator."""
    return client.post(reverse("membership_grant", args=[s.own_account.pk]),
                       {"agency": w.health.pk, "role": "superuser"}, follow=True)


def grant_outside(client, w, s):
    return client.post(reverse("membership_grant", args=[s.own_account.pk]),
                       {"agency": s.other_agency.pk, "role": "viewer"}, follow=True)


def edit_other_province(client, w, s):
    return client.post(reverse("membership_grant", args=[s.other_account.pk]),
                       {"agency": s.other_agency.pk, "role": "viewer"}, follow=True)


ACTIONS = {"create": create, "deactivate": deactivate, "reset password": reset,
           "import communes": bulk_import, "grant above own": grant_above,
           "grant outside territory": grant_outside,
           "edit another province's account": edit_other_province}


def created(w, s):
    user = get_user_model().objects.get(username="hoptien.moi")
    return user.profile.must_change_password and list(user.memberships.values_list(
        "agency", "role")) == [(w.ubnd_a.pk, "reporter")]


def locked(w, s):
    return not get_user_model().objects.get(pk=w.people["dan"].pk).is_active


def password_reset(w, s):
    dan = get_user_model().objects.get(pk=w.people["dan"].pk)
    return dan.password != "!" and dan.profile.must_change_password


def imported(w, s):
    return set(Membership.objects.filter(user__username__in=["hoptien.xa", "hacthanh.phuong"])
               .values_list("agency", "role")) == {(w.ubnd_a.pk, "reporter"),
                                                   (w.ubnd_b.pk, "reporter")}


def granted_outside(w, s):
    return Membership.objects.filter(user=s.own_account, agency=s.other_agency,
                                     role="viewer").exists()


def granted_other(w, s):
    return Membership.objects.filter(user=s.other_account, agency=s.other_agency,
                                     role="viewer").exists()


DONE = {"create": created, "deactivate": locked, "reset password": password_reset,
        "import communes": imported, "grant outside territory": granted_outside,
        "edit another province's account": granted_other}

SIGN_IN = ("sign in", None)
FORBIDDEN = (403, NOT_MANAGER)
OK = ("ok", None)
# persona → action → OK, SIGN_IN, or (status, message) of the refusal.
EXPECTED = {
    "anonymous": dict.fromkeys(ACTIONS, SIGN_IN),
    "dan": dict.fromkeys(ACTIONS, FORBIDDEN),
    "lien": dict.fromkeys(ACTIONS, FORBIDDEN),
    "ngoc": dict.fromkeys(ACTIONS, FORBIDDEN),
    "vinh": dict.fromkeys(ACTIONS, FORBIDDEN),  # a dissolved office runs no one
    "mai": {"create": OK, "deactivate": OK, "reset password": OK, "import communes": OK,
            "grant above own": (200, ABOVE), "grant outside territory": (200, OUTSIDE),
            "edit another province's account": (404, None)},
    "tam": {"create": (200, OUTSIDE), "deactivate": (404, None),
            "reset password": (404, None),
            "import communes": (200, "Dòng 2: không có xã mã 90001 trong địa bàn bạn quản lý"),
            "grant above own": (200, ABOVE), "grant outside territory": (200, OUTSIDE),
            "edit another province's account": (404, None)},
    "admin": {**dict.fromkeys(ACTIONS, OK), "grant above own": (200, ABOVE)},
}
CASES = [pytest.param(persona, action, outcome, id=f"{persona}-{action}")
         for persona, outcomes in EXPECTED.items() for action, outcome in outcomes.items()]


def test_the_table_has_every_persona_and_action():
    assert len(CASES) == 8 * 7
    assert {len(outcomes) for outcomes in EXPECTED.values()} == {len(ACTIONS)}
    assert sum(outcome == OK for _, _, outcome in (c.values for c in CASES)) == 4 + 6


@pytest.mark.parametrize(("persona", "action", "outcome"), CASES)
def test_persona_action(client, client_for, people, persona, action, outcome):
    user = people.people[persona]
    http = client_for(user) if user is not None else client
    own = sides(people, persona)
    before = (snapshot(), Agency.objects.count())
    response = ACTIONS[action](http, people, own)
    page = response.content.decode()
    if outcome == OK:
        assert response.status_code == 200
        assert DONE[action](people, own)
        assert snapshot() != before[0]
        return
    if outcome == SIGN_IN:
        assert response.redirect_chain[-1][0].startswith(reverse("login"))
    else:
        status, message = outcome
        assert response.status_code == status
        if message:
            assert message in page
    assert (snapshot(), Agency.objects.count()) == before
