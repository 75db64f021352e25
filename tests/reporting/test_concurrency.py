"""Two people, one report: a save from a stale page is refused and overwrites nothing."""

from __future__ import annotations

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from reporting.models import Report, ReportEvent, ReportStatus, Value
from reporting.services import ReportConflict, report_save, report_submit
from tests.conftest import load_seed, make_user
from tests.reporting.conftest import entry_for, form_data


@pytest.fixture
def colleague(report):
    return make_user("an", agency=report.agency, role="reporter", first_name="An")


@pytest.mark.django_db
def test_a_save_from_a_stale_page_is_refused(client_for, alice, colleague, report):
    stale = form_data(report, {"6": {"value": "1,9"}})  # alice's page, opened first
    client_for(colleague).post(reverse("report_edit", args=[report.pk]),
                               form_data(report, {"6": {"value": "2,2"}}))
    response = client_for(alice).post(reverse("report_edit", args=[report.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo vừa được cập nhật bởi An" in page
    assert "CHƯA được lưu" in page
    assert Value.objects.get(report=report, measure__code="6").value == Decimal("2.2")
    assert 'value="1,9"' in page  # what alice typed stays on her screen


@pytest.mark.django_db
def test_a_submit_from_a_stale_page_is_refused(client_for, alice, colleague, report):
    stale = form_data(report, {"6": {"value": "1,9"}})
    client_for(colleague).post(reverse("report_edit", args=[report.pk]),
                               form_data(report, {"6": {"value": "2,2"}}))
    client_for(alice).post(reverse("report_submit", args=[report.pk]), stale)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert Value.objects.get(report=report, measure__code="6").value == Decimal("2.2")


@pytest.mark.django_db
def test_a_double_clicked_submit_submits_once(client_for, alice, report):
    client = client_for(alice)
    data = form_data(report, {"6": {"value": "1,9"}})
    first = client.post(reverse("report_submit", args=[report.pk]), data)
    second = client.post(reverse("report_submit", args=[report.pk]), data, follow=True)
    assert first.status_code == 302
    assert "đã được nộp" in second.content.decode()
    assert ReportEvent.objects.filter(report=report, action="submit").count() == 1


@pytest.mark.django_db
def test_the_service_refuses_a_stale_version_and_writes_nothing(alice, report):
    version = report.version
    report_save(report=report, by=alice, version=version, entry=entry_for(report, {"6": "2.2"}))
    with pytest.raises(ReportConflict):
        report_save(report=report, by=alice, version=version,
                    entry=entry_for(report, {"6": "1.9", "3a": "1.5"}))
    with pytest.raises(ReportConflict):
        report_submit(report=report, by=alice, version=version)
    assert list(Value.objects.filter(report=report).values_list("measure__code", "value")) == [
        ("6", Decimal("2.2"))]
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_on_postgresql_one_wins():
    """The second UPDATE waits for the first transaction's row lock, then finds the version
    moved on: it changes nothing, and its figures are not written."""
    from childplan.models import Plan
    from reporting.services import cycle_open

    load_seed()
    cycle = cycle_open(plan=Plan.objects.get(key="tra-vinh-2021"), year=2026,
                       opens_on=datetime.date(2026, 10, 1))
    report = cycle.reports.get(agency__name="Sở Y tế")
    first_holds_lock = threading.Event()
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                report_save(report=Report.objects.get(pk=report.pk), by=None,
                            version=report.version, entry=entry_for(report, {"6": "2.2"}))
                first_holds_lock.set()
                time.sleep(0.5)  # the second save is now waiting on this row
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second():
        first_holds_lock.wait(5)
        try:
            report_save(report=Report.objects.get(pk=report.pk), by=None,
                        version=report.version, entry=entry_for(report, {"6": "1.9"}))
            outcome["second"] = "saved"
        except ReportConflict as error:
            outcome["second"] = str(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome["first"] == "saved"
    assert "CHƯA được lưu" in outcome["second"]
    assert Value.objects.get(report=report, measure__code="6").value == Decimal("2.2")
    assert Report.objects.get(pk=report.pk).version == report.version + 1
