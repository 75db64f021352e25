"""The annual report in Word, written by a worker for the consolidating office."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.progress.office import is_a4, read_pdf, to_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

NARRATIVES = {
    "Sở Y tế": {"results": "Tiêm chủng đầy đủ cho 98% trẻ dưới 1 tuổi.",
                "difficulties": "Thiếu cán bộ y tế cơ sở.",
                "proposals": "Bổ sung biên chế y tế xã.", "budget_spent": 1_250_000_000},
    "Sở Giáo dục và Đào tạo": {"results": "Tất cả trường học có phòng tư vấn học đường.",
                               "difficulties": "", "proposals": "",
                               "budget_spent": 300_500_000},
}


@pytest.fixture
def tra_vinh_2024(tra_vinh_plan):
    from progress.services import snapshots_recompute
    from reporting.models import Report, ReportingCycle
    from tests.reporting.conftest import approve_figures

    approve_figures(tra_vinh_plan, "Sở Y tế", 2023, {"6": "2.1", "3a": "9.8"})
    approve_figures(tra_vinh_plan, "Sở Y tế", 2024, {"6": "1.6", "3a": "10.4"})
    cycle = ReportingCycle.objects.get(plan=tra_vinh_plan, year=2024, kind="annual")
    for name, texts in NARRATIVES.items():
        Report.objects.filter(cycle=cycle, agency__name=name).update(**texts)
    Report.objects.filter(cycle=cycle, agency__name="Sở Giáo dục và Đào tạo").update(
        status="approved")
    snapshots_recompute(plan=tra_vinh_plan)
    return cycle


def request_report(client, cycle, capture):
    with capture(execute=True):  # the task is queued on commit, run eagerly
        return client.post(reverse("annual_report_request", args=[cycle.pk]))


def document_of(response):
    from docx import Document

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return Document(io.BytesIO(response.content))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_office_asks_follows_the_progress_and_downloads_the_report(
        client, bob, tra_vinh_plan, tra_vinh_2024, django_capture_on_commit_callbacks):
    client.force_login(bob)
    page = client.get(reverse("cycle_completeness", args=[tra_vinh_2024.pk])).content.decode()
    assert reverse("annual_report_request", args=[tra_vinh_2024.pk]) in page

    response = request_report(client, tra_vinh_2024, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    status = client.get(response["Location"])
    body = status.content.decode()
    assert "Đã xong" in body and 'value="100"' in body
    assert 'http-equiv="refresh"' not in body  # done: the page stops reloading
    download = status.context["build"]
    document = document_of(client.get(reverse("annual_report_download", args=[download.pk])))

    head = document.tables[0]
    left, right = (cell.text.split("\n") for cell in head.rows[0].cells)
    assert [line for line in left if line] == ["UBND TỈNH TRÀ VINH", "SỞ Y TẾ", "Số:          /BC"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[2].startswith("Trà Vinh, ngày ")
    lines = texts(document)
    order = [lines.index(heading) for heading in (
        "BÁO CÁO", "I. KẾT QUẢ THỰC HIỆN", "1. Công tác chỉ đạo, điều hành",
        "2. Kết quả thực hiện các chỉ tiêu", "3. Kết quả đạt được của các cơ quan, đơn vị",
        "II. KHÓ KHĂN, VƯỚNG MẮC", "III. KIẾN NGHỊ, ĐỀ XUẤT", "IV. KINH PHÍ THỰC HIỆN",
        "PHỤ LỤC 1", "PHỤ LỤC 2")]
    assert order == sorted(order)
    # The agencies' words, gathered by agency, each under its section.
    results = lines[order[4] + 1:order[5]]
    assert results == ["Sở Giáo dục và Đào tạo", NARRATIVES["Sở Giáo dục và Đào tạo"]["results"],
                       "Sở Y tế", NARRATIVES["Sở Y tế"]["results"]]
    assert lines[order[5] + 1:order[6]] == ["- Sở Y tế: Thiếu cán bộ y tế cơ sở."]
    assert lines[order[6] + 1:order[7]] == ["- Sở Y tế: Bổ sung biên chế y tế xã."]
    assert "1.550.500.000 đồng" in lines[order[7] + 1]
    budget = next(t for t in document.tables if t.rows[0].cells[1].text == "Cơ quan, đơn vị")
    assert table_rows(budget)[1:] == [["1", "Sở Giáo dục và Đào tạo", "300.500.000"],
                                      ["2", "Sở Y tế", "1.250.000.000"]]
    assert "THỦ TRƯỞNG CƠ QUAN" in document.tables[-1].rows[0].cells[1].text \
        or any("THỦ TRƯỞNG CƠ QUAN" in t.rows[0].cells[-1].text for t in document.tables)
    assert len(document.inline_shapes) >= 1  # the charts, as images
    styles = {document.styles["Normal"].font.name}
    assert styles == {"Times New Roman"}


def test_its_figures_are_the_dashboard_s(client, bob, tra_vinh_plan, tra_vinh_2024,
                                         django_capture_on_commit_callbacks):
    client.force_login(bob)
    page = client.get(reverse("plan_progress", args=[tra_vinh_plan.pk]))
    dashboard = {r.measure.code: r for b in page.context["blocks"] for r in b.rows}
    build = client.get(request_report(client, tra_vinh_2024, django_capture_on_commit_callbacks)
                       ["Location"]).context["build"]
    document = document_of(client.get(reverse("annual_report_download", args=[build.pk])))

    goal_tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"
                   and t.rows[0].cells[-1].text == "Đánh giá"]
    rows = {r[1].split(".")[0]: r for t in goal_tables for r in table_rows(t)[1:]}
    assert len(rows) == len(dashboard) > 20
    for code, row in dashboard.items():
        shown = rows[code]
        # As the page shows it (two decimals at most), not as the database keeps it.
        assert shown[5] == (row.value_text if row.year == 2024 else ""), code
        assert shown[6] == row.status_label, code
    assert rows["3a"][5] == "10,4" and rows["6"][5] == "1,6"

    annex = document.tables[-2] if len(document.tables[-1].rows) == 1 else document.tables[-1]
    header = table_rows(annex)[0]
    assert header[:3] == ["STT", "Chỉ tiêu", "Đơn vị tính"] and header[-2:] == ["2023", "2024"]
    line = next(r for r in table_rows(annex) if r[1].startswith("3a."))
    assert line[-2:] == ["9,8", "10,4"]


def test_only_the_consolidating_office_writes_it(client, tra_vinh_plan, tra_vinh_2024, alice,
                                                 bob, vy, charlie, son, dung,
                                                 django_capture_on_commit_callbacks):
    url = reverse("annual_report_request", args=[tra_vinh_2024.pk])
    for user, status in ((alice, 403), (dung, 403), (vy, 403), (charlie, 403), (son, 404)):
        client.force_login(user)
        assert client.post(url).status_code == status, user.username
        page = client.get(reverse("cycle_completeness", args=[tra_vinh_2024.pk]))
        assert url not in page.content.decode()
    client.logout()
    assert client.post(url).status_code == 302  # to the sign-in page
    from progress.models import PaperBuild

    assert not PaperBuild.objects.exists()

    client.force_login(bob)
    build = client.get(request_report(client, tra_vinh_2024, django_capture_on_commit_callbacks)
                       ["Location"]).context["build"]
    assert client.get(url).status_code == 405  # asking is a POST
    other = make_user("bob2", agency=tra_vinh_plan.consolidating_agency, role="reviewer")
    client.force_login(other)  # a colleague: the download is the requester's
    assert client.get(reverse("annual_report_download", args=[build.pk])).status_code == 404
    assert client.get(reverse("annual_report_status", args=[build.pk])).status_code == 404


def test_libreoffice_prints_it_on_a4_at_ten_points_or_more(client, bob, tra_vinh_2024, tmp_path,
                                                          django_capture_on_commit_callbacks):
    client.force_login(bob)
    build = client.get(request_report(client, tra_vinh_2024, django_capture_on_commit_callbacks)
                       ["Location"]).context["build"]
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(client.get(reverse("annual_report_download", args=[build.pk])).content)
    printed = read_pdf(to_pdf(path))

    assert all(is_a4(page) and page[0] < page[1] for page in printed.pages)  # portrait
    assert printed.smallest >= 10, [s for s in printed.sizes if s[0] < 10][:5]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed.text
    assert len(printed.pages) == EXPECTED_PAGES, len(printed.pages)


# Two pages of goal tables (34 measures), the agencies' words, the budget and the
# signatures on the third; the annex of every year over two more, the one chart after it.
EXPECTED_PAGES = 5
