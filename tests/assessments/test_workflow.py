"""The commune enters, the province returns or recognises: through the pages, as each person."""

from __future__ import annotations

import datetime

import pytest

from agencies.models import Membership
from assessments.models import Assessment, AssessmentEvent, CommuneKind, Item, Status
from tests.assessments.conftest import MOMENT, figures, fill, submitted
from tests.assessments.test_scoring import UNDER_900

pytestmark = pytest.mark.django_db


def _form(assessment, values: dict[str, str]) -> dict[str, str]:
    items = dict(Item.objects.filter(criterion__standard=assessment.standard)
                 .values_list("code", "pk"))
    data = {"version": str(assessment.version)}
    for code, pk in items.items():
        data[f"figure_{pk}"] = values.get(code, "")
        data[f"note_{pk}"] = ""
    return data


def _typed(values) -> dict[str, str]:
    return {code: str(v).replace(".", ",") for code, v in values.items()}


def test_it_lets_the_commune_reporter_enter_and_submit(client_for, xuan, communes, standard,
                                                       clock):
    client = client_for(xuan)
    with clock(MOMENT):
        response = client.post(f"/xa-phu-hop-tre-em/xa/{communes[0].pk}/bat-dau/?nam=2026")
        assessment = Assessment.objects.get(unit=communes[0], year=2026)
        assert response.url == f"/xa-phu-hop-tre-em/{assessment.pk}/nhap/"
        values = _typed(figures(i6_1="98.5"))
        response = client.post(response.url, _form(assessment, values), follow=True)
    page = response.content.decode()
    assert "Đã lưu nháp" in page
    assert 'id="score-total">1.000<' in page
    assert "Đủ điều kiện công nhận" in page
    assessment.refresh_from_db()
    assert assessment.answers.get(item__code="6.1").figure == 98.5
    response = client.post(f"/xa-phu-hop-tre-em/{assessment.pk}/gui/",
                           {"version": assessment.version}, follow=True)
    assert "Đã gửi đánh giá để tỉnh thẩm định" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert list(assessment.events.values_list("action", flat=True)) == ["save", "submit"]


def test_it_names_the_indicator_of_a_figure_it_cannot_read(client_for, xuan, communes, standard):
    from assessments.services import assessment_start

    assessment = assessment_start(unit=communes[0], year=2026)
    response = client_for(xuan).post(f"/xa-phu-hop-tre-em/{assessment.pk}/nhap/",
                                     _form(assessment, {"2.1": "120", "7.1": "chín mươi"}))
    page = response.content.decode()
    assert "Chỉ số 2.1: tỷ lệ phải từ 0 đến 100." in page
    assert "Chỉ số 7.1" in page
    assert not assessment.answers.exists()  # nothing half-saved


def test_it_refuses_to_submit_with_an_indicator_missing(client_for, xuan, communes, standard):
    from assessments.services import assessment_start

    assessment = fill(assessment_start(unit=communes[0], year=2026), xuan,
                      {k: v for k, v in figures().items() if k != "13.1"})
    response = client_for(xuan).post(f"/xa-phu-hop-tre-em/{assessment.pk}/gui/",
                                     {"version": assessment.version}, follow=True)
    assert "Chưa nhập số liệu của chỉ số 13.1." in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_it_scores_the_page_live_without_saving(client_for, xuan, communes, standard):
    from assessments.services import assessment_start

    assessment = assessment_start(unit=communes[0], year=2026)
    values = _typed(figures(i11_1=0))
    response = client_for(xuan).post(f"/xa-phu-hop-tre-em/{assessment.pk}/tinh-diem/",
                                     _form(assessment, values))
    result = response.json()
    assert result["total"] == "950"
    assert result["zero"] == [11]
    assert result["verdict"] == "Chưa đủ điều kiện: có tiêu chí 0 điểm"
    assert not assessment.answers.exists()


def test_it_keeps_another_commune_out(client_for, xuan, yen, communes, standard):
    mine = submitted(communes[0], xuan, figures())
    client = client_for(yen)
    assert client.get(f"/xa-phu-hop-tre-em/{mine.pk}/").status_code == 404
    assert client.post(f"/xa-phu-hop-tre-em/{mine.pk}/nhap/", {}).status_code == 404
    assert client.post(f"/xa-phu-hop-tre-em/xa/{communes[0].pk}/bat-dau/").status_code == 404
    assert not Assessment.objects.filter(unit=communes[0]).exclude(pk=mine.pk).exists()


def test_it_refuses_recognition_by_a_reporter(client_for, xuan, communes, standard):
    mine = submitted(communes[0], xuan, figures())
    response = client_for(xuan).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "1/QĐ-UBND", "decision_date": "20/11/2026"})
    assert response.status_code == 403
    assert Assessment.objects.get(pk=mine.pk).status == Status.SUBMITTED


def test_it_refuses_a_provincial_reporter_and_an_outsider(client_for, alice, charlie, xuan,
                                                          communes, standard):
    mine = submitted(communes[0], xuan, figures())
    assert client_for(alice).get(f"/xa-phu-hop-tre-em/{mine.pk}/").status_code == 404
    assert client_for(charlie).get(f"/xa-phu-hop-tre-em/{mine.pk}/").status_code == 403


def test_it_lets_the_province_return_with_its_reason(client_for, xuan, thu, communes, standard):
    mine = submitted(communes[0], xuan, figures())
    client_for(thu).post(f"/xa-phu-hop-tre-em/{mine.pk}/tra-lai/",
                         {"comment": "Thiếu minh chứng cho chỉ số 2.1."})
    mine.refresh_from_db()
    assert mine.status == Status.RETURNED
    page = client_for(xuan).get(f"/xa-phu-hop-tre-em/{mine.pk}/nhap/").content.decode()
    assert "Thiếu minh chứng cho chỉ số 2.1." in page


def test_it_records_the_recognition_decision(client_for, xuan, thu, communes, standard):
    mine = submitted(communes[0], xuan, figures())
    response = client_for(thu).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "2451/QĐ-UBND", "decision_date": "25/11/2026"}, follow=True)
    page = response.content.decode()
    assert 'Số <span lang="vi">2451/QĐ-UBND</span> ngày 25/11/2026' in page
    mine.refresh_from_db()
    assert mine.status == Status.RECOGNISED
    assert mine.events.last().action == AssessmentEvent.Action.RECOGNISE


def test_it_refuses_to_recognise_a_commune_under_the_threshold(client_for, xuan, thu, communes,
                                                                standard):
    mine = submitted(communes[0], xuan, figures(i11_1=0))
    response = client_for(thu).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "1/QĐ-UBND", "decision_date": "25/11/2026"}, follow=True)
    assert "Phường Một chưa đủ điều kiện công nhận: tiêu chí 11 đạt 0 điểm." in (
        response.content.decode())
    assert Assessment.objects.get(pk=mine.pk).status == Status.SUBMITTED


def test_it_refuses_a_recognition_without_its_decision_date(client_for, xuan, thu, communes,
                                                             standard):
    mine = submitted(communes[0], xuan, figures())
    response = client_for(thu).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "1/QĐ-UBND", "decision_date": "2026-11-25"}, follow=True)
    assert "Ngày quyết định (dd/mm/yyyy)" in response.content.decode()
    assert Assessment.objects.get(pk=mine.pk).status == Status.SUBMITTED


def test_it_keeps_a_reviewer_from_deciding_on_what_they_submitted(client_for, thu, tam, communes,
                                                                  standard):
    from agencies.models import Membership

    Membership.objects.create(user=thu, agency=communes[0].agencies.get(), role="reporter")
    mine = submitted(communes[0], thu, figures())
    response = client_for(thu).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "1/QĐ-UBND", "decision_date": "25/11/2026"}, follow=True)
    assert "không thẩm định nó" in response.content.decode()
    assert Assessment.objects.get(pk=mine.pk).status == Status.SUBMITTED
    client_for(tam).post(f"/xa-phu-hop-tre-em/{mine.pk}/cong-nhan/", {
        "decision_number": "1/QĐ-UBND", "decision_date": "25/11/2026"})
    assert Assessment.objects.get(pk=mine.pk).status == Status.RECOGNISED


def test_it_lets_the_province_class_a_commune_and_rescores(client_for, xuan, thu, communes,
                                                            province, standard):
    # 899 points: enough for an "other" commune (850), not for a ward of a centrally-run
    # city (900).
    mine = submitted(communes[0], xuan, figures(**UNDER_900))
    assert mine.passes
    client_for(thu).post(f"/xa-phu-hop-tre-em/tinh/{province.pk}/loai-xa/{communes[0].pk}/", {
        "kind": "urban", "legal_basis": "Nghị quyết 1687/NQ-UBTVQH15", "nam": "2026"})
    mine.refresh_from_db()
    assert (mine.kind, mine.threshold, mine.passes) == ("urban", 900, False)
    assert mine.unit.child_friendly_kind.history.count() == 1


def test_it_refuses_a_commune_reporter_classing_communes(client_for, xuan, communes, province,
                                                         standard):
    response = client_for(xuan).post(
        f"/xa-phu-hop-tre-em/tinh/{province.pk}/loai-xa/{communes[0].pk}/",
        {"kind": "difficult", "legal_basis": "x"})
    assert response.status_code == 404
    assert not CommuneKind.objects.filter(unit=communes[0]).exists()


def test_it_refuses_a_save_from_a_stale_page(client_for, xuan, communes, standard, clock):
    from assessments.services import assessment_start

    assessment = assessment_start(unit=communes[0], year=2026)
    stale = _form(assessment, _typed(figures()))
    with clock(MOMENT):
        fill(assessment, xuan, {"2.1": figures()["2.1"]})
    response = client_for(xuan).post(f"/xa-phu-hop-tre-em/{assessment.pk}/nhap/", stale)
    assert "CHƯA được lưu" in response.content.decode()
    assert assessment.answers.count() == 1


def test_it_rescores_open_assessments_when_the_standard_is_corrected(
        xuan, thu, communes, standard, tmp_path, settings):
    import json

    from assessments.services import assessment_recognise, standard_load

    decided = assessment_recognise(assessment=submitted(communes[0], xuan, figures(i13_1=75)),
                                   by=thu,
                                   decision_number="3/QĐ-UBND",
                                   decision_date=datetime.date(2026, 11, 25))
    Membership.objects.create(user=xuan, agency=communes[1].agencies.get(), role="reporter")
    waiting = submitted(communes[1], xuan, figures(i13_1=75))  # both 975 of 1.000
    spec = json.loads((settings.FIXTURES_DIR / "assessments" / "06-QD-TTg-2019.json")
                      .read_text(encoding="utf-8"))
    spec["criteria"][12]["items"][0]["bands"] = [[80, 75], [70, 40]]  # 13.1 corrected
    spec["criteria"][12]["verified"] = True
    corrected = tmp_path / "06.json"
    corrected.write_text(json.dumps(spec), encoding="utf-8")
    standard_load(path=corrected)
    waiting.refresh_from_db()
    decided.refresh_from_db()
    assert (waiting.total, decided.total, decided.status) == (965, 975, Status.RECOGNISED)
    assert standard.criteria.get(number=13).verified
    spec["total_points"] = 999
    corrected.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="add up to 1000"):
        standard_load(path=corrected)
