"""The catalogue, plans and targets exported and imported through the admin's resources."""

from __future__ import annotations

from decimal import Decimal

import pytest
import tablib
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_catalogue_exports_with_keys_not_ids():
    from indicators.resources import MeasureResource

    rows = {(r["plan"], r["code"]): r for r in MeasureResource().export().dict}
    assert rows[("", "3a")]["indicator"] == 3
    assert rows[("", "3a")]["unit_kind"] == "per_1000"
    assert rows[("dien-bien-phu-2021", "DBP-6")]["unit_label"] == "xã/phường"
    assert "id" not in MeasureResource().export().headers


def test_targets_round_trip_and_an_edited_row_updates_in_place():
    from childplan.models import Target
    from childplan.resources import TargetResource

    exported = TargetResource().export(
        queryset=Target.objects.filter(plan__key="dien-bien-phu-2021"))
    rows = exported.dict
    local = next(r for r in rows if r["measure"] == "DBP-6")
    local["value"] = "14"
    data = tablib.Dataset(*[list(r.values()) for r in rows], headers=exported.headers)
    count = Target.objects.count()

    result = TargetResource().import_data(data, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 1 and result.totals["skip"] == len(rows) - 1
    assert Target.objects.count() == count
    target = Target.objects.get(plan__key="dien-bien-phu-2021", measure__code="DBP-6")
    assert target.value == Decimal(14)


def test_an_import_row_that_breaks_a_rule_is_refused_and_nothing_saved():
    from childplan.models import Target
    from childplan.resources import TargetResource

    headers = ["plan", "measure", "year", "area", "comparator", "value", "value_high",
               "baseline", "baseline_year", "wording", "text", "position"]
    data = tablib.Dataset(
        ["dien-bien-phu-2021", "DBP-6", "2024", "all", ">=", "5", "", "", "", "", "", "99"],
        ["dien-bien-phu-2021", "DBP-6", "2030", "all", ">=", "5", "", "", "", "", "", "99"],
        ["dien-bien-phu-2021", "XYZ", "2024", "all", ">=", "5", "", "", "", "", "", "99"],
        headers=headers)
    count = Target.objects.count()

    result = TargetResource().import_data(data, dry_run=False, raise_errors=False)

    assert result.has_validation_errors() or result.has_errors()
    messages = " ".join(str(e.error) for e in result.base_errors) + " ".join(
        str(m) for row in result.invalid_rows for ms in row.error_dict.values() for m in ms)
    messages += " ".join(str(e.error) for _, errors in result.row_errors() for e in errors)
    assert "Năm 2030 nằm ngoài giai đoạn của kế hoạch (2021–2025)." in messages
    assert "Không có chỉ tiêu đo lường mã «XYZ»" in messages
    assert Target.objects.count() == count


def test_a_new_goal_and_plan_import_by_their_keys():
    from childplan.models import Plan
    from childplan.resources import PlanResource
    from indicators.models import Goal
    from indicators.resources import GoalResource

    GoalResource().import_data(tablib.Dataset(["9", "Mục tiêu thử"], headers=["number", "name"]),
                               dry_run=False)
    assert Goal.objects.get(number=9).name == "Mục tiêu thử"

    exported = PlanResource().export(queryset=Plan.objects.filter(key="tra-vinh-2021")).dict[0]
    assert exported["unit"] == Plan.objects.get(key="tra-vinh-2021").unit.code
    exported.update(key="tra-vinh-copy", number="99/KH-UBND")
    result = PlanResource().import_data(
        tablib.Dataset(list(exported.values()), headers=list(exported)), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    copy = Plan.objects.get(key="tra-vinh-copy")
    assert copy.unit == Plan.objects.get(key="tra-vinh-2021").unit


@pytest.mark.parametrize("model", ["indicators/goal", "indicators/indicator",
                                   "indicators/measure", "childplan/plan", "childplan/target"])
def test_the_admin_offers_import_and_export(client, model):
    from tests.conftest import make_user

    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    app, name = model.split("/")
    for action in ("import", "export"):
        response = client.get(reverse(f"admin:{app}_{name}_{action}"))
        assert response.status_code == 200, (model, action)
    changelist = client.get(reverse(f"admin:{app}_{name}_changelist")).content.decode()
    assert reverse(f"admin:{app}_{name}_import") in changelist


def test_the_admin_exports_the_catalogue_as_xlsx(client):
    import io

    import openpyxl

    from tests.conftest import make_user

    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    url = reverse("admin:indicators_goal_export")
    page = client.get(url)
    xlsx = next(value for value, label in page.context["form"].fields["format"].choices
                if label == "xlsx")
    response = client.post(url, {"format": xlsx, "resource": 0, "goalresource_number": True,
                                 "goalresource_name": True, "export_items": []})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["number", "name"]
    assert sheet.max_row == 5
