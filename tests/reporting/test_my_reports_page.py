""""Báo cáo của tôi" and the form: the deadline told only while something is left to send,
and the Excel upload one click away."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.reporting.conftest import HEALTH_FIGURES, form_data

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC)
AFTER_DEADLINE = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def test_an_approved_report_is_not_shown_overdue(clock, client_for, alice, bob, report):
    with clock(BEFORE_DEADLINE):
        client_for(alice).post(reverse("report_submit", args=[report.pk]),
                               form_data(report, HEALTH_FIGURES))
        client_for(bob).post(reverse("report_approve", args=[report.pk]))
    with clock(AFTER_DEADLINE):
        page = client_for(alice).get(reverse("my_reports")).content.decode()
    assert "Đã duyệt" in page
    assert "quá hạn" not in page
    assert "đã nộp tất cả báo cáo" in page


def test_a_report_still_to_send_is_shown_overdue(clock, client_for, alice, report):
    with clock(AFTER_DEADLINE):
        page = client_for(alice).get(reverse("my_reports")).content.decode()
    assert '<span class="countdown overdue">quá hạn 10 ngày</span>' in page


def test_the_upload_is_linked_from_the_list_and_the_form(client_for, alice, report):
    client = client_for(alice)
    upload = reverse("report_excel_upload", args=[report.pk])
    listed = client.get(reverse("my_reports")).content.decode()
    assert f'<a href="{upload}">Nhập từ Excel</a>' in listed
    form = client.get(reverse("report_edit", args=[report.pk])).content.decode()
    assert f'<a href="{upload}">Nhập từ tệp Excel</a>' in form


def test_a_get_on_an_action_gets_a_vietnamese_page(client_for, alice, report):
    response = client_for(alice).get(reverse("report_submit", args=[report.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Địa chỉ này chỉ dùng để gửi biểu mẫu" in page
    assert '<html lang="vi">' in page


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    from django.contrib.staticfiles import finders

    assert response.status_code == 301
    assert response.url.endswith("favicon.svg")
    assert finders.find("favicon.svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get(
        reverse("login")).content.decode()
