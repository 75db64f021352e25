"""The Excel upload checks the validation rules across measures as the form does: the preview
names each broken rule with its severity; a rule that blocks a submission refuses the file,
one asking for a confirmation is saved only once the reporter ticks the figure."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reporting.models import ValidationRule, Value
from tests.reporting.test_excel_upload import download, fill, stored, upload
from tests.reporting.test_validation_rules import SAID

pytestmark = pytest.mark.django_db

# The case: neonatal mortality 4 ‰ above the under-5 mortality of 2,6 ‰.
BROKEN = {"3a": {"Tử số": 40, "Mẫu số": 10000}, "3b": {"Tử số": 26, "Mẫu số": 10000},
          "3c": {"Tử số": 26, "Mẫu số": 10000}}
HIGH_5A = {"5a": {"Tử số": 9960, "Mẫu số": 10000}}  # 99,6 % fully immunised


@pytest.fixture
def rare_coverage():
    return ValidationRule.objects.create(
        left="5a", operator="le", right="99,0", severity="confirm",
        message="Tỷ lệ tiêm chủng đầy đủ trên 99% rất hiếm gặp.")


def _preview(client, report, figures):
    response = upload(client, report, fill(download(client, report), figures))
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.mark.parametrize(("figures", "said"), [
    (BROKEN, True),
    ({**BROKEN, "3a": {"Tử số": 19, "Mẫu số": 10000}}, False),
    ({"3a": BROKEN["3a"], "3c": BROKEN["3c"]}, False),  # 3b missing: the rule is skipped
    ({"3a": {"Giá trị": 4}, "3b": {"Giá trị": "2,6"}}, True),  # rates typed alone too
])
def test_the_preview_names_a_blocking_rule_and_offers_no_confirmation(client, alice, report,
                                                                       figures, said):
    client.force_login(alice)
    response, page = _preview(client, report, figures)
    assert (SAID in page) is said
    assert (response.context["confirm"] is None) is said
    if said:
        assert "<strong>Chặn nộp:</strong>" in page
        assert "(3a = 4, 3b = 2,6; cần 3a ≤ 3b.)" in page
        assert "Hãy sửa số liệu trước khi nộp." in page
    assert stored(report) == {}


def test_a_blocking_rule_is_checked_again_on_confirmation(client, alice, report):
    """A preview confirmed while the saved figures changed under it: the rule is judged on what
    the report would hold, not on what the preview saw."""
    client.force_login(alice)
    response, _ = _preview(client, report, {"3a": BROKEN["3a"]})
    payload = response.context["confirm"]["payload"].value()
    Value.objects.create(report=report, measure=report.measures().get(code="3b"), value=2.6)
    refused = client.post(reverse("report_excel_confirm", args=[report.pk]),
                          {"payload": payload}, follow=True).content.decode()
    assert SAID in refused and "Hãy sửa số liệu trước khi nộp." in refused
    assert set(stored(report)) == {"3b"}


def test_a_rule_asking_for_confirmation_needs_the_tick(client, alice, report, rare_coverage):
    client.force_login(alice)
    response, page = _preview(client, report, HIGH_5A)
    assert "<strong>Cần xác nhận:</strong>" in page
    assert "Tỷ lệ tiêm chủng đầy đủ trên 99% rất hiếm gặp. (5a = 99,6; cần 5a ≤ 99,0.)" in page
    assert "Tôi xác nhận số liệu chỉ tiêu 5a trong tệp là đúng" in page
    payload = response.context["confirm"]["payload"].value()
    url = reverse("report_excel_confirm", args=[report.pk])

    refused = client.post(url, {"payload": payload}, follow=True).content.decode()
    assert "Chưa đánh dấu xác nhận số liệu 5a" in refused
    assert stored(report) == {}

    done = client.post(url, {"payload": payload, "confirm": ["5a"]})
    assert done.status_code == 302
    assert Value.objects.get(report=report, measure__code="5a").confirmed


def test_a_figure_within_the_rules_needs_no_tick(client, alice, report, rare_coverage):
    client.force_login(alice)
    response, page = _preview(client, report, {"5a": {"Tử số": 9612, "Mẫu số": 10000}})
    assert 'id="rules"' not in page
    client.post(reverse("report_excel_confirm", args=[report.pk]),
                {"payload": response.context["confirm"]["payload"].value()})
    five_a = Value.objects.get(report=report, measure__code="5a")
    assert not five_a.confirmed
