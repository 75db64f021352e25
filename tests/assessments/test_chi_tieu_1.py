"""Chỉ tiêu 1 from the recognitions: the dashboard and the workbook show the hand count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.services import assessment_recognise, assessment_refuse
from childplan.models import Plan
from indicators.models import Measure
from progress.models import Snapshot
from progress.rows import LABELS
from tests.assessments.conftest import figures, submitted
from tests.conftest import make_user
from tests.progress.factories import cycle, figure
from tests.progress.test_one_set_of_numbers import dashboard_row, workbook_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

DECIDED_ON = datetime.date(2026, 11, 25)


@pytest.fixture
def national():
    return Plan.objects.get(key="national-2021")


@pytest.fixture
def officer(national):
    return make_user("officer", agency=national.consolidating_agency, role="reviewer")


def decide(communes, xuan, thu, *, recognised: int, django_capture_on_commit_callbacks):
    """The first `recognised` communes recognised, the next refused, the last left out."""
    for index, unit in enumerate(communes[:-1]):
        assessment = submitted(unit, xuan, figures())
        with django_capture_on_commit_callbacks(execute=True):
            if index < recognised:
                assessment_recognise(assessment=assessment, by=thu,
                                     decision_number=f"{index + 1}/QĐ-UBND",
                                     decision_date=DECIDED_ON)
            else:
                assessment_refuse(assessment=assessment, by=thu, comment="Chưa đạt.")


@pytest.fixture
def reporter_everywhere(communes, xuan):
    from agencies.models import Membership

    for unit in communes[1:]:
        Membership.objects.create(user=xuan, agency=unit.agencies.get(), role="reporter")
    return xuan


def test_it_computes_chi_tieu_1_from_the_recognitions(
        client, national, officer, province, communes, reporter_everywhere, thu, standard,
        django_capture_on_commit_callbacks):
    # Two of the province's four current communes recognised, one refused, one not assessed:
    # 2 / 4 = 50 %, against "đạt 65" in 2025 then "đạt 75" in 2030, by the recompute the
    # recognition queued.
    cycle(national, 2026)
    decide(communes, reporter_everywhere, thu, recognised=2,
           django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    measure = Measure.objects.get(code="1", plan=None)
    snapshot = Snapshot.objects.get(plan=national, unit=province, measure=measure, year=2026)
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (2, 4, 50)
    assert snapshot.computed and not snapshot.mismatch
    client.force_login(officer)
    shown = dashboard_row(client, national, province, "1")
    note = "Tính từ kết quả công nhận xã phù hợp với trẻ em: 2/4 xã."
    assert (shown.value, shown.note, shown.computed) == (Decimal(50), note, True)
    page = client.get(reverse("plan_progress", args=[national.pk]), {"unit": province.pk})
    assert "tính tự động" in page.content.decode()
    cells = workbook_row(client, national, province, "1", 2026, 2026)
    assert cells == {"value": 50.0, "status": LABELS[shown.status], "note": note}
    api = client.get("/api/v1/snapshots", {"plan": national.pk, "unit": province.code,
                                           "measure": "1", "year": 2026}).json()
    assert [(float(r["value"]), float(r["numerator"]), float(r["denominator"]), r["computed"])
            for r in api["items"]] == [(50.0, 2.0, 4.0, True)]


def test_it_gives_each_commune_its_own_verdict(
        client, national, officer, province, communes, reporter_everywhere, thu, standard,
        django_capture_on_commit_callbacks):
    from progress.models import CommuneStatus

    decide(communes, reporter_everywhere, thu, recognised=2,
           django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    client.force_login(officer)
    shown = [dashboard_row(client, national, unit, "1").value for unit in communes]
    assert shown == [100, 100, 0, None]  # recognised, recognised, refused, not assessed
    stored = dict(CommuneStatus.objects.filter(plan=national, measure__code="1",
                                               measure__plan=None)
                  .values_list("unit_id", "value"))
    assert stored == {communes[0].pk: 100, communes[1].pk: 100, communes[2].pk: 0}


def test_it_flags_a_typed_figure_that_disagrees(
        client, national, officer, province, communes, reporter_everywhere, thu, standard,
        django_capture_on_commit_callbacks):
    measure = Measure.objects.get(code="1", plan=None)
    figure(national, 2026, province, measure, 9, 10)  # the Sở typed 90 %
    decide(communes, reporter_everywhere, thu, recognised=3,
           django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    snapshot = Snapshot.objects.get(plan=national, unit=province, measure=measure, year=2026)
    assert (snapshot.value, snapshot.rollup_value, snapshot.mismatch) == (75, 90, True)
    client.force_login(officer)
    page = client.get(reverse("plan_progress", args=[national.pk]), {"unit": province.pk})
    assert "số nhập tay khác kết quả công nhận" in page.content.decode()


def test_it_keeps_the_typed_figure_of_a_year_without_decisions(
        client, officer, national, province, communes, standard):
    from progress.services import snapshots_recompute

    measure = Measure.objects.get(code="1", plan=None)
    figure(national, 2025, province, measure, 7, 10)
    snapshots_recompute(plan=national)
    snapshot = Snapshot.objects.get(plan=national, unit=province, measure=measure, year=2025)
    assert (snapshot.value, snapshot.computed) == (70, False)
    client.force_login(officer)
    api = client.get("/api/v1/snapshots", {"plan": national.pk, "unit": province.code,
                                           "measure": "1", "year": 2025}).json()
    assert [(float(r["value"]), r["computed"]) for r in api["items"]] == [(70.0, False)]


def test_the_api_schema_says_which_figures_are_computed(client):
    schema = client.get("/api/v1/openapi.json").json()
    snapshot = schema["components"]["schemas"]["SnapshotOut"]
    assert "computed" in snapshot["required"]
    assert snapshot["properties"]["computed"]["type"] == "boolean"
    assert "công nhận xã" in snapshot["properties"]["computed"]["description"]
