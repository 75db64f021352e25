"""Every model has an admin page an administrator can open; members who are not staff cannot."""

import pytest
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

MODELS = [
    ("agencies", "adminunit"), ("agencies", "unitsuccession"), ("agencies", "agency"),
    ("agencies", "membership"), ("indicators", "goal"), ("indicators", "indicator"),
    ("indicators", "measure"), ("childplan", "plan"), ("childplan", "target"),
    ("childplan", "assignment"),
]


@pytest.mark.parametrize("app, model", MODELS)
def test_an_administrator_opens_the_list_and_a_record(client, app, model):
    from django.apps import apps

    admin = make_user("quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    record = apps.get_model(app, model).objects.first()
    if record is not None:
        url = reverse(f"admin:{app}_{model}_change", args=[record.pk])
        assert client.get(url).status_code == 200


def test_a_reviewer_is_not_let_into_the_admin(client_for, bob):
    response = client_for(bob).get(reverse("admin:childplan_plan_changelist"))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_the_admin_refuses_a_band_upside_down(client):
    from childplan.models import Plan, Target

    admin = make_user("quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    target = Target.objects.filter(plan__key="tra-vinh-2021", measure__code="1").first()
    response = client.post(reverse("admin:childplan_target_change", args=[target.pk]), {
        "plan": target.plan_id, "measure": target.measure_id, "year": 2025, "area": "all",
        "comparator": "band", "value": "70", "value_high": "60", "wording": "",
        "text": "", "position": 1,
    })
    assert response.status_code == 200
    assert "Cận dưới (70) lớn hơn cận trên (60)." in response.content.decode()
    target.refresh_from_db()
    assert target.comparator == ">="
    assert Plan.objects.filter(key="tra-vinh-2021").exists()
