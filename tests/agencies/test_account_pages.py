"""The account pages (quản lý người dùng) through HTTP, as an account manager uses them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import AccountEvent, Membership
from tests.agencies.test_account_services import snapshot

pytestmark = pytest.mark.django_db


def _id(world, name):
    return world.people[name].pk


def test_the_manager_lists_the_accounts_of_the_territory(client_for, world):
    page = client_for(world.people["mai"]).get(reverse("account_list")).content.decode()
    for inside in ("dan", "kim", "root", "xuan", "mai"):
        assert f'data-account="{inside}"' in page
    assert 'data-account="ha"' not in page and 'data-account="tam"' not in page
    assert 'href="/quan-ly/nguoi-dung/"' in page  # the navigation offers the page


@pytest.mark.parametrize("persona", ["ngoc", "cuong", "charlie"])
def test_anyone_else_is_refused_every_account_page(client_for, world, persona):
    client = client_for(world.people[persona])
    before = snapshot()
    dan = _id(world, "dan")
    for url in (reverse("account_list"), reverse("account_new"), reverse("accounts_import"),
                reverse("account_detail", args=[dan])):
        assert client.get(url).status_code == 403
    for url in (reverse("account_deactivate", args=[dan]), reverse("account_reset", args=[dan])):
        assert client.post(url).status_code == 403
    assert snapshot() == before
    page = client.get(reverse("plan_list")).content.decode()
    assert 'href="/quan-ly/nguoi-dung/"' not in page


def test_a_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("account_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_account_outside_the_territory_does_not_exist_for_the_manager(client_for, world):
    client = client_for(world.people["mai"])
    before = snapshot()
    ha = _id(world, "ha")
    assert client.get(reverse("account_detail", args=[ha])).status_code == 404
    assert client.post(reverse("account_deactivate", args=[ha])).status_code == 404
    assert snapshot() == before


def test_creating_an_account_shows_its_temporary_password_once(client_for, world):
    client = client_for(world.people["mai"])
    response = client.post(reverse("account_new"), {
        "username": "hoptien.xa", "full_name": "Lê Thị Hoa", "email": "hoa@example.vn",
        "agency": world.ubnd_a.pk, "role": "reporter"})
    assert response.status_code == 302 and response.url == reverse("account_issued")
    page = client.get(response.url).content.decode()
    user = get_user_model().objects.get(username="hoptien.xa")
    password = page.split('<code class="password">')[1].split("</code>")[0]
    assert user.check_password(password)
    assert "chỉ hiện <strong>một lần</strong>" in page
    assert client.get(reverse("account_issued")).status_code == 302  # gone once read


def test_the_create_form_names_a_bad_field_and_creates_nothing(client_for, world):
    before = snapshot()
    response = client_for(world.people["mai"]).post(reverse("account_new"), {
        "username": "Lê Hoa", "full_name": "", "email": "hoa@", "agency": world.ubnd_a.pk,
        "role": "reporter"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ." in page
    assert "Hãy ghi họ và tên." in page
    assert "Tên đăng nhập «Lê Hoa» chỉ được gồm chữ không dấu" in page
    assert snapshot() == before


def test_the_form_offers_only_the_territory_and_refuses_an_agency_outside_it(client_for, world):
    client = client_for(world.people["mai"])
    page = client.get(reverse("account_new")).content.decode()
    assert "Ủy ban nhân dân xã Hợp Tiến — Xã Hợp Tiến" in page
    assert "Trà Vinh" not in page
    before = snapshot()
    response = client.post(reverse("account_new"), {
        "username": "moi", "full_name": "Nguyễn Văn Mới", "agency": world.tra_vinh_health.pk,
        "role": "reporter"})
    assert "Cơ quan này nằm ngoài địa bàn bạn quản lý." in response.content.decode()
    assert snapshot() == before


def test_a_grant_outside_the_territory_is_refused(client_for, world):
    before = snapshot()
    response = client_for(world.people["mai"]).post(
        reverse("membership_grant", args=[_id(world, "xuan")]),
        {"agency": world.tra_vinh_health.pk, "role": "reviewer"}, follow=True)
    assert "Cơ quan này nằm ngoài địa bàn bạn quản lý." in response.content.decode()
    assert snapshot() == before


def test_locking_an_account_with_a_role_elsewhere_is_refused_with_its_reason(client_for, world):
    before = snapshot()
    response = client_for(world.people["mai"]).post(
        reverse("account_deactivate", args=[_id(world, "kim")]))
    assert response.status_code == 403
    assert "có vai trò ngoài quyền quản lý của bạn" in response.content.decode()
    assert snapshot() == before


def test_lock_unlock_grant_and_revoke_leave_a_trail(client_for, world):
    client = client_for(world.people["mai"])
    dan = world.people["dan"]
    client.post(reverse("account_deactivate", args=[dan.pk]))
    dan.refresh_from_db()
    assert not dan.is_active
    client.post(reverse("account_reactivate", args=[dan.pk]))
    client.post(reverse("membership_grant", args=[dan.pk]),
                {"agency": world.health.pk, "role": "viewer"})
    granted = Membership.objects.get(user=dan, agency=world.health)
    client.post(reverse("membership_revoke", args=[dan.pk, granted.pk]))
    page = client.get(reverse("account_detail", args=[dan.pk])).content.decode()
    actions = list(AccountEvent.objects.filter(account=dan).order_by("pk")
                   .values_list("action", flat=True))
    assert actions == ["deactivate", "reactivate", "grant", "revoke"]
    assert "Khóa tài khoản" in page and "Giao vai trò" in page and "Thu hồi vai trò" in page


def test_a_reset_from_the_page_shows_the_new_temporary_password(client_for, world):
    client = client_for(world.people["mai"])
    response = client.post(reverse("account_reset", args=[_id(world, "dan")]), follow=True)
    page = response.content.decode()
    assert 'data-account="dan"' in page and '<code class="password">' in page
