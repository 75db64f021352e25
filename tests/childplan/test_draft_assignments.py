"""The assignments of Vĩnh Long's draft successor plan edited on "Chỉnh sửa dự thảo", with its
targets and document fields, all or nothing; then the plan issued and a cycle opened: the new
lead agencies get the reports.

The draft's assignments are those copied from old Trà Vinh's plan: Sở Y tế (taking over Sở
LĐTBXH's) leads 1–6, 8–12, 22–24, Công an tỉnh leads 9 beside it, Sở GDĐT 7 and 15–20, Sở VHTTDL
13 and 21, Sở Tư pháp 14. Personas as in test_draft_edit.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agencies.models import AdminUnit
from agencies.unit_loading import current_province
from agencies.vietnamese import sort_key
from childplan.models import Assignment, AssignmentRole, Plan, PlanStatus
from childplan.services import DraftRefused, plan_issue, plan_update_draft
from indicators.models import Indicator
from tests.childplan import test_draft_edit as draft_page
from tests.childplan.test_draft_edit import (
    agency_of,
    edit_url,
    page_data,
    row_key,
    snapshot,
    target,
)
from tests.test_english_pages import leaks_of

pytestmark = pytest.mark.django_db

# The draft page's fixtures: Vĩnh Long's draft and hoa, who edits it.
vinh_long, draft, hoa = draft_page.vinh_long, draft_page.draft, draft_page.hoa


def assignments_of(plan) -> set[tuple[int, str, str]]:
    return {(a.indicator.number, a.agency.name, a.role)
            for a in plan.assignments.select_related("indicator", "agency")}


def arow(response, number: int, agency: str) -> str:
    """The prefix of the row of the assignment of indicator `number` to `agency`."""
    for form in response.context["assigned"].forms:
        if form.existing is not None and (form.existing.indicator.number,
                                          form.existing.agency.name) == (number, agency):
            return form.prefix
    raise AssertionError(f"no row for {number}, {agency}")


def new_row(response) -> str:
    return response.context["assigned"].forms[-1].prefix


def pk_of(plan, name: str) -> int:
    return agency_of(plan.unit, name, "khac").pk


def commune_ubnd(plan):
    """The People's Committee of a commune of the plan's province."""
    commune = AdminUnit.objects.create(code="99901", name="Xã Thử", level="commune",
                                       parent=plan.unit)
    return agency_of(commune, "Ủy ban nhân dân xã Thử", "ubnd")


def test_the_page_shows_every_assignment_as_a_row_named_by_its_indicator(client_for, hoa,
                                                                         draft):
    response = client_for(hoa).get(edit_url(draft))
    html = response.content.decode()
    forms = response.context["assigned"].forms
    assert len(forms) == draft.assignments.count() + 1
    assert "chưa sửa được phân công" not in html  # the old read-only note is gone
    assert '<table class="grid draft-assignments">' in html
    assert 'aria-label="Cơ quan, phân công chỉ tiêu 9, Công an tỉnh"' in html
    assert 'aria-label="Vai trò, phân công chỉ tiêu 9, Công an tỉnh"' in html
    assert 'aria-label="Xóa, phân công chỉ tiêu 9, Công an tỉnh"' in html
    assert 'aria-label="Chỉ tiêu, dòng phân công thêm mới"' in html
    # The agency boxes list database names: marked Vietnamese.
    assert 'name="assignments-0-agency" lang="vi"' in html


def test_the_agencies_are_the_province_s_own_in_vietnamese_order(client_for, hoa, draft):
    for name in ("Đài Phát thanh và Truyền hình", "Ban Dân tộc", "Ủy ban nhân dân tỉnh"):
        agency_of(draft.unit, name, "khac")
    thanh_hoa = agency_of(current_province("38"), "Sở Nội vụ", "noivu")
    ubnd_xa = commune_ubnd(draft)
    gone = agency_of(draft.unit, "Sở Kế hoạch và Đầu tư", "khdt")
    gone.valid_to = datetime.date(2025, 2, 28)
    gone.save()
    form = client_for(hoa).get(edit_url(draft)).context["assigned"].forms[0]
    names = [label for value, label in form.fields["agency"].choices if value]
    assert names == sorted(names, key=sort_key)
    assert names.index("Ban Dân tộc") < names.index("Công an tỉnh") < names.index(
        "Đài Phát thanh và Truyền hình") < names.index("Sở Y tế") < names.index(
        "Ủy ban nhân dân tỉnh")
    for other in (thanh_hoa, ubnd_xa, gone):
        assert other.name not in names


def test_change_an_agency_and_a_role_delete_and_add(client_for, hoa, draft):
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    new = new_row(response)
    data.update({
        f"{arow(response, 14, 'Sở Tư pháp')}-agency": pk_of(draft, "Công an tỉnh"),
        f"{arow(response, 9, 'Công an tỉnh')}-role": AssignmentRole.SUPPORT,
        f"{arow(response, 7, 'Sở Giáo dục và Đào tạo')}-DELETE": "on",
        f"{new}-indicator": Indicator.objects.get(number=3).pk,
        f"{new}-agency": pk_of(draft, "Sở Tư pháp"), f"{new}-role": AssignmentRole.SUPPORT,
    })
    before = assignments_of(draft)
    response = client.post(edit_url(draft), data, follow=True)
    assert "Đã lưu dự thảo." in response.content.decode()
    after = assignments_of(draft)
    assert before - after == {(14, "Sở Tư pháp", "lead"), (9, "Công an tỉnh", "lead"),
                              (7, "Sở Giáo dục và Đào tạo", "lead")}
    assert after - before == {(14, "Công an tỉnh", "lead"), (9, "Công an tỉnh", "support"),
                              (3, "Sở Tư pháp", "support")}


def test_an_untouched_page_changes_no_assignment(client_for, hoa, draft):
    client = client_for(hoa)
    before = assignments_of(draft)
    assert client.post(edit_url(draft), page_data(client.get(edit_url(draft)))).status_code == 302
    assert assignments_of(draft) == before


@pytest.mark.parametrize("how, words", [
    # An existing row moved onto the agency of another row of the same indicator.
    ("existing", "Phân công chỉ tiêu 9, Công an tỉnh, Cơ quan: Cơ quan này đã được phân công "
                 "chỉ tiêu này."),
    # A new row giving an indicator again to the agency that has it.
    ("new", "Phân công chỉ tiêu 9, Sở Y tế, Cơ quan: Cơ quan này đã được phân công chỉ tiêu "
            "này."),
])
def test_an_indicator_given_twice_to_an_agency_saves_nothing(client_for, hoa, draft, how,
                                                             words):
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    # Good changes besides: a target, the number, another assignment. None is saved.
    data.update({"number": "125/KH-UBND", f"{row_key(draft, '16')}-value": "99,5",
                 f"{arow(response, 14, 'Sở Tư pháp')}-role": AssignmentRole.SUPPORT})
    if how == "existing":
        data[f"{arow(response, 9, 'Công an tỉnh')}-agency"] = pk_of(draft, "Sở Y tế")
    else:
        new = new_row(response)
        data.update({f"{new}-indicator": Indicator.objects.get(number=9).pk,
                     f"{new}-agency": pk_of(draft, "Sở Y tế"),
                     f"{new}-role": AssignmentRole.SUPPORT})
    before, assigned = snapshot(draft), assignments_of(draft)
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert words in response.context["problems"], response.context["problems"]
    assert "không thay đổi nào được ghi" in response.content.decode()
    assert snapshot(draft) == before and assignments_of(draft) == assigned
    assert target(draft, "16").value == Decimal("99.3")


def test_an_agency_of_another_province_is_refused(client_for, hoa, draft):
    thanh_hoa = agency_of(current_province("38"), "Sở Y tế", "yte")
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    data.update({"number": "125/KH-UBND",
                 f"{arow(response, 14, 'Sở Tư pháp')}-agency": thanh_hoa.pk})
    before, assigned = snapshot(draft), assignments_of(draft)
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert ("Phân công chỉ tiêu 14, Sở Tư pháp, Cơ quan: hãy chọn một cơ quan của địa bàn kế "
            "hoạch trong danh sách.") in response.context["problems"]
    assert snapshot(draft) == before and assignments_of(draft) == assigned
    assert not Assignment.objects.filter(agency=thanh_hoa).exists()


def test_the_service_keeps_to_the_model_s_rule_agencies_of_the_plan_s_unit(draft):
    """Whatever the page offers, the service refuses an agency of another unit (another
    province, or a commune of the province) by the model's rule."""
    thanh_hoa = agency_of(current_province("38"), "Sở Y tế", "yte")
    ubnd_xa = commune_ubnd(draft)
    seven = Indicator.objects.get(number=7)
    assigned = assignments_of(draft)
    with pytest.raises(DraftRefused) as refused:
        plan_update_draft(draft, document={"number": "1/KH"}, targets=[], assignments=[
            Assignment(indicator=seven, agency=thanh_hoa, role="lead"),
            Assignment(indicator=seven, agency=ubnd_xa, role="lead"),
            Assignment(indicator=seven, agency=agency_of(draft.unit, "Sở Y tế", "yte"),
                       role="boss")])
    rows = refused.value.assignment_rows
    assert set(rows) == {0, 1, 2}
    assert rows[0]["agency"] == rows[1]["agency"] == (
        "Cơ quan phải thuộc Tỉnh Vĩnh Long, địa bàn của kế hoạch.")
    assert "role" in rows[2]
    assert assignments_of(draft) == assigned
    assert Plan.objects.get(pk=draft.pk).number == ""


def test_a_new_row_without_an_indicator_is_named(client_for, hoa, draft):
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    new = new_row(response)
    data.update({f"{new}-agency": pk_of(draft, "Sở Tư pháp"), f"{new}-role": "lead"})
    assigned = assignments_of(draft)
    response = client.post(edit_url(draft), data)
    assert "Dòng phân công thêm mới, Chỉ tiêu: hãy chọn chỉ tiêu." in response.context["problems"]
    assert assignments_of(draft) == assigned


def test_an_assignment_removed_meanwhile_asks_to_reload(client_for, hoa, draft):
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    data[f"{arow(response, 14, 'Sở Tư pháp')}-role"] = AssignmentRole.SUPPORT
    draft.assignments.filter(indicator__number=14).delete()
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert any("hãy tải lại trang" in p for p in response.context["problems"]), \
        response.context["problems"]
    assert not draft.assignments.filter(indicator__number=14).exists()


def test_the_page_reads_in_english(client_for, hoa, draft):
    client = client_for(hoa)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(edit_url(draft), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2>Assignments</h2>" in html
    assert 'aria-label="Agency, assignment of indicator 9, Công an tỉnh"' in html
    assert 'aria-label="Indicator, new assignment row"' in html
    assert "— choose an agency —" in html and ">Lead<" in html
    assert leaks_of(html) == []


def test_the_page_reads_a_fixed_number_of_queries_whatever_the_assignments(
        client_for, hoa, draft, django_assert_max_num_queries):
    client = client_for(hoa)
    client.get(edit_url(draft))
    with django_assert_max_num_queries(16) as few:
        assert client.get(edit_url(draft)).status_code == 200
    assert draft.assignments.count() == 25
    police = agency_of(draft.unit, "Công an tỉnh", "congan")
    extra = agency_of(draft.unit, "Ban Dân tộc", "khac")
    Assignment.objects.bulk_create(
        [Assignment(plan=draft, indicator=i, agency=agency, role="support")
         for i in Indicator.objects.exclude(number=9) for agency in (police, extra)])
    assert draft.assignments.count() == 25 + 46
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(edit_url(draft)).status_code == 200


def test_after_editing_and_issuing_a_cycle_gives_the_new_leads_their_reports(client_for, hoa,
                                                                            draft):
    from reporting.services import cycle_open

    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    new = new_row(response)
    # Sở Tư pháp gives indicator 14 to Công an tỉnh; a new office leads indicator 13.
    ethnic = agency_of(draft.unit, "Ban Dân tộc", "khac")
    data.update({"number": "125/KH-UBND", "issued_on": "15/01/2026",
                 f"{arow(response, 14, 'Sở Tư pháp')}-agency": pk_of(draft, "Công an tỉnh"),
                 f"{arow(response, 13, 'Sở Văn hóa, Thể thao và Du lịch')}-DELETE": "on",
                 f"{new}-indicator": Indicator.objects.get(number=13).pk,
                 f"{new}-agency": ethnic.pk, f"{new}-role": AssignmentRole.LEAD})
    assert client.post(edit_url(draft), data).status_code == 302
    plan_issue(draft)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ACTIVE

    cycle = cycle_open(plan=draft, year=2026, opens_on=datetime.date(2026, 10, 1))
    reports = {r.agency.name: r for r in cycle.reports.select_related("agency", "unit", "cycle")
               .filter(unit=draft.unit)}
    assert "Sở Tư pháp" not in reports  # it leads nothing any more
    assert {m.indicator.number for m in reports["Ban Dân tộc"].measures()} == {13}
    police = {m.indicator.number for m in reports["Công an tỉnh"].measures()}
    assert police == {9, 14}
    culture = {m.indicator.number for m in reports["Sở Văn hóa, Thể thao và Du lịch"].measures()}
    assert culture == {21}


def test_the_service_refuses_a_plan_no_longer_a_draft(draft):
    Plan.objects.filter(pk=draft.pk).update(status=PlanStatus.ACTIVE)
    with pytest.raises(ValidationError):
        plan_update_draft(draft, document={}, targets=[], deleted_assignments={
            draft.assignments.first().pk})
    assert draft.assignments.count() == 25


def test_two_rows_swapping_their_agencies_save_nothing_and_say_so(client_for, hoa, draft):
    client = client_for(hoa)
    response = client.get(edit_url(draft))
    data = page_data(response)
    data.update({"number": "125/KH-UBND",
                 f"{arow(response, 9, 'Công an tỉnh')}-agency": pk_of(draft, "Sở Y tế"),
                 f"{arow(response, 9, 'Sở Y tế')}-agency": pk_of(draft, "Công an tỉnh"),
                 f"{arow(response, 9, 'Sở Y tế')}-role": AssignmentRole.SUPPORT})
    before, assigned = snapshot(draft), assignments_of(draft)
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert ("Hai phân công của cùng một chỉ tiêu đổi cơ quan cho nhau: hãy lưu từng thay đổi "
            "một.") in response.content.decode()
    assert snapshot(draft) == before and assignments_of(draft) == assigned
