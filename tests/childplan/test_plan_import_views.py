"""Plan import through HTTP: upload or paste, correct, confirm; administrators only."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from childplan.models import Plan
from tests.childplan.plan_reader_support import FIXTURES
from tests.conftest import make_user

UPLOAD = reverse("plan_import_upload")
REVIEW = reverse("plan_import_review")
TRIEU_SON = (FIXTURES / "documents" / "trieu-son-2021.txt").read_text(encoding="utf-8")
TRA_VINH = (FIXTURES / "documents" / "tra-vinh-2221-2021.txt").read_bytes()

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("an", is_staff=True, is_superuser=True))
    return client


def form_data(response) -> dict:
    """What the browser would send back for the review page as it was rendered."""
    data = {}
    for name in ("facts", "targets", "assignments", "local"):
        context = response.context[name]
        forms = [context] if name == "facts" else [context.management_form, *context]
        for form in forms:
            for field in form:
                value = field.value()
                if value is None or value is False:
                    continue
                if isinstance(value, datetime.date):
                    value = value.strftime("%d/%m/%Y")
                data[field.html_name] = value
    return data


def row_of(response, measure, year, area="all") -> str:
    for form in response.context["targets"]:
        initial = form.initial
        if (initial.get("measure"), initial.get("year"), initial.get("area")) == (
                measure, year, area):
            return form.prefix
    raise AssertionError(f"no row for {measure} {year}")


@pytest.mark.parametrize("persona", ["alice", "bob", "vy", "charlie"])
def test_it_refuses_everyone_but_administrators(persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"text": TRIEU_SON}).status_code == 403
    assert client.get(REVIEW).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_asks_for_a_file_or_a_text(admin_client):
    response = admin_client.post(UPLOAD, {"text": "  "})
    assert "Hãy tải lên một tệp hoặc dán nội dung văn bản" in response.content.decode()


def test_it_refuses_a_file_it_cannot_read(admin_client):
    upload = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04")
    response = admin_client.post(UPLOAD, {"document": upload})
    assert "Chỉ nhận tệp .txt, .docx, .pdf" in response.content.decode()


def test_the_review_step_needs_a_document_first(admin_client):
    assert admin_client.get(REVIEW)["Location"] == UPLOAD


def test_it_shows_what_it_read_beside_the_sentence_and_creates_nothing(admin_client):
    before = Plan.objects.count()
    response = admin_client.post(UPLOAD, {"document": SimpleUploadedFile("tv.txt", TRA_VINH)},
                                 follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == REVIEW
    assert len([r for r in response.context["target_rows"] if r[1]]) == 65
    assert "Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 1,9" in page
    assert 'data-measure="12" data-year="2025"' in page
    assert page.count("Chưa chắc chắn") == 2
    facts = response.context["facts"]
    assert facts["number"].value() == "2221/QĐ-UBND"
    assert facts["unit"].value() == Plan.objects.get(key="tra-vinh-2021").unit_id
    assert Plan.objects.count() == before


def test_it_lists_the_sentences_it_could_not_map(admin_client):
    text = (FIXTURES / "documents" / "dien-bien-phu-2021.txt").read_text(encoding="utf-8")
    response = admin_client.post(UPLOAD, {"text": text}, follow=True)
    assert len(response.context["read"].unmapped) == 9
    assert "Câu chưa ghép được với chỉ tiêu quốc gia" in response.content.decode()


def test_corrections_are_kept_between_steps_without_creating_the_plan(admin_client):
    review = admin_client.post(UPLOAD, {"text": TRIEU_SON}, follow=True)
    data = form_data(review) | {"action": "save"}
    data[f"{row_of(review, '3a', 2025)}-value"] = "2,4"
    before = Plan.objects.count()
    again = admin_client.post(REVIEW, data, follow=True)
    assert "Đã lưu các chỉnh sửa; kế hoạch chưa được tạo." in again.content.decode()
    assert again.context["targets"].forms[4].initial["value"] == "2,4"
    assert Plan.objects.count() == before


def test_an_administrator_corrects_and_confirms_and_the_plan_is_created(admin_client):
    review = admin_client.post(UPLOAD, {"text": TRIEU_SON}, follow=True)
    data = form_data(review) | {"action": "confirm"}
    data["unit"] = Plan.objects.get(key="trieu-son-2021").unit_id
    data["key"] = "trieu-son-nhap"
    data[f"{row_of(review, '3a', 2025)}-value"] = "2,4"
    data[f"{row_of(review, '12', 2030)}-DELETE"] = "on"
    added = f"targets-{len(review.context['read'].targets)}"
    data.update({f"{added}-measure": "19", f"{added}-year": "2030", f"{added}-comparator": ">=",
                 f"{added}-value": "100", f"{added}-area": "all", f"{added}-wording": "đạt"})
    response = admin_client.post(REVIEW, data)
    plan = Plan.objects.get(key="trieu-son-nhap")
    assert response["Location"] == reverse("plan_detail", args=[plan.pk])
    targets = {(t.measure.code, t.year, t.area): t for t in plan.targets.select_related("measure")}
    assert len(targets) == 63
    assert targets[("3a", 2025, "all")].value == Decimal("2.4")
    assert ("12", 2030, "all") not in targets
    assert targets[("19", 2030, "all")].comparator == ">="
    assert plan.consolidating_agency.name == "Phòng Lao động - Thương binh và Xã hội"
    assert (plan.deadline_day, plan.deadline_month) == (20, 11)
    assert plan.source_text == TRIEU_SON.strip()
    assert plan.assignments.filter(indicator__number=14, agency__name="Phòng Tư pháp").exists()
    assert admin_client.get(REVIEW)["Location"] == UPLOAD


def test_a_wrong_figure_is_named_and_nothing_is_created(admin_client):
    review = admin_client.post(UPLOAD, {"text": TRIEU_SON}, follow=True)
    data = form_data(review) | {"action": "confirm", "key": "trieu-son-nhap"}
    data[f"{row_of(review, '16', 2030)}-value"] = "99.5.1"
    response = admin_client.post(REVIEW, data)
    assert "Giá trị:" in response.content.decode()
    assert not Plan.objects.filter(key="trieu-son-nhap").exists()


def test_a_key_already_taken_is_refused_and_nothing_is_created(admin_client):
    review = admin_client.post(UPLOAD, {"text": TRIEU_SON}, follow=True)
    data = form_data(review) | {"action": "confirm", "key": "tra-vinh-2021"}
    before = Plan.objects.count()
    response = admin_client.post(REVIEW, data)
    assert "Đã có kế hoạch mã «tra-vinh-2021»" in response.content.decode()
    assert Plan.objects.count() == before


def test_a_pasted_text_with_a_nul_character_is_refused_in_vietnamese(admin_client):
    response = admin_client.post(UPLOAD, {"text": "KẾ HOẠCH\x00 thực hiện"})
    assert "Nội dung dán vào có ký tự rỗng (NUL)" in response.content.decode()


@override_settings(CHILDPLAN_PLAN_MAX_CHARACTERS=1000)
def test_a_text_longer_than_the_setting_is_refused_before_it_is_read(admin_client):
    response = admin_client.post(UPLOAD, {"text": TRIEU_SON})
    assert "vượt giới hạn 1.000 ký tự của một kế hoạch" in response.content.decode()
    assert admin_client.get(REVIEW)["Location"] == UPLOAD


def test_nul_characters_in_a_document_are_dropped_and_the_plan_can_be_created(admin_client):
    text = TRIEU_SON.replace("Kế hoạch", "Kế\x00 hoạch", 1).encode()
    review = admin_client.post(UPLOAD, {"document": SimpleUploadedFile("ts.txt", text)},
                               follow=True)
    data = form_data(review) | {"action": "confirm", "key": "trieu-son-nul"}
    data["unit"] = Plan.objects.get(key="trieu-son-2021").unit_id
    response = admin_client.post(REVIEW, data)
    assert response.status_code == 302
    assert "\x00" not in Plan.objects.get(key="trieu-son-nul").source_text
