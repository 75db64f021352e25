""""Chỉnh sửa dự thảo" and "Ban hành kế hoạch": Vĩnh Long's draft successor plan (taken over
from old Trà Vinh's) edited in the site, its targets saved all or nothing, then issued.

Personas, beside those of tests/conftest.py:
- hoa: cán bộ tổng hợp (reviewer) of Sở Y tế tỉnh Vĩnh Long: edits and issues the draft
- an: administrator
- refused: lan, reporter of the same Sở Y tế; vinh, leader (viewer) of UBND tỉnh Vĩnh Long;
  thanh, reviewer of Sở Y tế tỉnh Thanh Hóa; minh, account manager of Sở Y tế Vĩnh Long
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency
from agencies.unit_loading import current_province
from childplan.models import Plan, PlanStatus, Target
from childplan.services import plan_create_successor
from indicators.models import Measure
from tests.conftest import make_user
from tests.test_english_pages import leaks_of

pytestmark = pytest.mark.django_db


def agency_of(unit, name: str, sector: str) -> Agency:
    return Agency.objects.get_or_create(unit=unit, name=name, defaults={"sector": sector})[0]


@pytest.fixture
def vinh_long():
    return current_province("86")


@pytest.fixture
def draft(tra_vinh_plan, vinh_long) -> Plan:
    """No number or issue date yet; its 2030 targets copied from old Trà Vinh's."""
    return plan_create_successor(
        predecessors=[tra_vinh_plan], key="vinh-long-2026", title="Kế hoạch 2026–2030",
        issuer="UBND tỉnh Vĩnh Long", unit=vinh_long, period_start=2026, period_end=2030,
        on=datetime.date(2026, 1, 1))


@pytest.fixture
def hoa(vinh_long):
    return make_user("hoa", agency=agency_of(vinh_long, "Sở Y tế", "yte"), role="reviewer")


@pytest.fixture
def an(db):
    return make_user("an", is_staff=True, is_superuser=True)


@pytest.fixture
def lan(vinh_long):
    return make_user("lan", agency=agency_of(vinh_long, "Sở Y tế", "yte"), role="reporter")


@pytest.fixture
def vinh(vinh_long):
    return make_user("vinh", agency=agency_of(vinh_long, "Ủy ban nhân dân tỉnh", "ubnd"),
                     role="viewer")


@pytest.fixture
def thanh():
    return make_user("thanh", agency=agency_of(current_province("38"), "Sở Y tế", "yte"),
                     role="reviewer")


@pytest.fixture
def minh(vinh_long):
    return make_user("minh", agency=agency_of(vinh_long, "Sở Y tế", "yte"), role="manager")


def edit_url(plan) -> str:
    return reverse("plan_draft_edit", args=[plan.pk])


def issue_url(plan) -> str:
    return reverse("plan_draft_issue", args=[plan.pk])


def page_data(response) -> dict:
    """What the page's form posts as it stands: its document fields and every row, of the
    targets and of the assignments."""
    document = response.context["document"]
    data = {}
    for name in document.fields:
        value = document[name].value()
        data[name] = value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else (
            "" if value is None else str(value))
    for rows in (response.context["rows"], response.context["assigned"]):
        management = rows.management_form
        for name in management.fields:
            data[f"{rows.prefix}-{name}"] = management[name].value()
        for form in rows.forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False, ""):
                    data[form.add_prefix(name)] = value
    return data


def row_key(plan, code: str, year: int = 2030, area: str = "all") -> str:
    """The prefix of the row of target (code, year, area) on the page."""
    targets = list(plan.targets.order_by("position"))
    index = next(i for i, t in enumerate(targets)
                 if (t.measure.code, t.year, t.area) == (code, year, area))
    return f"targets-{index}"


def target(plan, code: str, year: int = 2030, area: str = "all") -> Target:
    return plan.targets.get(measure__code=code, year=year, area=area)


def snapshot(plan) -> list[tuple]:
    plan.refresh_from_db()
    return [(plan.number, plan.title, plan.issued_on, plan.period_start, plan.period_end)] + [
        (t.measure.code, t.year, t.area, t.comparator, t.value, t.value_high, t.wording)
        for t in plan.targets.order_by("pk")]


def test_the_plan_page_links_the_draft_page_and_says_it_is_a_draft(client_for, hoa, draft):
    html = client_for(hoa).get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert edit_url(draft) in html and "Chỉnh sửa dự thảo" in html
    assert 'id="draft-notice"' in html and "kế hoạch chưa ban hành" in html


def test_the_page_shows_every_target_with_its_figures_written_with_a_comma(client_for, hoa,
                                                                           draft):
    response = client_for(hoa).get(edit_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.context["rows"].forms) == draft.targets.count() + 1
    assert 'value="99,3"' in html  # 16: đạt 99,3
    # Every box names its row for a screen reader.
    assert 'aria-label="Giá trị, mục tiêu 16 năm 2030"' in html
    assert 'aria-label="Xóa, mục tiêu 16 năm 2030"' in html
    assert 'aria-label="Chỉ tiêu, dòng thêm mới"' in html
    assert '<div class="table-scroll">' in html


def test_editing_saves_the_document_and_the_targets(client_for, hoa, draft):
    client = client_for(hoa)
    data = page_data(client.get(edit_url(draft)))
    row = row_key(draft, "16")
    data.update({"number": "125/KH-UBND", "issued_on": "15/01/2026",
                 f"{row}-value": "99,5", f"{row}-wording": "phấn đấu đạt"})
    response = client.post(edit_url(draft), data, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(draft)
    assert "Đã lưu dự thảo." in response.content.decode()
    draft.refresh_from_db()
    assert draft.number == "125/KH-UBND" and draft.issued_on == datetime.date(2026, 1, 15)
    saved = target(draft, "16")
    assert saved.value == Decimal("99.5") and saved.wording == "phấn đấu đạt"
    assert saved.display == "phấn đấu đạt 99,5"


def test_delete_and_add(client_for, hoa, draft):
    client = client_for(hoa)
    before = draft.targets.count()
    data = page_data(client.get(edit_url(draft)))
    data[f"{row_key(draft, '5b')}-DELETE"] = "on"
    new = f"targets-{before}"
    data.update({f"{new}-measure": Measure.objects.get(code="3a", plan=None).pk,
                 f"{new}-year": "2028", f"{new}-area": "all", f"{new}-comparator": "band",
                 f"{new}-value": "0,4", f"{new}-value_high": "0,7"})
    assert client.post(edit_url(draft), data).status_code == 302
    assert not draft.targets.filter(measure__code="5b").exists()
    added = target(draft, "3a", 2028)
    assert (added.value, added.value_high) == (Decimal("0.4"), Decimal("0.7"))
    assert added.position > max(t.position for t in draft.targets.exclude(pk=added.pk))
    assert draft.targets.count() == before


def test_an_untouched_new_row_is_skipped(client_for, hoa, draft):
    client = client_for(hoa)
    before = snapshot(draft)
    assert client.post(edit_url(draft), page_data(client.get(edit_url(draft)))).status_code == 302
    assert snapshot(draft) == before


@pytest.mark.parametrize("code, changes, words", [
    # "1.234" in a percent box: a thousand or 1,234? Asked, never guessed.
    ("16", {"value": "1.234"}, "Mục tiêu 16 năm 2030, Giá trị: «1.234» không rõ"),
    ("16", {"value": "120"}, "Mục tiêu 16 năm 2030, Giá trị: Tỷ lệ phần trăm phải từ 0 đến 100"),
    ("16", {"comparator": "band", "value": "99", "value_high": "95"},
     "Mục tiêu 16 năm 2030, Cận trên: Cận dưới (99) lớn hơn cận trên (95)."),
    ("16", {"comparator": "band", "value_high": ""},
     "Mục tiêu 16 năm 2030, Cận trên: Mục tiêu dạng khoảng cần cả cận dưới và cận trên."),
    ("16", {"year": "2031"}, "Mục tiêu 16 năm 2030, Năm: Năm 2031 nằm ngoài giai đoạn"),
    ("16", {"value": "abc"}, "Mục tiêu 16 năm 2030, Giá trị: «abc» có ký tự «a»"),
    ("16", {"year": "5a"}, "Mục tiêu 16 năm 2030, Năm: hãy ghi năm bằng bốn chữ số."),
    # Moved onto the year and area of another target of the same measure.
    ("4c", {"area": "urban"}, "Mục tiêu 4c năm 2030, Năm: Đã có mục tiêu khác"),
])
def test_a_bad_row_saves_nothing_and_names_the_row(client_for, hoa, draft, code, changes,
                                                   words):
    client = client_for(hoa)
    data = page_data(client.get(edit_url(draft)))
    row = row_key(draft, code, area="rural" if code == "4c" else "all")
    # Good changes besides the bad row: none of them is saved either.
    data.update({"number": "125/KH-UBND", f"{row_key(draft, '5a')}-value": "99"})
    data.update({f"{row}-{name}": value for name, value in changes.items()})
    before = snapshot(draft)
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert any(words in problem for problem in response.context["problems"]), \
        response.context["problems"]
    assert "không thay đổi nào được ghi" in response.content.decode()
    assert snapshot(draft) == before


def test_a_shorter_period_refuses_the_targets_outside_it(client_for, hoa, draft):
    client = client_for(hoa)
    data = page_data(client.get(edit_url(draft)))
    data["period_end"] = "2029"
    before = snapshot(draft)
    response = client.post(edit_url(draft), data)
    assert any("Mục tiêu 16 năm 2030, Năm: Năm 2030 nằm ngoài giai đoạn của kế hoạch "
               "(2026–2029)" in p for p in response.context["problems"])
    assert snapshot(draft) == before


def test_a_new_row_without_a_measure_is_named(client_for, hoa, draft):
    client = client_for(hoa)
    data = page_data(client.get(edit_url(draft)))
    new = f"targets-{draft.targets.count()}"
    data.update({f"{new}-year": "2027", f"{new}-comparator": ">=", f"{new}-value": "90"})
    before = snapshot(draft)
    response = client.post(edit_url(draft), data)
    assert "Dòng thêm mới, Chỉ tiêu: hãy chọn chỉ tiêu." in response.context["problems"]
    assert snapshot(draft) == before


def test_a_measure_of_another_plan_cannot_be_added(client_for, hoa, draft, tra_vinh_plan):
    other = Measure.objects.create(plan=tra_vinh_plan, code="TV1", name="Riêng Trà Vinh",
                                   unit_kind="percent", unit_label="%", direction="up")
    client = client_for(hoa)
    data = page_data(client.get(edit_url(draft)))
    new = f"targets-{draft.targets.count()}"
    data.update({f"{new}-measure": other.pk, f"{new}-year": "2027", f"{new}-comparator": ">=",
                 f"{new}-value": "90"})
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert not draft.targets.filter(measure=other).exists()


@pytest.mark.parametrize("persona", ["lan", "vinh", "thanh", "minh", "alice", "bob"])
def test_everyone_else_is_refused(client_for, request, persona, draft):
    client = client_for(request.getfixturevalue(persona))
    before = snapshot(draft)
    page = client.get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert edit_url(draft) not in page
    assert client.get(edit_url(draft)).status_code == 403
    assert client.post(edit_url(draft), {"number": "1/KH"}).status_code == 403
    assert client.post(issue_url(draft), {"confirm": "on"}).status_code == 403
    assert snapshot(draft) == before
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_an_anonymous_visitor_is_sent_to_sign_in(client, draft):
    for response in (client.get(edit_url(draft)), client.post(edit_url(draft), {}),
                     client.post(issue_url(draft), {"confirm": "on"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_an_administrator_edits_and_issues(client_for, an, draft):
    client = client_for(an)
    assert client.get(edit_url(draft)).status_code == 200
    Plan.objects.filter(pk=draft.pk).update(number="125/KH-UBND",
                                            issued_on=datetime.date(2026, 1, 15))
    client.post(issue_url(draft), {"confirm": "on"})
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ACTIVE


def test_a_plan_in_force_has_no_draft_page_link_and_its_page_only_reads(client_for, hoa,
                                                                        tra_vinh_plan):
    client = client_for(hoa)
    page = client.get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert edit_url(tra_vinh_plan) not in page and 'id="draft-notice"' not in page
    response = client.get(edit_url(tra_vinh_plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="draft-read-only"' in html and 'id="draft-form"' not in html
    assert 'id="issue-form"' not in html


def test_issuing_asks_for_confirmation_then_a_number_a_date_and_targets(client_for, hoa,
                                                                        draft, tra_vinh_plan):
    client = client_for(hoa)
    assert client.get(issue_url(draft)).status_code == 405

    refused = client.post(issue_url(draft), {}, follow=True).content.decode()
    assert "Hãy đánh dấu ô xác nhận trước khi ban hành." in refused

    response = client.post(issue_url(draft), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(draft)
    html = response.content.decode()
    assert "dự thảo chưa có số, ký hiệu" in html and "dự thảo chưa có ngày ban hành" in html
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT

    data = page_data(client.get(edit_url(draft)))
    data.update({"number": "125/KH-UBND", "issued_on": "15/01/2026"})
    assert client.post(edit_url(draft), data).status_code == 302
    response = client.post(issue_url(draft), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan_detail", args=[draft.pk])
    assert "Đã ban hành kế hoạch" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ACTIVE
    tra_vinh_plan.refresh_from_db()
    assert tra_vinh_plan.status == PlanStatus.ACTIVE  # the plan taken over is left as it was

    # A second click does not issue twice; the issued plan is no longer edited.
    again = client.post(issue_url(draft), {"confirm": "on"}, follow=True).content.decode()
    assert "Kế hoạch đã được ban hành, không còn là dự thảo." in again
    before = snapshot(draft)
    data["number"] = "999/KH-UBND"
    refused = client.post(edit_url(draft), data, follow=True).content.decode()
    assert "Kế hoạch không còn là dự thảo: không thể chỉnh sửa." in refused
    assert 'id="draft-read-only"' in refused
    assert snapshot(draft) == before
    page = client.get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert edit_url(draft) not in page


def test_a_draft_without_targets_is_not_issued(client_for, hoa, draft):
    Plan.objects.filter(pk=draft.pk).update(number="125/KH-UBND",
                                            issued_on=datetime.date(2026, 1, 15))
    draft.targets.all().delete()
    html = client_for(hoa).post(issue_url(draft), {"confirm": "on"},
                                follow=True).content.decode()
    assert "dự thảo chưa có mục tiêu nào" in html
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_the_service_refuses_a_second_issue(draft):
    from django.core.exceptions import ValidationError

    from childplan.services import plan_issue

    Plan.objects.filter(pk=draft.pk).update(number="1/KH", issued_on=datetime.date(2026, 1, 1))
    plan_issue(draft)
    with pytest.raises(ValidationError):
        plan_issue(draft)
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.ACTIVE


def test_the_page_reads_in_english_with_only_the_plan_s_words_in_vietnamese(client_for, hoa,
                                                                            draft):
    client = client_for(hoa)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(edit_url(draft), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Edit the draft" in html and "Issue the plan" in html
    assert 'value="99.3"' in html  # numbers in English notation
    assert leaks_of(html) == []


def test_the_page_reads_a_fixed_number_of_queries(client_for, hoa, draft,
                                                  django_assert_max_num_queries):
    client = client_for(hoa)
    client.get(edit_url(draft))
    with django_assert_max_num_queries(14) as few:
        assert client.get(edit_url(draft)).status_code == 200
    for position, code in enumerate(["1", "2", "3a", "3b", "19"], start=100):
        Target.objects.create(plan=draft, measure=Measure.objects.get(code=code, plan=None),
                              year=2027, comparator=">=", value=Decimal("50"),
                              position=position)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(edit_url(draft)).status_code == 200


def test_a_draft_is_edited_not_taken_over_by_another_successor(client, hoa, draft,
                                                               tra_vinh_plan, vinh_long):
    """A draft offers no "Lập kế hoạch kế nhiệm" of its own and is not among the plans a
    successor may take over; the old plan still is."""
    client.force_login(hoa)
    page = client.get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert 'id="plan-draft-edit"' in page and 'id="plan-successor"' not in page
    assert client.get(reverse("plan_successor_new", args=[draft.pk])).status_code == 403
    candidates = set(Plan.objects.successor_candidates(vinh_long))
    assert tra_vinh_plan in candidates and draft not in candidates
    old = client.get(reverse("plan_detail", args=[tra_vinh_plan.pk])).content.decode()
    assert 'id="plan-successor"' in old
