"""Who may change which account: every persona × every account action, through the services.

An allowed action changes something; a refused one raises AccountRefused (a 403 with its
Vietnamese reason on the pages) and leaves every account, role, profile and event as it was.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from agencies.access import AccountRefused
from agencies.models import AccountEvent, AccountProfile, Membership
from agencies.services import (
    NewAccount,
    account_create,
    account_deactivate,
    account_reset_password,
    membership_grant,
    membership_revoke,
)

pytestmark = pytest.mark.django_db


def _create(agency, role="reporter"):
    return lambda by, w: account_create(by=by, account=NewAccount("moi", "Nguyễn Văn Mới"),
                                        agency=agency(w), role=role)


ACTIONS = {
    "create at Sở Y tế tỉnh": _create(lambda w: w.health),
    "create in commune A": _create(lambda w: w.ubnd_a),
    "create at Sở Y tế Trà Vinh": _create(lambda w: w.tra_vinh_health),
    "create a manager in commune B": _create(lambda w: w.ubnd_b, "manager"),
    "create with a role that is no role": _create(lambda w: w.ubnd_b, "superuser"),
    "give dan a reviewer role at Sở Y tế tỉnh": lambda by, w: membership_grant(
        by=by, account=w.people["dan"], agency=w.health, role="reviewer"),
    "give dan a role in Trà Vinh": lambda by, w: membership_grant(
        by=by, account=w.people["dan"], agency=w.tra_vinh_health, role="reviewer"),
    "give themself a manager role in commune B": lambda by, w: membership_grant(
        by=by, account=by, agency=w.ubnd_b, role="manager"),
    "lock dan": lambda by, w: account_deactivate(by=by, account=w.people["dan"]),
    "lock ha (Trà Vinh)": lambda by, w: account_deactivate(by=by, account=w.people["ha"]),
    "lock kim (commune B and Trà Vinh)": lambda by, w: account_deactivate(
        by=by, account=w.people["kim"]),
    "reset dan's password": lambda by, w: account_reset_password(by=by, account=w.people["dan"]),
    "reset root's password (staff)": lambda by, w: account_reset_password(
        by=by, account=w.people["root"]),
    "take kim's Trà Vinh role away": lambda by, w: membership_revoke(
        by=by, membership=w.people["kim"].memberships.get(agency=w.tra_vinh_health)),
}
ALLOWED = {
    "mai": {"create at Sở Y tế tỉnh", "create in commune A", "create a manager in commune B",
            "give dan a reviewer role at Sở Y tế tỉnh", "lock dan", "reset dan's password"},
    "xuan": {"create in commune A"},
    "tam": {"create at Sở Y tế Trà Vinh", "lock ha (Trà Vinh)"},
    "admin": set(ACTIONS) - {"create with a role that is no role",
                             "give themself a manager role in commune B"},
    "ngoc": set(),  # a reviewer, not an account manager
    "cuong": set(),  # manager of a dissolved office
    "charlie": set(),
}
CASES = [pytest.param(persona, action, action in allowed, id=f"{persona}-{action}")
         for persona, allowed in ALLOWED.items() for action in ACTIONS]


def snapshot() -> tuple:
    users = list(get_user_model().objects.order_by("pk").values_list(
        "username", "is_active", "is_staff", "is_superuser", "password", "email"))
    roles = list(Membership.objects.order_by("pk").values_list("user", "agency", "role"))
    profiles = list(AccountProfile.objects.order_by("pk").values_list(
        "user", "must_change_password"))
    return users, roles, profiles, AccountEvent.objects.count()


@pytest.mark.parametrize(("persona", "action", "allowed"), CASES)
def test_persona_action(world, persona, action, allowed):
    before = snapshot()
    act = ACTIONS[action]
    if allowed:
        act(world.people[persona], world)
        after = snapshot()
        assert after != before
        assert after[3] == before[3] + 1  # one event names who did it
    else:
        with pytest.raises(AccountRefused) as refusal:
            act(world.people[persona], world)
        assert str(refusal.value)  # a reason for the page
        assert snapshot() == before


def test_the_matrix_covers_every_persona_and_action():
    assert len(CASES) == 7 * 14 == 98
    assert sum(1 for case in CASES if not case.values[2]) == 98 - 6 - 1 - 2 - 12


@pytest.mark.parametrize(("persona", "action", "reason"), [
    ("mai", "create at Sở Y tế Trà Vinh", "nằm ngoài địa bàn bạn quản lý"),
    ("xuan", "create at Sở Y tế tỉnh", "nằm ngoài địa bàn bạn quản lý"),
    ("mai", "lock kim (commune B and Trà Vinh)", "có vai trò ngoài quyền quản lý của bạn"),
    ("mai", "reset root's password (staff)", "chỉ quản trị viên thay đổi được"),
    ("mai", "give themself a manager role in commune B", "chính mình"),
    ("mai", "create with a role that is no role", "không phải một vai trò"),
    ("ngoc", "lock dan", "không có quyền quản lý tài khoản"),
    ("cuong", "lock dan", "không có quyền quản lý tài khoản"),
])
def test_a_refusal_says_why(world, persona, action, reason):
    with pytest.raises(AccountRefused, match=reason):
        ACTIONS[action](world.people[persona], world)


def test_a_new_account_has_one_role_and_must_change_its_temporary_password(world):
    issued = account_create(by=world.people["mai"], agency=world.ubnd_a, role="reporter",
                            account=NewAccount("hoptien.xa", "Lê Thị Hoa", "hoa@example.vn"))
    user = get_user_model().objects.get(username="hoptien.xa")
    assert (user.first_name, user.last_name) == ("Hoa", "Lê Thị")
    assert user.check_password(issued.password) and len(issued.password) == 12
    assert user.profile.must_change_password and user.profile.created_by == world.people["mai"]
    assert list(user.memberships.values_list("agency__name", "role")) == [
        ("Ủy ban nhân dân xã Hợp Tiến", "reporter")]


def test_a_taken_username_is_named_and_nothing_is_created(world):
    from django.core.exceptions import ValidationError

    before = snapshot()
    with pytest.raises(ValidationError) as error:
        account_create(by=world.people["mai"], agency=world.ubnd_a, role="reporter",
                       account=NewAccount("DAN", "Trần Văn Dân"))
    assert "«DAN» đã có người dùng" in str(error.value)
    assert snapshot() == before


def test_the_last_role_of_an_account_is_not_taken_away(world):
    before = snapshot()
    with pytest.raises(AccountRefused, match="vai trò cuối cùng"):
        membership_revoke(by=world.people["mai"], membership=world.people["dan"].memberships.get())
    assert snapshot() == before


def test_a_reset_gives_a_new_temporary_password_and_asks_for_a_change_again(world):
    dan = world.people["dan"]
    issued = account_reset_password(by=world.people["mai"], account=dan)
    dan.refresh_from_db()
    assert dan.check_password(issued.password)
    assert AccountProfile.objects.get(user=dan).must_change_password


def test_a_locked_account_is_not_reset_before_it_is_unlocked(world):
    mai, dan = world.people["mai"], world.people["dan"]
    account_deactivate(by=mai, account=dan)
    before = snapshot()
    with pytest.raises(AccountRefused, match="mở khóa"):
        account_reset_password(by=mai, account=dan)
    assert snapshot() == before


def test_the_territory_of_today_s_province_reaches_its_old_units(world, trieu_son_plan):
    from agencies.access import account_authority

    units = account_authority(world.people["mai"]).unit_ids
    assert {world.commune_a.pk, world.commune_b.pk, trieu_son_plan.unit_id} <= units
    assert trieu_son_plan.unit.parent_id in units  # the old Thanh Hóa province
    assert world.other_commune.pk not in units
    assert world.tra_vinh_health.unit_id not in units


def test_no_new_role_is_given_at_a_dissolved_office_of_the_territory(world, trieu_son_plan):
    from agencies.models import Agency

    retired = Agency.objects.get(unit=trieu_son_plan.unit,
                                 name="Phòng Lao động - Thương binh và Xã hội")
    before = snapshot()
    for act in (lambda: membership_grant(by=world.people["mai"], account=world.people["dan"],
                                         agency=retired, role="reviewer"),
                lambda: account_create(by=world.people["mai"], agency=retired, role="reporter",
                                       account=NewAccount("moi", "Nguyễn Văn Mới"))):
        with pytest.raises(AccountRefused, match="không còn hoạt động"):
            act()
    assert snapshot() == before
    # Its former staff stay in the manager's hands: cuong (its manager) can be locked.
    account_deactivate(by=world.people["mai"], account=world.people["cuong"])
    assert not get_user_model().objects.get(username="cuong").is_active


@pytest.mark.parametrize("act", [account_deactivate, account_reset_password])
def test_an_account_with_no_role_in_the_territory_is_not_the_manager_s(world, act):
    before = snapshot()
    with pytest.raises(AccountRefused, match="không có vai trò nào trong địa bàn"):
        act(by=world.people["mai"], account=world.people["charlie"])
    assert snapshot() == before


def test_a_locked_account_is_not_named_locked_to_someone_without_authority(world):
    account_deactivate(by=world.people["mai"], account=world.people["dan"])
    with pytest.raises(AccountRefused, match="ngoài quyền quản lý"):
        account_reset_password(by=world.people["tam"], account=world.people["dan"])
