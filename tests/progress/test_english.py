"""With English active, the dashboards' and the workbook's fixed words come out in English;
the workbook's national title and motto, and the plan's own words, stay as written;
Vietnamese stays the default. The settings of this branch hold Vietnamese alone, so the
tests add English to LANGUAGES themselves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from indicators.progress import TargetSpec
from progress.charts import series_chart
from progress.models import PaperBuild, Snapshot
from progress.papers.access import access_cycle_for_report
from progress.services import snapshots_recompute
from progress.verdicts import review_verdict
from reporting.models import ReportingCycle
from tests.progress.test_dashboard_pages import national_data  # noqa: F401
from tests.progress.test_workbook import export
from tests.reporting.conftest import approve_figures, cycle  # noqa: F401
from tests.reporting.excel_support import workbook_of

pytestmark = pytest.mark.django_db

BOTH = [("vi", "Tiếng Việt"), ("en", "English")]


def test_the_workbook_in_english_keeps_the_national_title_and_the_plan_s_words(
        client, tra_vinh_plan, bob, clock):
    approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6"})
    client.force_login(bob)
    with override_settings(LANGUAGES=BOTH), clock("2025-12-05T09:00:00+07:00"):
        snapshots_recompute(plan=tra_vinh_plan)
        cycle = ReportingCycle.objects.get(plan=tra_vinh_plan, year=2024, kind="annual")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        book = workbook_of(client.get(reverse("summary_export", args=[cycle.pk])))
    assert book.sheetnames == ["Summary", "All years", "By unit", "Source figures"]
    sheet = book["Summary"]
    assert sheet["A5"].value == "Form 01"
    assert sheet["A6"].value == "SUMMARY OF RESULTS AGAINST THE INDICATORS"
    assert sheet["A7"].value.startswith("(Implementing ") and tra_vinh_plan.number in (
        sheet["A7"].value)
    texts = {c.value for row in sheet.iter_rows(max_row=3) for c in row if c.value}
    assert {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"} <= texts
    assert "PREPARED BY" in {c.value for row in sheet.iter_rows() for c in row}


def test_the_workbook_stays_vietnamese_by_default(client, tra_vinh_plan, bob, clock):
    approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6"})
    client.force_login(bob)
    with clock("2025-12-05T09:00:00+07:00"):
        book = workbook_of(export(client, tra_vinh_plan, 2024))
    assert book.sheetnames[0] == "Tổng hợp"


def test_a_leader_is_refused_the_annual_report_in_english(vy, cycle):  # noqa: F811
    before = PaperBuild.objects.count()
    with override_settings(LANGUAGES=BOTH), translation.override("en"), \
            pytest.raises(PermissionDenied) as refused:
        access_cycle_for_report(vy, cycle.pk)
    assert str(refused.value).startswith("Only the consolidating officers of the plan's")
    with pytest.raises(PermissionDenied) as refused:
        access_cycle_for_report(vy, cycle.pk)
    assert str(refused.value).startswith("Chỉ cán bộ tổng hợp")
    assert PaperBuild.objects.count() == before


def test_chart_names_model_names_and_choice_labels_in_english():
    with override_settings(LANGUAGES=BOTH), translation.override("en"):
        figure = series_chart(points=[(2023, Decimal(1)), (2024, Decimal(2))],
                              targets=[(2030, Decimal(5), "đạt 5")], unit_label="%", title="6")
        assert [t.name for t in figure.data] == ["Actual", "Target 2030",
                                                 "Path needed to reach 2030"]
        assert figure.data[1].text == ("đạt 5",)  # the target as the plan worded it
        assert str(Snapshot._meta.verbose_name_plural) == "aggregated figures"
        assert PaperBuild.Status.DONE.label == "Done"
    assert PaperBuild.Status.DONE.label == "Đã xong"


def test_the_overview_cache_keeps_one_copy_per_language(client_for, bob,
                                                        national_data):  # noqa: F811
    """A page built for an English reader is never served to a Vietnamese one."""
    client = client_for(bob)
    url = reverse("plan_progress", args=[national_data["plan"].pk])
    with override_settings(LANGUAGES=BOTH):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english_page = client.get(url)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
        vietnamese_page = client.get(url)
    # The status words of the measures and of the units below (the cached part of the page).
    assert "Achieved" in english_page.content.decode()
    assert "Achieved" not in vietnamese_page.content.decode()
    assert "Đã đạt" in vietnamese_page.content.decode()


def test_a_review_verdict_says_why_in_english_and_in_vietnamese():
    target = TargetSpec(2025, ">=", Decimal("95"), None)
    with translation.override("en"):
        english_verdict = review_verdict({2025: Decimal("94.99")}, [target], year=2025,
                                         direction="increase", from_review=True)
        unknown = review_verdict({}, [target], year=2025, direction="increase")
        assert english_verdict.label == "Not met"
        assert english_verdict.reason.startswith("2025: 94.99 (figure of the mid-term or final")
        assert english_verdict.reason.endswith("; target not met.")
        assert unknown.reason == "No figure for 2025 yet."
    vietnamese = review_verdict({2025: Decimal("94.99")}, [target], year=2025,
                                direction="increase", from_review=True)
    assert vietnamese.label == "Không đạt"
    assert vietnamese.reason.startswith("Năm 2025: 94,99 (số liệu của kỳ sơ kết, tổng kết)")
    assert vietnamese.reason.endswith("; chưa đạt mục tiêu.")
