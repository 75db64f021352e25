"""Importing and exporting through the admin needs the model's permissions (change to import,
view to export): a staff account without them can neither read all plans out nor write a
plan's consolidating agency (who approves its reports) back in.

Personas: nhanvien, staff without any permission; soan, staff who may view and change plans.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Agency
from childplan.models import Plan
from childplan.resources import PlanResource
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

MODELS = ["indicators/goal", "indicators/indicator", "indicators/measure", "childplan/plan",
          "childplan/target"]


@pytest.fixture
def nhanvien():
    return make_user("nhanvien", is_staff=True)


@pytest.fixture
def soan():
    user = make_user("soan", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="childplan", codename__in=["view_plan", "change_plan"]))
    return user


@pytest.fixture
def plan_with_another_approver(tra_vinh_plan):
    """The Trà Vinh plan as CSV, its consolidating agency changed to Sở Y tế."""
    health = Agency.objects.get(unit=tra_vinh_plan.unit, name="Sở Y tế")
    rows = PlanResource().export(queryset=Plan.objects.filter(pk=tra_vinh_plan.pk))
    column = rows.headers.index("consolidating_agency")
    rows[0] = tuple(health.pk if i == column else v for i, v in enumerate(rows[0]))
    return health, SimpleUploadedFile("ke-hoach.csv", rows.csv.encode(), "text/csv")


def csv_format(client, url) -> str:
    page = client.get(url)
    return next(value for value, label in page.context["form"].fields["format"].choices
                if label == "csv")


@pytest.mark.parametrize("model", MODELS)
def test_staff_without_permissions_are_refused_import_and_export(client, nhanvien, model):
    client.force_login(nhanvien)
    app, name = model.split("/")
    for action in ("import", "export", "process_import"):
        url = reverse(f"admin:{app}_{name}_{action}")
        responses = [client.post(url, {"format": 0, "resource": 0})]
        if action != "process_import":  # a POST-only step
            responses.append(client.get(url))
        for response in responses:
            assert response.status_code == 403, (model, action)
            assert "Không có quyền truy cập" in response.content.decode()


def test_an_edited_consolidating_agency_imported_without_permission_changes_nothing(
        client, nhanvien, tra_vinh_plan, plan_with_another_approver):
    approver = tra_vinh_plan.consolidating_agency
    _, upload = plan_with_another_approver
    client.force_login(nhanvien)

    response = client.post(reverse("admin:childplan_plan_import"),
                           {"format": 0, "resource": 0, "import_file": upload})
    confirm = client.post(reverse("admin:childplan_plan_process_import"), {
        "format": 0, "resource": 0, "import_file_name": "ke-hoach.csv",
        "original_file_name": "ke-hoach.csv"})

    assert (response.status_code, confirm.status_code) == (403, 403)
    tra_vinh_plan.refresh_from_db()
    assert tra_vinh_plan.consolidating_agency == approver


def test_view_permission_exports_but_does_not_import(client, tra_vinh_plan):
    viewer = make_user("xem", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_plan"))
    client.force_login(viewer)

    assert client.get(reverse("admin:childplan_plan_export")).status_code == 200
    assert client.get(reverse("admin:childplan_plan_import")).status_code == 403
    changelist = client.get(reverse("admin:childplan_plan_changelist")).content.decode()
    assert reverse("admin:childplan_plan_export") in changelist
    assert reverse("admin:childplan_plan_import") not in changelist


def test_staff_with_the_change_permission_import_through_the_admin(
        client, soan, tra_vinh_plan, plan_with_another_approver):
    health, upload = plan_with_another_approver
    client.force_login(soan)
    url = reverse("admin:childplan_plan_import")

    preview = client.post(url, {"format": csv_format(client, url), "resource": 0,
                                "import_file": upload})
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    done = client.post(reverse("admin:childplan_plan_process_import"),
                       {**confirm.initial, "resource": 0})

    assert done.status_code == 302
    tra_vinh_plan.refresh_from_db()
    assert tra_vinh_plan.consolidating_agency == health
