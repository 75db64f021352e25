"""The demo's history read under the successor: Vĩnh Long's 2026–2030 plan lists old Trà
Vinh's as its predecessor, with links to its dashboard and its years of approved figures; old
Trà Vinh's pages say it now lies in Tỉnh Vĩnh Long and link the successor plan; Triệu Sơn's
district plan is history after 30/06/2025, read only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from childplan.models import Plan
from indicators.models import Measure
from progress.readers import years_label
from reporting.models import Report, ReportStatus

pytestmark = pytest.mark.django_db
# A parameter is never named "page": the browser tests' fixture of that name would pull this
# module among them, and with them the flush of their database, ahead of tests that need the seed.


@pytest.fixture
def demo(celery_eager):
    from progress.services import snapshots_recompute
    from reporting.demo import load_reporting_demo

    load_reporting_demo()
    # The approvals' recomputes wait for a commit that a test's transaction never makes.
    snapshots_recompute(plan=Plan.objects.get(key="tra-vinh-2021"))
    return {key: Plan.objects.get(key=key)
            for key in ("vinh-long-2026", "tra-vinh-2021", "trieu-son-2021")}


def approved_years(plan) -> list[int]:
    return sorted(set(Report.objects.filter(cycle__plan=plan, status=ReportStatus.APPROVED)
                      .values_list("cycle__year", flat=True)))


def section(html: str, element_id: str) -> str:
    """The element of that id, whole (a <section> or a <p>)."""
    found = re.search(rf'<(section|p)[^>]*id="{element_id}".*?</\1>', html, re.S)
    assert found, f"#{element_id} is not on the page"
    return found.group(0)


@pytest.mark.parametrize("view_name", ["plan_detail", "plan_progress"])
def test_vinh_long_s_pages_list_tra_vinh_s_plan_before_it(client_for, vy, demo, view_name):
    vinh_long, tra_vinh = demo["vinh-long-2026"], demo["tra-vinh-2021"]
    html = client_for(vy).get(reverse(view_name, args=[vinh_long.pk])).content.decode()
    listed = section(html, "predecessor-plans")
    assert "Kế hoạch tiền nhiệm" in listed and "2221/QĐ-UBND" in listed
    assert "Tỉnh Trà Vinh" in listed and "đơn vị cũ, đến 30/06/2025" in listed
    assert f'href="{reverse("plan_detail", args=[tra_vinh.pk])}"' in listed
    assert f'href="{reverse("plan_progress", args=[tra_vinh.pk])}"' in listed
    if view_name == "plan_progress":  # the years of figures, read with the snapshots' page
        years = approved_years(tra_vinh)
        assert {2021, 2025} <= set(years)
        assert f"Tiến độ và số liệu {years_label(years)}" in listed


def test_a_measure_of_vinh_long_links_its_earlier_years_under_tra_vinh(client_for, vy, demo):
    vinh_long, tra_vinh = demo["vinh-long-2026"], demo["tra-vinh-2021"]
    measure = Measure.objects.get(code="3a", plan=None)
    client = client_for(vy)
    html = client.get(reverse("measure_progress", args=[vinh_long.pk, measure.pk])).content.decode()
    earlier = section(html, "predecessor-series")
    old_page = reverse("measure_progress", args=[tra_vinh.pk, measure.pk])
    assert f'href="{old_page}"' in earlier
    # Followed, the old plan's page holds its 2021–2025 series.
    response = client.get(old_page)
    years = [year for year, value, _ in response.context["series_table"] if value is not None]
    assert {2021, 2022, 2023, 2024, 2025} <= set(years)


@pytest.mark.parametrize("view_name", ["plan_detail", "plan_progress"])
def test_tra_vinh_s_pages_say_what_it_now_belongs_to(client_for, vy, demo, view_name):
    vinh_long, tra_vinh = demo["vinh-long-2026"], demo["tra-vinh-2021"]
    html = client_for(vy).get(reverse(view_name, args=[tra_vinh.pk])).content.decode()
    told = section(html, "successor-plans")
    assert 'nay thuộc <span lang="vi">Tỉnh Vĩnh Long</span>' in told
    assert f'href="{reverse("plan_detail", args=[vinh_long.pk])}"' in told
    assert "2026–2030" in told
    assert 'id="history-notice"' not in html  # a province plan, not a district's


@pytest.mark.parametrize("view_name", ["plan_detail", "plan_progress"])
def test_trieu_son_s_district_plan_is_history_read_only(client_for, son, demo, view_name):
    trieu_son = demo["trieu-son-2021"]
    html = client_for(son).get(reverse(view_name, args=[trieu_son.pk])).content.decode()
    notice = section(html, "history-notice")
    assert "chỉ còn là lịch sử từ 01/07/2025" in notice and "chỉ xem" in notice
    assert reverse("plan_successor_new", args=[trieu_son.pk]) not in html
    # Its figures stay readable (the last from its mid-term review of June 2025), and no cycle
    # of it has opened since the reform.
    assert approved_years(trieu_son) and max(approved_years(trieu_son)) <= 2025
    assert not trieu_son.cycles.filter(opens_on__gte="2025-07-01").exists()
    assert not trieu_son.cycles.filter(locked=False).exists()
