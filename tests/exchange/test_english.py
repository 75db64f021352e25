"""With English asked for (Accept-Language: en), the API's refusals and their reasons come
out in English; without it, in Vietnamese. The settings of this branch hold Vietnamese alone,
so the tests add English to LANGUAGES themselves. The documentation page reads in the user's
language, while the OpenAPI schema it is built from stays Vietnamese."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from exchange.models import ApiToken
from exchange.services import api_token_create
from reporting.models import Value
from tests.test_english_pages import leaks_of

pytestmark = pytest.mark.django_db

BOTH = [("vi", "Tiếng Việt"), ("en", "English")]


def post(secret, path, body, language=None):
    headers = {"Authorization": f"Bearer {secret}"}
    if language:
        headers["Accept-Language"] = language
    with override_settings(LANGUAGES=BOTH):
        return Client().post(path, body, content_type="application/json", headers=headers)


def test_a_refused_document_names_each_row_in_english(token_for, alice, report):
    body = {"version": report.version, "figures": [{"measure": "99z", "value": "1.5"},
                                                   {"measure": "6", "value": "abc"}]}
    response = post(token_for(alice), f"/api/v1/reports/{report.pk}/figures", body, "en")
    assert response.status_code == 422
    reasons = [e["reason"] for e in response.json()["errors"]]
    assert any("not a number (use a dot for decimals" in r for r in reasons), reasons
    assert response.json()["detail"].startswith("The data sent is not valid: ")
    assert not Value.objects.filter(report=report).exists()


def test_an_unknown_measure_is_refused_in_english_and_in_vietnamese(token_for, alice, report):
    body = {"version": report.version, "figures": [{"measure": "99z", "value": "1.5"}]}
    secret = token_for(alice)
    english = post(secret, f"/api/v1/reports/{report.pk}/figures", body, "en").json()
    vietnamese = post(secret, f"/api/v1/reports/{report.pk}/figures", body).json()
    assert english["detail"].startswith("Nothing saved: 1 error. Indicator «99z» is not part "
                                        "of this report")
    assert vietnamese["detail"].startswith("Chưa ghi gì: 1 lỗi. Chỉ tiêu «99z» không thuộc "
                                           "báo cáo này")
    assert not Value.objects.filter(report=report).exists()


def test_an_unauthenticated_call_is_told_so_in_english(report):
    response = post("cp_not-a-token", f"/api/v1/reports/{report.pk}/figures", {}, "en")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Not authenticated: send an API access token")


def test_the_token_service_and_model_names_in_english(alice):
    with override_settings(LANGUAGES=BOTH), translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            api_token_create(user=alice, name="  ")
        assert refused.value.message_dict["name"] == [
            "Name: missing (for example «Province LGSP system»)."]
        assert str(ApiToken._meta.verbose_name_plural) == "API access tokens"
    assert str(ApiToken._meta.verbose_name_plural) == "mã truy cập API"
    assert not ApiToken.objects.filter(user=alice).exists()


def test_the_documentation_page_reads_in_english_and_the_schema_stays_vietnamese(client_for,
                                                                                   alice):
    client = client_for(alice)
    client.post(reverse("language_switch"), {"language": "en", "next": "/"})
    page = client.get(reverse("api_docs")).content.decode()
    assert '<html lang="en">' in page
    assert "ChildPlan&#x27;s open data API" in page  # the API's description
    assert "<h2>Reports</h2>" in page  # a tag
    assert "<p>The reports the account may see, with their status</p>" in page  # a summary
    assert "<td>query parameter</td>" in page and "<td>Plan ID (PlanOut.id)</td>" in page
    assert "<td>The figure rows: all are written or none; indicators not sent stay as they " \
           "are</td>" in page  # a field of a document sent
    assert leaks_of(page) == []
    # The schema itself is the same in every language: its texts stay Vietnamese.
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["paths"]["/api/v1/reports"]["get"]["summary"] == (
        "Các báo cáo tài khoản được xem, với trạng thái")

    client.post(reverse("language_switch"), {"language": "vi", "next": "/"})
    page = client.get(reverse("api_docs")).content.decode()
    assert '<html lang="vi">' in page
    assert "API dữ liệu mở của ChildPlan" in page and "<h2>Báo cáo</h2>" in page
    assert "<p>Các báo cáo tài khoản được xem, với trạng thái</p>" in page
    assert "<td>tham số truy vấn</td>" in page and "<td>Mã số kế hoạch (PlanOut.id)</td>" in page
