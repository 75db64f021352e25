"""A new account changes its temporary password at first sign-in; anyone resets by e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from agencies.models import AccountProfile
from agencies.services import NewAccount, account_create, account_reset_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hop-Tien-2026!"


@pytest.fixture
def newcomer(world):
    """A commune reporter just created by mai, and the temporary password mai handed over."""
    issued = account_create(by=world.people["mai"], agency=world.ubnd_a, role="reporter",
                            account=NewAccount("hoptien.xa", "Lê Thị Hoa", "hoa@example.vn"))
    return get_user_model().objects.get(username="hoptien.xa"), issued.password


def _sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "the sign-in failed"
    return client


def test_the_first_sign_in_leads_to_the_password_change_and_nowhere_else(newcomer):
    user, temporary = newcomer
    client = _sign_in(user.username, temporary)
    user.refresh_from_db()
    assert user.password.startswith("argon2")  # the cheap temporary hash is re-made at once
    for url in (reverse("plan_list"), reverse("my_reports")):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("password_change")
        assert "hãy đặt mật khẩu của riêng bạn" in response.content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": temporary, "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD}, follow=True)
    assert "Đã đổi mật khẩu." in response.content.decode()
    assert client.get(reverse("my_reports")).status_code == 200  # still signed in, free to go
    assert not AccountProfile.objects.get(user=user).must_change_password
    assert user.account_events.filter(action="password").exists()
    assert _sign_in(user.username, NEW_PASSWORD)


def test_signing_out_is_allowed_before_the_change(newcomer):
    user, temporary = newcomer
    client = _sign_in(user.username, temporary)
    client.post(reverse("logout"))
    assert client.get(reverse("plan_list")).url.startswith(reverse("login"))


def test_the_temporary_password_is_not_accepted_as_the_new_one_when_too_weak(newcomer):
    user, temporary = newcomer
    client = _sign_in(user.username, temporary)
    page = client.post(reverse("password_change"), {
        "old_password": temporary, "new_password1": "123", "new_password2": "123"}
    ).content.decode()
    assert "Đổi mật khẩu" in page
    assert AccountProfile.objects.get(user=user).must_change_password


def test_a_reset_by_the_manager_ends_the_user_s_session_and_asks_for_a_change(world, newcomer):
    user, temporary = newcomer
    client = _sign_in(user.username, temporary)
    client.post(reverse("password_change"), {"old_password": temporary,
                                             "new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    issued = account_reset_password(by=world.people["mai"], account=user)
    assert client.get(reverse("my_reports")).url.startswith(reverse("login"))
    again = _sign_in(user.username, issued.password)
    assert again.get(reverse("my_reports")).url == reverse("password_change")


def test_a_locked_account_cannot_sign_in_and_its_session_ends(world, newcomer, client_for):
    from agencies.services import account_deactivate

    user, temporary = newcomer
    client = _sign_in(user.username, temporary)
    account_deactivate(by=world.people["mai"], account=user)
    assert client.get(reverse("password_change")).url.startswith(reverse("login"))
    response = Client().post(reverse("login"), {"username": user.username,
                                                "password": temporary})
    assert response.status_code == 200  # the form again, with its error


def test_a_forgotten_password_is_reset_through_an_e_mailed_link(newcomer):
    user, _ = newcomer
    client = Client()
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "Quên mật khẩu?" in page
    response = client.post(reverse("password_reset"), {"email": "hoa@example.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[ChildPlan] Đặt lại mật khẩu" and message.to == ["hoa@example.vn"]
    link = re.search(r"http://testserver(/tai-khoan/dat-lai/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                                    "new_password2": NEW_PASSWORD}, follow=True)
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    # Chosen by the user: no change is asked at the next sign-in.
    assert not AccountProfile.objects.get(user=user).must_change_password
    assert _sign_in(user.username, NEW_PASSWORD).get(reverse("my_reports")).status_code == 200
    reused = client.get(link).content.decode()
    assert "không còn dùng được" in reused


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world):
    response = Client().post(reverse("password_reset"), {"email": "ai@example.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert mail.outbox == []
