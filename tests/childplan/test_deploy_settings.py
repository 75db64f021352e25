"""Production settings: `check --deploy` clean, the security headers on every page, and the
settings a TLS reverse proxy needs (SECURE_PROXY_SSL_HEADER, CSRF_TRUSTED_ORIGINS)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

PRODUCTION = {
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "x7Qp2vLm9Rt4" * 4,
    "ALLOWED_HOSTS": "childplan.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://childplan.example.vn",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def run(args: list[str], **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
                          "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT",
                          "SECURE_HSTS_SECONDS", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    # Silenced: only the reminder to submit the domain to the browsers' HSTS preload list.
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021"]
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_check_deploy_would_warn_without_https():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 **PRODUCTION, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0")

    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_the_proxy_header_is_read_from_the_environment():
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'childplan.settings'; "
            "django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)")
    result = run(["-c", code], **PRODUCTION)

    assert result.stdout.strip() == ("('HTTP_X_FORWARDED_PROTO', 'https') "
                                     "['https://childplan.example.vn'] True True 31536000")


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    response = client.get(reverse("login"), secure=True)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(reverse("login"))

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{reverse('login')}"


def proxied_sign_in(*, host: str, **extra):
    """A sign-in as the TLS proxy forwards it: plain HTTP to gunicorn, X-Forwarded-Proto set."""
    client = Client(enforce_csrf_checks=True)
    headers = {"HTTP_HOST": host, "HTTP_X_FORWARDED_PROTO": "https", **extra}
    client.get(reverse("login"), **headers)
    return client.post(reverse("login"), {
        "username": "alice", "password": PASSWORD,
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
    }, HTTP_ORIGIN="https://childplan.example.vn", **headers)


@pytest.fixture
def behind_a_proxy(settings):
    settings.ALLOWED_HOSTS = ["childplan.example.vn", "web"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.django_db
def test_behind_a_tls_proxy_that_passes_the_host_sign_in_works(behind_a_proxy, alice):
    assert proxied_sign_in(host="childplan.example.vn").status_code == 302


@pytest.mark.django_db
def test_without_the_proxy_header_setting_sign_in_is_a_csrf_refusal(behind_a_proxy, alice,
                                                                    settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.SECURE_SSL_REDIRECT = False

    response = proxied_sign_in(host="childplan.example.vn")

    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


@pytest.mark.django_db
def test_a_proxy_that_rewrites_the_host_needs_csrf_trusted_origins(behind_a_proxy, alice,
                                                                   settings):
    assert proxied_sign_in(host="web").status_code == 403

    settings.CSRF_TRUSTED_ORIGINS = ["https://childplan.example.vn"]
    assert proxied_sign_in(host="web").status_code == 302
