"""With DEBUG off (as in production), refused and failed requests get Vietnamese pages:
400, 403 (and a failed CSRF check), 404, 500; the 500 page needs neither the database nor a
request."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_tests_run_with_debug_off():
    assert settings.DEBUG is False


def test_a_page_that_does_not_exist(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Not Found" not in html


def test_a_request_for_another_host_is_a_bad_request(client):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert "Bad Request" not in html


def test_a_signed_in_account_without_a_role_is_refused_in_vietnamese(client_for, charlie):
    response = client_for(charlie).get(reverse("plan_list"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html
    assert "Tài khoản chưa được phân quyền cho cơ quan nào." in html


def test_a_form_sent_without_its_csrf_token_is_refused_in_vietnamese(alice):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # the CSRF cookie, but the form below lacks the token

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Không gửi được biểu mẫu" in html
    assert "Số liệu vừa nhập chưa được lưu" in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert "_auth_user_id" not in client.session


def test_a_browser_refusing_cookies_is_told_so(alice):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 403
    assert "chưa cho phép cookie" in response.content.decode()


@pytest.mark.urls("tests.childplan.failing_urls")
def test_a_server_error_is_a_vietnamese_page_even_when_the_database_fails():
    client = Client(raise_request_exception=False)

    response = client.get("/loi-may-chu/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ" in html
    assert "Server Error" not in html
    assert "/static/css/childplan.css" in html


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    from django.template.loader import render_to_string

    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Lỗi máy chủ" in html
