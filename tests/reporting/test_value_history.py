"""Deleting a value in the admin keeps its history, and the history says who deleted it."""

import pytest
from django.urls import reverse

from reporting.models import Value
from reporting.services import report_save
from tests.conftest import make_user
from tests.reporting.conftest import entry_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_value(report, alice):
    report_save(report=report, by=alice, version=report.version,
                entry=entry_for(report, {"6": "1.9"}))
    return report.values.get(measure__code="6")


def test_a_value_deleted_in_the_admin_keeps_its_history_and_who_deleted_it(client, saved_value,
                                                                            alice):
    admin = make_user("quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    pk = saved_value.pk

    response = client.post(reverse("admin:reporting_value_delete", args=[pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Value.objects.filter(pk=pk).exists()
    history = list(Value.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [h.history_type for h in history] == ["+", "-"]
    assert history[0].value == history[-1].value == saved_value.value
    assert history[-1].history_user == admin


def test_the_deleted_value_is_listed_in_the_admin_history(client, saved_value):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    client.post(reverse("admin:reporting_value_delete", args=[saved_value.pk]), {"post": "yes"})

    page = client.get(reverse("admin:reporting_value_history", args=[saved_value.pk]))

    assert page.status_code == 200
    assert "quantri" in page.content.decode()
