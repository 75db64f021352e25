"""A recognition undone: the province's reviewer revokes it with a reason, the assessment
waits for review again, and chỉ tiêu 1 drops the commune; nobody else can."""

from __future__ import annotations

import datetime

import pytest

from assessments.models import Assessment, Status
from assessments.services import assessment_recognise
from childplan.models import Plan
from indicators.models import Measure
from progress.models import Snapshot
from tests.assessments.conftest import MOMENT, figures, submitted
from tests.assessments.test_chi_tieu_1 import decide
from tests.conftest import make_user
from tests.progress.factories import cycle
from tests.progress.test_one_set_of_numbers import dashboard_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

REASON = "Số liệu chỉ số 3.1 bỏ sót một vụ xâm hại; quyết định công nhận bị hủy."


@pytest.fixture
def recognised(communes, xuan, thu, standard):
    assessment = submitted(communes[0], xuan, figures())
    return assessment_recognise(assessment=assessment, by=thu, decision_number="12/QĐ-UBND",
                                decision_date=datetime.date(2026, 11, 25), now=MOMENT)


def revoke(client, assessment, reason=REASON):
    return client.post(f"/xa-phu-hop-tre-em/{assessment.pk}/thu-hoi/", {"reason": reason},
                       follow=True)


def test_it_lets_the_province_reviewer_revoke_a_recognition(client_for, tam, recognised):
    page = revoke(client_for(tam), recognised).content.decode()
    assert "Đã thu hồi công nhận Phường Một năm 2026" in page
    assert 'id="assessment-status">Đã gửi thẩm định<' in page
    assert 'id="decision"' not in page
    assessment = Assessment.objects.get(pk=recognised.pk)
    assert (assessment.status, assessment.decision_number, assessment.decision_date) == (
        Status.SUBMITTED, "", None)
    event = assessment.events.get(action="revoke")
    assert (event.by, event.comment) == (tam, REASON)
    assert event.at > recognised.reviewed_at
    events = page.split("Các bước xử lý", 1)[1]
    assert "Thu hồi công nhận" in events and REASON in events


def test_it_asks_why(client_for, thu, recognised):
    page = revoke(client_for(thu), recognised, reason="  ").content.decode()
    assert "hãy ghi rõ lý do" in page
    assessment = Assessment.objects.get(pk=recognised.pk)
    assert (assessment.status, assessment.version) == (Status.RECOGNISED, recognised.version)


@pytest.mark.parametrize(("persona", "status_code"), [
    ("xuan", 403),   # the commune's own reporter reads it, does not decide
    ("yen", 404),    # another commune does not see it
    ("alice", 404),  # a provincial office reporter with no say on communes
    ("outsider", 404),  # a reviewer of another province
])
def test_it_refuses_a_revocation_by_anyone_else(request, client_for, recognised, persona,
                                                status_code):
    if persona == "outsider":
        from agencies.models import AdminUnit, Agency

        other = AdminUnit.objects.create(code="T99", name="Tỉnh Khác", level="province",
                                         valid_from=datetime.date(2025, 7, 1))
        user = make_user("outsider", agency=Agency.objects.create(
            name="Sở Y tế", sector="yte", unit=other), role="reviewer")
    else:
        user = request.getfixturevalue(persona)
    response = revoke(client_for(user), recognised)
    assert response.status_code == status_code
    assessment = Assessment.objects.get(pk=recognised.pk)
    assert (assessment.status, assessment.decision_number, assessment.version) == (
        Status.RECOGNISED, "12/QĐ-UBND", recognised.version)
    assert not assessment.events.filter(action="revoke").exists()


def test_it_refuses_to_revoke_what_is_not_recognised(client_for, thu, communes, xuan,
                                                     standard):
    waiting = submitted(communes[0], xuan, figures())
    page = revoke(client_for(thu), waiting).content.decode()
    assert "không thực hiện được thao tác này" in page
    assert not Assessment.objects.get(pk=waiting.pk).events.filter(action="revoke").exists()


def test_it_recomputes_chi_tieu_1_without_the_revoked_commune(
        client, province, communes, xuan, thu, tam, standard, django_capture_on_commit_callbacks):
    from agencies.models import Membership

    national = Plan.objects.get(key="national-2021")
    for unit in communes[1:]:
        Membership.objects.create(user=xuan, agency=unit.agencies.get(), role="reporter")
    cycle(national, 2026)
    decide(communes, xuan, thu, recognised=2,
           django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    measure = Measure.objects.get(code="1", plan=None)
    snapshot = Snapshot.objects.get(plan=national, unit=province, measure=measure, year=2026)
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (2, 4, 50)
    from assessments.services import assessment_revoke

    with django_capture_on_commit_callbacks(execute=True):
        assessment_revoke(assessment=Assessment.objects.get(unit=communes[1], year=2026),
                          by=tam, reason=REASON)
    # The recompute writes the year's snapshots afresh.
    snapshot = Snapshot.objects.get(plan=national, unit=province, measure=measure, year=2026)
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (1, 4, 25)
    assert snapshot.computed
    officer = make_user("officer", agency=national.consolidating_agency, role="reviewer")
    client.force_login(officer)
    assert dashboard_row(client, national, province, "1").value == 25
    assert dashboard_row(client, national, communes[1], "1").value is None


def test_it_offers_the_revocation_to_the_reviewer_only(client_for, xuan, thu, recognised):
    url = f"/xa-phu-hop-tre-em/{recognised.pk}/"
    assert 'id="revoke"' in client_for(thu).get(url).content.decode()
    assert 'id="revoke"' not in client_for(xuan).get(url).content.decode()
