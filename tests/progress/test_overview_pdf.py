"""Leaders print the plan's overview: a PDF built by a worker, A4, the dashboard's figures
and the review's verdicts, nothing under 10 pt."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from progress.models import PaperBuild
from tests.progress.office import is_a4, read_pdf, require_office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def ask(client, plan, capture, **data):
    with capture(execute=True):  # the task is queued on commit, run eagerly
        return client.post(reverse("overview_pdf", args=[plan.pk]), data)


def layout_text(path) -> list[str]:
    """Page by page, as pdftotext lays the page out (a table row on one line)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_a_leader_downloads_the_overview_as_a4_pages_with_the_dashboard_s_figures(
        reviewed, client_for, vy, django_capture_on_commit_callbacks, tmp_path):
    require_office()
    client = client_for(vy)
    dashboard = client.get(reverse("plan_progress", args=[reviewed.pk]))
    assert "Tải bản PDF để in (A4)" in dashboard.content.decode()
    rows = [r for b in dashboard.context["blocks"] for r in b.rows]

    response = ask(client, reviewed, django_capture_on_commit_callbacks)
    build = PaperBuild.objects.get(requested_by=vy)
    assert response.url == reverse("annual_report_status", args=[build.pk])
    status = client.get(response.url).content.decode()
    assert "Đã xong" in status and "Tải bản PDF (A4)" in status
    download = client.get(reverse("annual_report_download", args=[build.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].endswith('.pdf"')
    path = tmp_path / "tien-do.pdf"
    path.write_bytes(download.content)

    printed = read_pdf(path)
    assert printed.pages and all(is_a4(size) for size in printed.pages)
    assert all(width > height for width, height in printed.pages)  # landscape, as laid out
    assert printed.smallest >= 9.95  # no text under 10 pt
    pages = layout_text(path)
    assert len(pages) == len(printed.pages)
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}" in page  # every page numbered, in order
    for page in pages[1:]:  # the table's header repeated on every page it runs on
        if re.search(r"^\s*\d+[a-z]?\s", page, re.MULTILINE):
            assert "Chỉ tiêu" in page and "Đánh giá" in page
    text = "\n".join(pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Sơ kết 2025: mục tiêu năm" in re.sub(r"\s+", " ", text)
    lines = [line.split() for line in text.splitlines()]
    for row in rows:  # each measure's line: its code, year, value and status as the page
        found = [line for line in lines if line and line[0] == row.measure.code]
        assert found, row.measure.code
        line = " ".join(found[0])
        if row.year is not None:
            assert f" {row.year} {row.value_text} " in f" {line} ", (row.measure.code, line)
        assert row.status_label.split()[0] in line
    verdicts = {r.measure.code: r.reviews[0].label for r in rows}
    assert (verdicts["5a"], verdicts["3a"], verdicts["5b"], verdicts["6"]) == (
        "Đạt", "Đạt", "Không đạt", "Chưa đánh giá được")
    flat = re.sub(r"\s+", " ", text)
    for label in ("Đạt", "Không đạt", "Chưa đánh giá được"):
        assert f": {label}" in flat or label in flat


def test_who_may_not_read_the_dashboard_gets_no_pdf(reviewed, client_for, charlie, vy,
                                                    django_capture_on_commit_callbacks):
    from django.test import Client

    assert ask(client_for(charlie), reviewed,
               django_capture_on_commit_callbacks).status_code == 403  # no role anywhere
    anonymous = ask(Client(), reviewed, django_capture_on_commit_callbacks)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous.url
    assert not PaperBuild.objects.exists()
    # A unit off the plan's drill-down is refused too, and nothing is queued.
    other = reviewed.unit.__class__.objects.exclude(pk=reviewed.unit_id).filter(
        level="province").first()
    response = ask(client_for(vy), reviewed, django_capture_on_commit_callbacks,
                   **{"don-vi": other.pk})
    assert response.status_code == 404 and not PaperBuild.objects.exists()


def test_a_pdf_is_downloaded_by_whoever_asked_for_it_only(
        reviewed, client_for, vy, bob, django_capture_on_commit_callbacks):
    require_office()
    ask(client_for(vy), reviewed, django_capture_on_commit_callbacks)
    build = PaperBuild.objects.get()
    url = reverse("annual_report_download", args=[build.pk])
    assert client_for(bob).get(url).status_code == 404
    assert client_for(vy).get(url).status_code == 200


def test_without_libreoffice_the_build_fails_with_a_message_and_no_file(
        reviewed, client_for, vy, django_capture_on_commit_callbacks, settings):
    settings.SOFFICE = "/nonexistent/soffice"
    ask(client_for(vy), reviewed, django_capture_on_commit_callbacks)
    build = PaperBuild.objects.get()
    assert build.status == PaperBuild.Status.FAILED and build.content is None
    page = client_for(vy).get(reverse("annual_report_status", args=[build.pk])).content.decode()
    assert "Không lập được" in page and "Tải bản PDF" not in page


def test_the_production_image_installs_what_prints_the_papers():
    from pathlib import Path

    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    assert "libreoffice-writer-nogui" in dockerfile and "fonts-liberation" in dockerfile
