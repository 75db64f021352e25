"""Password rules (at least 10 characters, not like the username, not all digits, not a common
password), said in Vietnamese; passwords hashed with Argon2id, old PBKDF2 hashes upgraded."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from childplan.seeding.demo import DEMO_PASSWORD
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def problems(password: str, username: str = "tonghop.travinh") -> list[str]:
    try:
        validate_password(password, User(username=username))
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize("password, username, expected", [
    ("83749201", "tonghop.travinh",
     ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự.", "Mật khẩu này hoàn toàn là số."]),
    ("8374920155", "tonghop.travinh", ["Mật khẩu này hoàn toàn là số."]),
    ("travinh2030", "tonghop.travinh", ["Mật khẩu quá giống với Tên đăng nhập."]),
    ("tonghop.travinh", "tonghop.travinh", ["Mật khẩu quá giống với Tên đăng nhập."]),
    ("yte.travinh1", "yte.travinh", ["Mật khẩu quá giống với Tên đăng nhập."]),
    ("password123", "alice", ["Mật khẩu này quá phổ biến."]),
    ("Tre@2030", "alice", ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự."]),
])
def test_weak_passwords_are_refused_in_vietnamese(password, username, expected):
    assert problems(password, username) == expected


@pytest.mark.parametrize("username", ["yte.travinh", "tonghop.travinh", "lanhdao.travinh",
                                      "quantri"])
def test_the_demo_password_is_valid_for_every_demo_account(username):
    assert len(DEMO_PASSWORD) == 10
    assert problems(DEMO_PASSWORD, username) == []


def test_a_long_password_of_words_is_accepted():
    assert problems("mua-he-o-ca-mau", "tonghop.travinh") == []


def test_the_admin_refuses_a_weak_password_for_a_new_account_and_says_why(client):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))

    response = client.post(reverse("admin:auth_user_add"), {
        "username": "canbo.moi", "usable_password": "true",
        "password1": "83749201", "password2": "83749201"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in html
    assert "Mật khẩu này hoàn toàn là số." in html
    assert not User.objects.filter(username="canbo.moi").exists()


def test_new_passwords_are_hashed_with_argon2id():
    user = make_user("an")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2id(client):
    user = make_user("an")
    User.objects.filter(pk=user.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    response = client.post(reverse("login"), {"username": "an", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
