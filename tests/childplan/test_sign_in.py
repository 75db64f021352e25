import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_signs_in_and_lands_on_the_plans(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan_list")
    assert "Đăng xuất" in response.content.decode()


def test_a_wrong_password_is_explained_in_vietnamese(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_it_signs_out(client_for, alice):
    client = client_for(alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("plan_list")).status_code == 302
