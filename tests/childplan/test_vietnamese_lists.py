"""Lists sorted the Vietnamese way and searched without tone marks: the plan list, and the
admin's search of plans, units, agencies and measures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencies.vietnamese import sort_key
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["tra vinh", "TRA VINH", "Trà Vinh", "2221"])
def test_the_plan_list_finds_a_plan_without_tone_marks(client_for, bob, query):
    plans = client_for(bob).get(reverse("plan_list"), {"q": query}).context["plans"]
    assert [p.key for p in plans] == ["tra-vinh-2021"]


def test_the_plan_list_says_when_nothing_is_found(client_for, bob):
    page = client_for(bob).get(reverse("plan_list"), {"q": "khong co"}).content.decode()
    assert "Không có kế hoạch nào phù hợp bộ lọc." in page


def test_the_province_filter_is_in_vietnamese_order(client_for, bob):
    names = [p.name for p in client_for(bob).get(reverse("plan_list")).context["provinces"]]
    assert names == sorted(names, key=sort_key)
    assert len(names) >= 3
    # What Python's own order would give: "Đ…" after every other letter.
    assert names != sorted(names) or not any(n.startswith("Tỉnh Đ") for n in names)


@pytest.mark.parametrize(("model", "query", "expected"), [
    ("childplan/plan", "tra vinh", "2221/QĐ-UBND"),
    ("agencies/adminunit", "vinh long", "Tỉnh Vĩnh Long"),
    ("agencies/agency", "so y te tra vinh", "Sở Y tế"),
    ("indicators/measure", "ty suat tu vong tre so sinh", "Tỷ suất tử vong trẻ sơ sinh"),
])
def test_the_admin_search_ignores_tone_marks(client, model, query, expected):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model.replace('/', '_')}_changelist")
    plain = client.get(url, {"q": query})
    assert plain.status_code == 200
    assert expected in plain.content.decode()
    nothing = client.get(url, {"q": "zzz khong co"}).content.decode()
    assert expected not in nothing
