"""A province's own Word template, uploaded by an administrator, writes its reports."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_user
from tests.progress.test_annual_report import document_of, request_report, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def word_file(*lines: str) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, name: str, data: bytes, unit=None):
    return client.post(reverse("admin:progress_reporttemplate_add"), {
        "name": name, "unit": unit.pk if unit else "",
        "file": SimpleUploadedFile("mau.docx", data)})


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("quantri", is_staff=True, is_superuser=True))
    return client


def test_the_province_s_template_writes_its_reports(admin_client, tra_vinh_plan, bob,
                                                     django_capture_on_commit_callbacks):
    from tests.reporting.conftest import approve_figures

    own = word_file("{{ head.issuer }} — MẪU RIÊNG TRÀ VINH", "{{ title }}",
                    "{%p for goal in goals %}", "{{ goal.title }}: {{ goal.rows|length }}",
                    "{%p endfor %}")
    response = upload(admin_client, "Mẫu Trà Vinh", own, tra_vinh_plan.unit)
    assert response.status_code == 302, response.content.decode()[:500]
    cycle = approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6"}).cycle

    admin_client.force_login(bob)
    build = admin_client.get(request_report(admin_client, cycle,
                                            django_capture_on_commit_callbacks)["Location"]
                             ).context["build"]
    lines = texts(document_of(admin_client.get(reverse("annual_report_download",
                                                       args=[build.pk]))))
    assert lines[0] == "SỞ Y TẾ — MẪU RIÊNG TRÀ VINH"
    assert lines[1].startswith("Kết quả thực hiện") and lines[1].endswith("năm 2024")
    from progress.workbook.summary import summary_for

    first = summary_for(plan=tra_vinh_plan, unit=tra_vinh_plan.unit, year=2024).groups[0]
    assert lines[2] == f"{first.title}: {len(first.rows)}"


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip", "Tệp không phải mẫu báo cáo (.docx)"),
    (word_file("{{ head.issuer "), "thẻ không hợp lệ"),
    (word_file("Chỉ có chữ, không thẻ nào"), "không dùng số liệu nào"),
])
def test_a_template_that_cannot_write_a_report_is_refused(admin_client, data, message):
    from progress.models import ReportTemplate

    response = upload(admin_client, "Mẫu hỏng", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', page, re.S)
    assert not ReportTemplate.objects.exists()
