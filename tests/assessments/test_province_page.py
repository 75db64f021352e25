"""The province's page: every commune sorted as asked, the chart, the criteria most often at
zero, the communes closest to the threshold; for the province's people only."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import AdminUnit, Agency, Membership
from assessments.services import assessment_recognise
from tests.assessments.conftest import figures, submitted
from tests.assessments.test_scoring import UNDER_850
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(communes, xuan, thu, standard):
    """Phường Một 1.000 and recognised; Xã Hai 950 with criterion 11 at zero; Xã Ba 849 (one
    point short of 850); Xã Bốn not assessed."""
    for unit in communes[1:3]:
        Membership.objects.create(user=xuan, agency=unit.agencies.get(), role="reporter")
    one = submitted(communes[0], xuan, figures())
    assessment_recognise(assessment=one, by=thu, decision_number="7/QĐ-UBND",
                         decision_date=one.submitted_at.date())
    submitted(communes[1], xuan, figures(i11_1=0))
    submitted(communes[2], xuan, figures(**UNDER_850))
    return communes


def names_in_order(page: str) -> list[str]:
    table = page.split('id="communes"', 1)[1]
    return re.findall(r'<tr id="xa-\d+" data-status="\w+">\s*<td[^>]*>(?:<a [^>]*>)?([^<]+)', table)


def page_of(client, province, **query):
    response = client.get(f"/xa-phu-hop-tre-em/tinh/{province.pk}/", {"nam": 2026, **query})
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_every_commune_and_sorts_by_score(client_for, thu, province, assessed):
    client = client_for(thu)
    assert names_in_order(page_of(client, province)) == [
        "Phường Một", "Xã Ba", "Xã Bốn", "Xã Hai"]
    assert names_in_order(page_of(client, province, **{"sap-xep": "diem"})) == [
        "Phường Một", "Xã Hai", "Xã Ba", "Xã Bốn"]
    # Points short of the threshold: Xã Hai has enough points (a criterion at zero aside).
    assert names_in_order(page_of(client, province, **{"sap-xep": "thieu"})) == [
        "Phường Một", "Xã Hai", "Xã Ba", "Xã Bốn"]


def test_it_shows_chi_tieu_1_the_failed_criteria_and_the_closest(client_for, thu, province,
                                                                 assessed):
    page = page_of(client_for(thu), province)
    assert "<strong>25 %</strong> — 1 trên 4 xã" in page
    failed = page.split('id="most-failed"', 1)[1].split("</section>", 1)[0]
    assert ('Tiêu chí 11. <span lang="vi">Trẻ em được thực hiện quyền tham gia</span>: '
            '<strong>1</strong> xã') in failed
    closest = page.split('id="closest"', 1)[1].split("</section>", 1)[0]
    assert "Phường Một" not in closest  # recognised already
    assert re.findall(r">(Xã \w+)</a>: ([^<]+)</li>", closest) == [
        ("Xã Hai", "950 điểm, đủ điểm, tiêu chí 0 điểm: 11"), ("Xã Ba", "849 điểm, thiếu 1 điểm")]


def test_it_charts_each_assessed_commune_against_its_threshold(client_for, thu, province,
                                                               assessed):
    page = page_of(client_for(thu), province)
    island = re.search(r'<script id="scores-chart-data" type="application/json">(.*?)</script>',
                       page, re.S)
    chart = json.loads(island.group(1))
    bars = {name: x for trace in chart["data"] if trace["type"] == "bar"
            for name, x in zip(trace["y"], trace["x"], strict=True)}
    assert bars == {"Phường Một": 1000, "Xã Hai": 950, "Xã Ba": 849}
    threshold = next(t for t in chart["data"] if t["type"] == "scatter")
    assert set(threshold["x"]) == {850}


def test_it_reads_the_page_in_the_same_queries_however_many_communes(client_for, thu,
                                                                     province, assessed):
    client = client_for(thu)
    page_of(client, province)
    with CaptureQueriesContext(connection) as few:
        page_of(client, province)
    for n in range(6):
        AdminUnit.objects.create(code=f"T95{n}", name=f"Xã Mới {n}", level="commune",
                                 parent=province)
    with CaptureQueriesContext(connection) as more:
        assert "Xã Mới 5" in page_of(client, province)
    assert len(more) == len(few) <= 25


def test_it_lets_a_leader_of_the_province_read(client_for, province, assessed):
    agency, _ = Agency.objects.get_or_create(unit=province, name="UBND tỉnh",
                                             defaults={"sector": "ubnd"})
    leader = make_user("lanh", agency=agency, role="viewer")
    page = page_of(client_for(leader), province)
    assert "Phường Một" in page
    assert "Phân loại xã" not in page  # reading only


def test_it_keeps_communes_and_outsiders_out(client_for, xuan, alice, province, assessed):
    for user in (xuan, alice):
        response = client_for(user).get(f"/xa-phu-hop-tre-em/tinh/{province.pk}/")
        assert response.status_code == 404


def test_it_leaves_out_of_the_closest_a_commune_that_only_awaits_its_decision(
        client_for, thu, xuan, province, assessed):
    Membership.objects.create(user=xuan, agency=assessed[3].agencies.get(), role="reporter")
    submitted(assessed[3], xuan, figures(i2_1=95))  # 975 points, nothing at zero
    page = page_of(client_for(thu), province)
    closest = page.split('id="closest"', 1)[1].split("</section>", 1)[0]
    assert "Xã Bốn" not in closest
    assert "Xã Ba" in closest
