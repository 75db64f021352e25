"""Downloads of figures (the summary workbook, a report's Excel template) are in the access log."""

import pytest
from django.urls import reverse

from agencies.models import AccessLog

pytestmark = pytest.mark.django_db


def test_the_summary_workbook_download_is_logged(client_for, bob, cycle):
    url = reverse("summary_export", args=[cycle.pk])
    response = client_for(bob).get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200

    row = AccessLog.objects.get(action="export")
    assert (row.user, row.ip, row.path) == (bob, "203.0.113.7", url)
    assert row.subject.endswith(".xlsx")


def test_the_template_download_is_logged(client_for, alice, report):
    url = reverse("report_excel_template", args=[report.pk])
    assert client_for(alice).get(url).status_code == 200

    row = AccessLog.objects.get(action="export")
    assert (row.user, row.path) == (alice, url)


def test_a_refused_download_logs_no_export(client_for, dung, report):
    response = client_for(dung).get(reverse("report_excel_template", args=[report.pk]))

    assert response.status_code in (403, 404)
    assert not AccessLog.objects.filter(action="export").exists()
