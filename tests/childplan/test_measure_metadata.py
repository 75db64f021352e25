"""The national measures carry their statistical metadata, and the measure page shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childplan.seeding.catalogue import load_catalogue, read_catalogue
from indicators.models import Measure

pytestmark = pytest.mark.django_db


def test_every_national_measure_is_described():
    measures = Measure.objects.national()
    assert measures.count() == len(read_catalogue()) == 34
    for measure in measures:
        assert measure.definition and measure.disaggregation, measure.code
        assert measure.source_detail and measure.collected_by, measure.code
        assert measure.get_source_kind_display() and measure.get_lowest_level_display()


def test_the_catalogue_loads_the_metadata_again_unchanged():
    before = list(Measure.objects.national().order_by("code").values())
    load_catalogue()
    assert list(Measure.objects.national().order_by("code").values()) == before


def _page(client_for, bob, code: str) -> str:
    measure = Measure.objects.get(code=code, plan=None)
    return client_for(bob).get(reverse("measure_detail", args=[measure.pk])).content.decode()


def test_the_measure_page_shows_a_survey_measure_as_the_province_s_to_enter(client_for, bob):
    page = _page(client_for, bob, "4a")
    assert "Thông tin thống kê của chỉ tiêu" in page
    assert 'Điều tra, tổng điều tra: <span lang="vi">Giám sát dinh dưỡng' in page
    assert "Hằng năm" in page and "Viện Dinh dưỡng" in page
    assert "không yêu cầu cấp xã báo cáo" in page
    assert "−2 độ lệch chuẩn" in page


def test_the_measure_page_shows_what_communes_report(client_for, bob):
    page = _page(client_for, bob, "5a")
    assert "Cấp xã" in page and "(các xã, phường báo cáo)" in page
    assert "Sổ tiêm chủng của trạm y tế xã" in page


def test_a_national_only_survey_says_so(client_for, bob):
    page = _page(client_for, bob, "10")
    assert "Chỉ cấp quốc gia" in page and "5 năm một lần" in page
