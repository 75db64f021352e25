"""Plan list, plan page and measure page: what members read, and who is refused."""

import pytest
from django.urls import reverse

from childplan.models import Plan
from indicators.models import Measure

pytestmark = pytest.mark.django_db


def page_urls():
    plan = Plan.objects.get(key="tra-vinh-2021")
    measure = Measure.objects.get(code="3a")
    return [reverse("plan_list"), reverse("plan_detail", args=[plan.pk]),
            reverse("measure_detail", args=[measure.pk])]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, index):
    url = page_urls()[index]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("index", [0, 1, 2])
def test_an_account_without_a_role_is_refused(client_for, charlie, index):
    response = client_for(charlie).get(page_urls()[index])
    assert response.status_code == 403
    assert "chưa được phân quyền" in response.content.decode()


@pytest.mark.parametrize("persona", ["alice", "bob", "vy"])
def test_every_member_reads_the_plans(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    for url in page_urls():
        assert client.get(url).status_code == 200


def test_a_reference_plan_has_no_page_of_its_own(client_for, bob):
    reference = Plan.objects.get(number="93/KH-UBND")
    response = client_for(bob).get(reverse("plan_detail", args=[reference.pk]))
    assert response.status_code == 404


def test_the_plan_list_filters_by_level_and_province(client_for, bob):
    client = client_for(bob)
    all_numbers = [p.key for p in client.get(reverse("plan_list")).context["plans"]]
    assert {"national-2021", "tra-vinh-2021", "trieu-son-2021", "dien-bien-phu-2021",
            "dong-thap-2013", "khanh-hoa"} == set(all_numbers)

    districts = client.get(reverse("plan_list"), {"level": "district"}).context["plans"]
    assert {p.key for p in districts} == {"trieu-son-2021", "dien-bien-phu-2021"}

    thanh_hoa = Plan.objects.get(key="trieu-son-2021").unit.parent
    in_thanh_hoa = client.get(reverse("plan_list"), {"province": thanh_hoa.pk}).context["plans"]
    assert [p.key for p in in_thanh_hoa] == ["trieu-son-2021"]


def test_the_plan_page_shows_the_document_and_its_targets_by_goal(client_for, bob):
    plan = Plan.objects.get(key="tra-vinh-2021")
    response = client_for(bob).get(reverse("plan_detail", args=[plan.pk]))
    html = response.content.decode()
    assert "2221/QĐ-UBND" in html
    assert "07/10/2021" in html
    assert "trước ngày 20/11" in html
    assert "<th>Mục tiêu 2025</th>" in html
    assert 'nay thuộc <span lang="vi">Tỉnh Vĩnh Long</span>' in html
    groups = response.context["groups"]
    assert [g.title.split(".")[0] for g in groups] == [
        "Mục tiêu 1", "Mục tiêu 2", "Mục tiêu 3", "Mục tiêu 4"]
    assert response.context["years"] == [2025, 2030]
    row = next(r for r in groups[0].rows if r.measure.code == "3a")
    assert row.texts[0] == "dưới 1,9"
    assert row.lead_agencies == ["Sở Y tế"]
    obesity = next(r for r in groups[0].rows if r.measure.code == "4c")
    assert "nông thôn: dưới 5" in obesity.texts[1] and "thành thị: dưới 10" in obesity.texts[1]


def test_a_plan_without_numeric_targets_says_so(client_for, bob):
    plan = Plan.objects.get(key="khanh-hoa")
    html = client_for(bob).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "không đặt mục tiêu định lượng" in html


def test_the_measure_page_sets_every_plan_side_by_side(client_for, bob):
    measure = Measure.objects.get(code="3a")
    response = client_for(bob).get(reverse("measure_detail", args=[measure.pk]))
    rows = {r["plan"].key: r["cells"] for r in response.context["rows"]}
    assert response.context["years"] == [2025, 2030]
    assert rows["national-2021"] == ["dưới 9,5", "dưới 9"]
    assert rows["tra-vinh-2021"][0] == "dưới 1,9"
    assert rows["trieu-son-2021"][0] == "dưới 2,5"


def test_pages_take_a_fixed_number_of_queries(client_for, bob, django_assert_max_num_queries):
    client = client_for(bob)
    for url in page_urls():
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
