""""Lập kế hoạch kế nhiệm" on a plan's page: today's province's Sở Y tế reviewers and the
administrators prepare a draft plan taking over the old plans of its area; everyone else is
refused and nothing is created.

Personas, beside those of tests/conftest.py:
- hoa: cán bộ tổng hợp (reviewer) of Sở Y tế tỉnh Vĩnh Long: prepares Vĩnh Long's plans
- tam: reporter of a Vĩnh Long commune's People's Committee
- thanh: reviewer of Sở Y tế tỉnh Thanh Hóa (another province)
- an: administrator
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import AdminUnit, Agency, UnitLevel
from agencies.services import commune_agency
from agencies.unit_loading import current_province, old_unit
from childplan.models import Plan, PlanStatus, Target
from indicators.models import Measure
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def health_department(unit):
    return Agency.objects.get_or_create(unit=unit, name="Sở Y tế", defaults={"sector": "yte"})[0]


@pytest.fixture
def vinh_long():
    return current_province("86")


@pytest.fixture
def hoa(vinh_long):
    return make_user("hoa", agency=health_department(vinh_long), role="reviewer")


@pytest.fixture
def tam(vinh_long):
    commune = AdminUnit.objects.create(code="99901", name="Phường Thử", level=UnitLevel.COMMUNE,
                                       parent=vinh_long, valid_from=datetime.date(2025, 7, 1))
    return make_user("tam", agency=commune_agency(commune), role="reporter")


@pytest.fixture
def thanh():
    return make_user("thanh", agency=health_department(current_province("38")), role="reviewer")


@pytest.fixture
def an(db):
    return make_user("an", is_staff=True, is_superuser=True)


@pytest.fixture
def old_neighbours():
    """Plans of old Vĩnh Long and old Bến Tre, merged with old Trà Vinh into today's Vĩnh Long:
    each sets a 2030 target for measure 5a (Trà Vinh sets one too) and one for 16."""
    found = []
    for code, key, vaccines in (("86", "vinh-long-cu-2021", "97"), ("83", "ben-tre-2021", "96")):
        unit = old_unit(UnitLevel.PROVINCE, code)
        plan = Plan.objects.create(key=key, title=f"Kế hoạch {unit.name}", issuer=f"UBND {unit}",
                                   number=f"{code}/KH-UBND", unit=unit, level="province",
                                   period_start=2021, period_end=2030)
        for position, (measure, value) in enumerate((("5a", vaccines), ("16", "99.5"))):
            Target.objects.create(plan=plan, measure=Measure.objects.get(code=measure, plan=None),
                                  year=2030, comparator=">=", value=Decimal(value),
                                  wording="đạt", position=position)
        found.append(plan)
    return found


def form_data(*plans, **changes) -> dict:
    data = {"predecessors": [p.pk for p in plans], "number": "125/KH-UBND",
            "title": "Kế hoạch thực hiện Chương trình hành động vì trẻ em tỉnh Vĩnh Long giai "
                     "đoạn 2026–2030", "issuer": "UBND tỉnh Vĩnh Long", "issued_on": "15/01/2026",
            "period_start": "2026", "period_end": "2030"}
    data.update(changes)
    return data


def successor_url(plan) -> str:
    return reverse("plan_successor_new", args=[plan.pk])


def test_it_offers_the_plans_of_today_s_province_and_their_page_the_button(
        client_for, hoa, tra_vinh_plan, trieu_son_plan, old_neighbours):
    client = client_for(hoa)
    page = client.get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert successor_url(tra_vinh_plan) in page and "Lập kế hoạch kế nhiệm" in page

    response = client.get(successor_url(tra_vinh_plan))
    assert response.status_code == 200
    assert response.context["province"].name == "Tỉnh Vĩnh Long"
    offered = {p.key for p in response.context["form"].fields["predecessors"].queryset}
    assert offered == {"tra-vinh-2021", "vinh-long-cu-2021", "ben-tre-2021"}
    assert response.context["form"]["predecessors"].value() == [tra_vinh_plan.pk]
    assert response.context["form"]["issuer"].value() == "UBND tỉnh Vĩnh Long"


def test_it_creates_a_draft_taking_over_trà_vinh_vĩnh_long_and_bến_tre(
        client_for, hoa, tra_vinh_plan, old_neighbours):
    client = client_for(hoa)
    response = client.post(successor_url(tra_vinh_plan),
                           form_data(*old_neighbours, tra_vinh_plan), follow=True)
    new = Plan.objects.get(number="125/KH-UBND")
    assert response.redirect_chain[-1][0] == reverse("plan_detail", args=[new.pk])
    assert new.status == PlanStatus.DRAFT and new.unit.name == "Tỉnh Vĩnh Long"
    assert (new.period_start, new.period_end) == (2026, 2030)
    assert new.issued_on == datetime.date(2026, 1, 15)
    assert new.consolidating_agency == health_department(new.unit)
    assert {p.key for p in new.predecessors.all()} == {
        "tra-vinh-2021", "vinh-long-cu-2021", "ben-tre-2021"}
    # Targets copied to edit; where two plans set the same, the page's plan (Trà Vinh) wins.
    copied = {(t.measure.code, t.year, t.area): t.display for t in new.targets.all()}
    assert copied[("5a", 2030, "all")] == tra_vinh_plan.targets.get(
        measure__code="5a", year=2030).display
    assert ("16", 2030, "all") in copied
    assert not new.targets.filter(year__lt=2026).exists()

    html = response.content.decode()
    assert "Dự thảo" in html and "125/KH-UBND" in html and "15/01/2026" in html
    assert "Đã lập dự thảo kế hoạch kế nhiệm" in html
    assert "Kế hoạch tiền nhiệm" in html
    for old in (tra_vinh_plan, *old_neighbours):
        assert reverse("plan_progress", args=[old.pk]) in html
    listed = client.get(reverse("plan_list"), {"q": "125/KH-UBND"}).content.decode()
    assert re.search(r'125/KH-UBND</span>\s*</a> <span class="muted">\(dự thảo\)</span>', listed)
    # The old plan now names what took it over.
    old_page = client.get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert 'nay thuộc <span lang="vi">Tỉnh Vĩnh Long</span>' in old_page
    assert reverse("plan_detail", args=[new.pk]) in old_page and "(dự thảo)" in old_page


def test_an_administrator_prepares_triệu_sơn_s_successor_in_thanh_hóa(client_for, an,
                                                                        trieu_son_plan):
    response = client_for(an).post(successor_url(trieu_son_plan), form_data(
        trieu_son_plan, title="Kế hoạch của tỉnh Thanh Hóa", issuer="UBND tỉnh Thanh Hóa"))
    new = Plan.objects.get(title="Kế hoạch của tỉnh Thanh Hóa")
    assert response.status_code == 302
    assert new.unit == current_province("38") and new.key == "thanh-hoa-2026"
    assert list(new.predecessors.all()) == [trieu_son_plan]


@pytest.mark.parametrize("changes, field, words", [
    ({"issued_on": "2026-01-15"}, "issued_on", "Ngày ban hành: hãy ghi ngày theo dạng"),
    ({"issued_on": "31/02/2026"}, "issued_on", "Ngày ban hành"),
    ({"period_end": "2025"}, "period_end", "Đến năm: năm kết thúc (2025)"),
    ({"period_start": "26"}, "period_start", "Từ năm: hãy ghi năm bằng bốn chữ số"),
    ({"title": "  "}, "title", "Trích yếu: hãy ghi trích yếu"),
    ({"issuer": ""}, "issuer", "Cơ quan ban hành"),
    ({"predecessors": []}, "predecessors", "Kế hoạch tiền nhiệm: hãy chọn ít nhất một"),
])
def test_bad_input_names_the_field_and_creates_nothing(client_for, hoa, tra_vinh_plan,
                                                       changes, field, words):
    before = Plan.objects.count()
    response = client_for(hoa).post(successor_url(tra_vinh_plan),
                                    form_data(tra_vinh_plan, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(words in e for e in errors), errors
    assert words.split(":")[0] in response.content.decode()
    assert Plan.objects.count() == before


def test_a_plan_of_another_province_cannot_be_slipped_in(client_for, hoa, tra_vinh_plan,
                                                         trieu_son_plan):
    before = Plan.objects.count()
    response = client_for(hoa).post(successor_url(tra_vinh_plan),
                                    form_data(tra_vinh_plan, trieu_son_plan))
    errors = response.context["form"].errors["predecessors"]
    assert errors == ["Kế hoạch tiền nhiệm: kế hoạch đã chọn không thuộc địa bàn "
                      "Tỉnh Vĩnh Long."]
    assert Plan.objects.count() == before and not trieu_son_plan.successors.exists()


@pytest.mark.parametrize("persona", ["tam", "thanh", "bob", "vy", "alice"])
def test_everyone_else_is_refused_and_nothing_is_created(client_for, request, persona,
                                                         tra_vinh_plan):
    """A commune's reporter, another province's office, the old Trà Vinh offices (their work
    passed on), the old province's leaders and a Sở Y tế reporter."""
    client = client_for(request.getfixturevalue(persona))
    before = Plan.objects.count()
    page = client.get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert successor_url(tra_vinh_plan) not in page
    assert client.get(successor_url(tra_vinh_plan)).status_code == 403
    assert client.post(successor_url(tra_vinh_plan),
                       form_data(tra_vinh_plan)).status_code == 403
    assert Plan.objects.count() == before and not tra_vinh_plan.successors.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, tra_vinh_plan):
    before = Plan.objects.count()
    for response in (client.get(successor_url(tra_vinh_plan)),
                     client.post(successor_url(tra_vinh_plan), form_data(tra_vinh_plan))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert Plan.objects.count() == before


def test_another_province_s_office_prepares_its_own(client_for, thanh, trieu_son_plan):
    """Thanh Hóa's Sở Y tế, refused for Trà Vinh's plan, may take over Triệu Sơn's."""
    assert client_for(thanh).get(successor_url(trieu_son_plan)).status_code == 200


def test_the_national_plan_has_no_province_to_succeed_it(client_for, an):
    national = Plan.objects.get(key="national-2021")
    client = client_for(an)
    assert successor_url(national) not in client.get(
        reverse("plan_detail", args=[national.pk])).content.decode()
    assert client.get(successor_url(national)).status_code == 403


def test_the_form_reads_a_fixed_number_of_queries(client_for, hoa, tra_vinh_plan, old_neighbours,
                                                  django_assert_max_num_queries):
    """The province's area is walked level by level (territory_ids), not unit by unit."""
    client = client_for(hoa)
    with django_assert_max_num_queries(16):
        assert client.get(successor_url(tra_vinh_plan)).status_code == 200
