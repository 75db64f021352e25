"""Pages that list reports read them in a fixed number of queries, however many there are.

Each page is measured with few reports and with more; the count must not grow, and it is
pinned so that a new N+1 shows up here first.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.services import cycle_open, report_submit
from tests.reporting.conftest import entry_for

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 10, 2, 0, tzinfo=datetime.UTC)


def count(client, url: str) -> int:
    client.get(url)  # the first request after signing in also touches the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def submit_all(cycle, by):
    for report in cycle.reports.order_by("pk"):
        codes = [m.code for m in report.measures()][:1]
        if codes:
            report_submit(report=report, by=by, version=report.version,
                          entry=entry_for(report, {codes[0]: "1"}), now=MOMENT)


def test_my_reports_reads_its_list_in_fixed_queries(client_for, alice, cycle):
    client = client_for(alice)
    few = count(client, reverse("my_reports"))
    cycle_open(plan=cycle.plan, year=2027, opens_on=datetime.date(2027, 10, 1))
    cycle_open(plan=cycle.plan, year=2028, opens_on=datetime.date(2028, 10, 1))
    page = client.get(reverse("my_reports")).content.decode()
    assert "Báo cáo năm 2028" in page or "2028" in page
    assert count(client, reverse("my_reports")) == few == 6


def test_the_review_queue_reads_its_list_in_fixed_queries(client_for, alice, bob, cycle):
    client = client_for(bob)
    report = cycle.reports.get(agency__name="Sở Y tế")
    report_submit(report=report, by=alice, version=report.version,
                  entry=entry_for(report, {"6": "1.9"}), now=MOMENT)
    few = count(client, reverse("review_queue"))
    submit_all(cycle_open(plan=cycle.plan, year=2027, opens_on=datetime.date(2027, 10, 1)),
               by=alice)
    page = client.get(reverse("review_queue")).content.decode()
    assert page.count("data-report=") > 1
    # The cycles of the filter, the page count and who to call: one query each.
    assert count(client, reverse("review_queue")) == few == 9


def test_completeness_reads_a_cycle_in_fixed_queries(client_for, alice, bob, cycle):
    client = client_for(bob)
    url = reverse("cycle_completeness", args=[cycle.pk])
    few = count(client, url)
    submit_all(cycle, by=alice)
    # The page count, the counts by state and who to call: one query each.
    assert count(client, url) == few == 11


def test_the_report_page_reads_its_history_in_fixed_queries(client_for, alice, bob, cycle):
    from reporting.services import report_return, report_save

    client = client_for(bob)
    report = cycle.reports.get(agency__name="Sở Y tế")
    report = report_submit(report=report, by=alice, version=report.version,
                           entry=entry_for(report, {"6": "1.9"}), now=MOMENT)
    report = report_return(report=report, by=bob, comment="Bổ sung nguồn", now=MOMENT)
    url = reverse("report_detail", args=[report.pk])
    few = count(client, url)
    for value in ("1.8", "1.7", "1.6"):
        report = report_save(report=report, by=alice, version=report.version,
                             entry=entry_for(report, {"6": value, "3c": value}), now=MOMENT)
    page = client.get(url).content.decode()
    assert "1,6" in page
    # 15: one query reads the plan's lead assignments and the agencies now doing their work.
    assert count(client, url) == few == 16  # + the comments beside the figures
