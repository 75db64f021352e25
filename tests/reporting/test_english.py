"""With English active, the reporting messages a user reads come out in English; Vietnamese
stays the default. The settings of this branch hold Vietnamese alone, so the tests add
English to LANGUAGES themselves."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from reporting.deadlines import countdown
from reporting.models import Report, ReportStatus, Value
from reporting.reminders import reminder_send_digest, reminder_send_due
from reporting.services import ReportConflict, report_return
from tests.reporting.conftest import form_data

pytestmark = pytest.mark.django_db

BOTH = [("vi", "Tiếng Việt"), ("en", "English")]


def english():
    return override_settings(LANGUAGES=BOTH, LANGUAGE_CODE="vi")


def test_the_form_names_the_field_in_english(client_for, alice, report):
    client = client_for(alice)
    data = form_data(report, {"3a": {"numerator": "20", "denominator": "10"}})
    with english():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.post(reverse("report_edit", args=[report.pk]), data)
    text = page.content.decode()
    assert ("Indicator 3a, " in text
            and "the numerator (20) is greater than the denominator (10)." in text)
    assert "lớn hơn mẫu số" not in text
    assert not Value.objects.filter(report=report).exists()


def test_the_same_form_speaks_vietnamese_by_default(client_for, alice, report):
    client = client_for(alice)
    data = form_data(report, {"3a": {"numerator": "20", "denominator": "10"}})
    page = client.post(reverse("report_edit", args=[report.pk]), data)
    assert "Chỉ tiêu 3a, " in page.content.decode()
    assert "tử số (20) lớn hơn mẫu số (10)." in page.content.decode()


def test_a_refused_return_says_why_in_english(bob, report):
    report.status = ReportStatus.SUBMITTED
    report.save(update_fields=["status"])
    with english(), translation.override("en"), pytest.raises(ReportConflict) as refused:
        report_return(report=report, by=bob, comment="  ")
    assert str(refused.value) == ("When returning a report, state the reason so that the "
                                  "agency can correct it.")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    with pytest.raises(ReportConflict) as refused:
        report_return(report=report, by=bob, comment="")
    assert str(refused.value) == "Khi trả lại báo cáo, hãy ghi rõ lý do để cơ quan sửa."


def test_names_labels_and_countdowns_in_english_and_vietnamese(report):
    with english(), translation.override("en"):
        assert str(Report._meta.verbose_name) == "report"
        assert str(Report._meta.verbose_name_plural) == "reports"
        assert str(Report._meta.get_field("review_comment").verbose_name) == (
            "consolidating officer's comment")
        assert report.get_status_display() == "Draft"
        assert report.cycle.title == f"Report for {report.cycle.year}"
        assert countdown(report.cycle.deadline, report.cycle.deadline) == "due today"
        early = report.cycle.deadline - datetime.timedelta(days=3)
        assert countdown(report.cycle.deadline, early) == "3 days left"
    assert str(Report._meta.verbose_name_plural) == "báo cáo"
    assert report.get_status_display() == "Nháp"
    assert report.cycle.title == f"Báo cáo năm {report.cycle.year}"


def test_a_yes_no_cell_reads_yes_or_no_in_english():
    from reporting.excel.cells import number_format

    with english(), translation.override("en"):
        assert number_format("yes_no") == '[=1]"Yes";[=0]"No";General'
    assert number_format("yes_no") == '[=1]"Có";[=0]"Không";General'


@pytest.mark.parametrize("site_language, words", [
    ("vi", ("Còn 7 ngày", "Kính gửi cán bộ nhập liệu")),
    ("en", ("7 days left", "Dear data-entry officer")),
])
def test_reminders_are_written_in_the_site_language_whatever_the_worker_speaks(
        alice, bob, report, site_language, words):
    for user in (alice, bob):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    subject_words, body_words = words
    worker = "en" if site_language == "vi" else "vi"
    with override_settings(LANGUAGES=BOTH, LANGUAGE_CODE=site_language), \
            translation.override(worker):
        reminder_send_due(days_before=7, today=datetime.date(2026, 11, 13))
        reminder_send_digest(today=datetime.date(2026, 11, 21))
    due = next(m for m in mail.outbox if m.to == ["alice@example.vn"])
    assert subject_words in due.subject and body_words in due.body
    digest = next(m for m in mail.outbox if m.to == ["bob@example.vn"])
    expected = "báo cáo chưa nộp, quá hạn 1 ngày" if site_language == "vi" else \
        "not submitted, overdue by 1 day"
    assert expected in digest.subject
