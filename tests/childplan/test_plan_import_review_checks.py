"""The review step of the plan import: texts of any form, units valid at the plan's date,
and every check of confirmation made before it, shown as unsure with its reason."""

import pytest
from django.urls import reverse

from agencies.models import AdminUnit, UnitLevel
from childplan.models import Plan
from indicators.models import Measure
from tests.childplan.test_plan_import_views import form_data, row_of
from tests.conftest import make_user

UPLOAD = reverse("plan_import_upload")
REVIEW = reverse("plan_import_review")

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("an", is_staff=True, is_superuser=True))
    return client

EXCERPT = (
    "- Chỉ tiêu 2: Tỷ lệ trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát "
    "triển toàn diện đạt 85% vào năm 2025 và 92% vào năm 2030.\n"
    "- Chỉ tiêu 6: Giảm tỷ lệ lây truyền HIV từ mẹ sang con xuống dưới 2% vào năm 2030.\n")

VINH_LONG = (
    "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nSố: 88/KH-UBND\nVĩnh Long, ngày 15 tháng 8 năm 2026\n"
    "KẾ HOẠCH\nThực hiện công tác trẻ em năm 2026\n"
    "II. CHỈ TIÊU\n"
    "1. Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 99%.\n"
    "2. Giảm tỷ suất tử vong trẻ sơ sinh xuống dưới 6‰ vào năm 2025.\n"
    "III. NHIỆM VỤ\n1. Tuyên truyền.\n")


def vinh_long(valid_to_none: bool) -> AdminUnit:
    units = AdminUnit.objects.filter(level=UnitLevel.PROVINCE, name="Tỉnh Vĩnh Long")
    return units.get(valid_to__isnull=valid_to_none)


def test_a_pasted_excerpt_without_any_header_gives_its_targets(admin_client):
    review = admin_client.post(UPLOAD, {"text": EXCERPT}, follow=True)
    rows = {(t.measure, t.year, t.comparator, str(t.value)) for t in review.context["read"].targets}
    assert rows == {("2", 2025, ">=", "85"), ("2", 2030, ">=", "92"), ("6", 2030, "<", "2")}
    assert "(0 chưa chắc chắn)" in " ".join(review.content.decode().split())


def test_the_unit_list_offers_only_units_valid_at_the_plans_date(admin_client):
    review = admin_client.post(UPLOAD, {"text": VINH_LONG}, follow=True)
    facts = review.context["facts"]
    new, old = vinh_long(True), vinh_long(False)
    assert facts["unit"].value() == new.pk
    labels = [label for value, label in facts.fields["unit"].choices if value]
    assert labels.count("Tỉnh Vĩnh Long (từ 01/07/2025)") == 1
    assert not any(label.startswith("Tỉnh Vĩnh Long (đến") for label in labels)
    assert not any(label.startswith("Tỉnh Trà Vinh") for label in labels)
    assert review.context["read"].title == "Kế hoạch Thực hiện công tác trẻ em năm 2026"
    assert review.context["read"].period == (2026, 2026)
    data = form_data(review) | {"action": "confirm", "unit": old.pk, "key": "vinh-long-2026"}
    refused = admin_client.post(REVIEW, data)
    assert "Địa bàn" in refused.content.decode()
    assert not Plan.objects.filter(key="vinh-long-2026").exists()


def test_every_check_of_confirmation_is_shown_before_as_unsure(admin_client):
    review = admin_client.post(UPLOAD, {"text": VINH_LONG}, follow=True)
    page = review.content.decode()
    # The 2025 target lies outside the yearly plan of 2026: shown, not only refused later.
    assert "Năm 2025 nằm ngoài giai đoạn 2026–2026." in page
    assert review.context["unsure_count"] >= 1
    data = form_data(review) | {"action": "confirm", "key": "vinh-long-2026"}
    data[f"{row_of(review, '3a', 2025)}-DELETE"] = "on"
    response = admin_client.post(REVIEW, data)
    plan = Plan.objects.get(key="vinh-long-2026")
    assert response.status_code == 302
    assert plan.unit == vinh_long(True)
    assert [(t.measure.code, t.year) for t in plan.targets.select_related("measure")] == [
        ("14", 2026)]


def test_a_key_already_taken_is_named_before_confirmation(admin_client):
    review = admin_client.post(UPLOAD, {"text": EXCERPT}, follow=True)
    data = form_data(review) | {"action": "save", "key": "tra-vinh-2021",
                                "title": "Kế hoạch thử", "issuer": "UBND tỉnh Trà Vinh",
                                "unit": Plan.objects.get(key="tra-vinh-2021").unit_id}
    page = admin_client.post(REVIEW, data, follow=True).content.decode()
    assert "Chưa thể tạo kế hoạch" in page
    assert "Đã có kế hoạch mã «tra-vinh-2021»" in page


OWN = (
    "KẾ HOẠCH\nBảo vệ trẻ em thành phố Điện Biên Phủ giai đoạn 2021 - 2025\n"
    "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
    "- Ít nhất 98% trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng, trợ giúp vào năm "
    "2025.\n"
    "- 100% Ban Bảo vệ trẻ em cấp xã hoạt động có hiệu quả vào năm 2025.\n"
    "- Xây dựng đội ngũ cộng tác viên bảo vệ trẻ em đạt 12 xã/phường vào năm 2025.\n"
    "III. NHIỆM VỤ\n1. Tuyên truyền.\n")


def test_a_local_measure_is_proposed_edited_and_accepted_and_another_dropped(admin_client):
    review = admin_client.post(UPLOAD, {"text": OWN}, follow=True)
    proposed = review.context["read"].local_measures
    assert [(m["name"], m["unit_kind"]) for m in proposed] == [
        ("Tỷ lệ Ban Bảo vệ trẻ em cấp xã hoạt động có hiệu quả", "percent"),
        ("Số đội ngũ cộng tác viên bảo vệ trẻ em", "count")]
    assert "Chỉ tiêu riêng của kế hoạch" in review.content.decode()
    data = form_data(review) | {"action": "confirm", "key": "dbp-rieng",
                                "issuer": "UBND thành phố Điện Biên Phủ",
                                "unit": Plan.objects.get(key="dien-bien-phu-2021").unit_id}
    data["local-0-accept"] = "on"
    data["local-0-name"] = "Tỷ lệ Ban Bảo vệ trẻ em cấp xã hoạt động hiệu quả"
    response = admin_client.post(REVIEW, data)
    assert response.status_code == 302
    plan = Plan.objects.get(key="dbp-rieng")
    rows = sorted((t.measure.code, t.measure.name, t.year, t.comparator, t.value)
                  for t in plan.targets.select_related("measure"))
    assert rows == [
        ("8b", "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng, trợ giúp", 2025,
         ">=", 98),
        ("L1", "Tỷ lệ Ban Bảo vệ trẻ em cấp xã hoạt động hiệu quả", 2025, ">=", 100)]
    assert list(Measure.objects.filter(plan=plan).values_list("code", "unit_kind")) == [
        ("L1", "percent")]
