"""Evidence files: a small PDF or image is kept; anything else is refused with its reason,
and nothing of a refused file is kept."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from assessments.evidence import MAX_BYTES
from assessments.models import Evidence

pytestmark = pytest.mark.django_db


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#1f4e79").save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims width × height pixels (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.fixture
def draft(communes, standard):
    from assessments.services import assessment_start

    return assessment_start(unit=communes[0], year=2026)


def upload(client, assessment, name: str, data: bytes):
    assessment.refresh_from_db()
    return client.post(f"/xa-phu-hop-tre-em/{assessment.pk}/minh-chung/", {
        "version": assessment.version, "item": "",
        "file": SimpleUploadedFile(name, data, content_type="application/pdf")}, follow=True)


@pytest.mark.parametrize(("name", "make", "kind"), [
    ("bien-ban.pdf", pdf, "application/pdf"), ("anh-diem-vui-choi.png", png, "image/png")])
def test_it_keeps_a_small_pdf_or_image(client_for, xuan, draft, name, make, kind):
    client = client_for(xuan)
    page = upload(client, draft, name, make()).content.decode()
    assert f"Đã tải lên minh chứng «{name}»" in page
    evidence = Evidence.objects.get(assessment=draft)
    assert evidence.content_type == kind
    response = client.get(f"/xa-phu-hop-tre-em/{draft.pk}/minh-chung/{evidence.pk}/")
    assert response["Content-Type"] == kind
    assert response.content == bytes(evidence.data) and len(response.content) == evidence.size


HOSTILE = [
    ("too large", "lon.pdf", lambda: b"%PDF-1.7\n" + b"0" * MAX_BYTES, "vượt mức tối đa 5 MB"),
    ("a script named .pdf", "bao-cao.pdf", lambda: b"<script>alert(1)</script>",
     "không phải PDF, PNG hay JPEG"),
    ("an HTML page named .png", "anh.png", lambda: b"<html><body>x</body></html>",
     "không phải PDF, PNG hay JPEG"),
    ("a PDF cut short", "cat.pdf", lambda: pdf()[:200], "tệp PDF bị hỏng"),
    ("a PNG cut short", "cat.png", lambda: png()[:60], "ảnh bị hỏng"),
    ("a decompression bomb", "bom.png", lambda: png_claiming(100_000, 100_000), "quá lớn"),
    ("an empty file", "rong.pdf", lambda: b"", "rỗng"),
]


@pytest.mark.parametrize(("label", "name", "make", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_it_refuses_a_hostile_or_too_large_file(client_for, xuan, draft, label, name, make,
                                                reason):
    page = upload(client_for(xuan), draft, name, make()).content.decode()
    assert reason in page
    assert not Evidence.objects.filter(assessment=draft).exists()


def test_it_refuses_evidence_from_another_commune(client_for, yen, draft):
    response = upload(client_for(yen), draft, "x.pdf", pdf())
    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_it_refuses_evidence_once_submitted(client_for, xuan, communes, standard):
    from tests.assessments.conftest import figures, submitted

    mine = submitted(communes[0], xuan, figures())
    page = upload(client_for(xuan), mine, "muon.pdf", pdf()).content.decode()
    assert "Đã gửi thẩm định" in page
    assert not Evidence.objects.exists()


def remove(client, assessment, evidence, version=None):
    assessment.refresh_from_db()
    return client.post(f"/xa-phu-hop-tre-em/{assessment.pk}/minh-chung/{evidence.pk}/xoa/",
                       {"version": assessment.version if version is None else version},
                       follow=True)


def kept(assessment, by, name="bien-ban.pdf") -> Evidence:
    from assessments.services import evidence_add

    assessment.refresh_from_db()
    return evidence_add(assessment=assessment, by=by, name=name, data=pdf(),
                        version=assessment.version)


@pytest.mark.parametrize("returned", [False, True], ids=["draft", "returned"])
def test_it_lets_the_commune_reporter_delete_evidence(client_for, xuan, thu, communes,
                                                       standard, returned):
    from assessments.models import Assessment
    from assessments.services import assessment_return, assessment_start
    from tests.assessments.conftest import figures, submitted

    if returned:
        mine = assessment_return(assessment=submitted(communes[0], xuan, figures()), by=thu,
                                 comment="Bổ sung minh chứng chỉ số 6.1.")
    else:
        mine = assessment_start(unit=communes[0], year=2026)
    wrong, right = kept(mine, xuan, "nham-tep.pdf"), kept(mine, xuan, "bien-ban.pdf")
    page = remove(client_for(xuan), mine, wrong).content.decode()
    assert "Đã xóa minh chứng «nham-tep.pdf»" in page
    assert "nham-tep.pdf" not in page.split('id="evidence"', 1)[1].split("</ul>", 1)[0]
    assert list(Evidence.objects.values_list("pk", flat=True)) == [right.pk]
    event = Assessment.objects.get(pk=mine.pk).events.get(action="remove")
    assert (event.by, event.comment) == (xuan, "nham-tep.pdf")
    assert client_for(xuan).get(
        f"/xa-phu-hop-tre-em/{mine.pk}/minh-chung/{wrong.pk}/").status_code == 404


def test_it_refuses_to_delete_evidence_once_submitted(client_for, xuan, communes, standard):
    from assessments.services import assessment_start, assessment_submit
    from tests.assessments.conftest import figures, fill

    mine = fill(assessment_start(unit=communes[0], year=2026), xuan, figures())
    evidence = kept(mine, xuan)
    mine.refresh_from_db()
    mine = assessment_submit(assessment=mine, by=xuan, version=mine.version)
    page = remove(client_for(xuan), mine, evidence).content.decode()
    assert "Đã gửi thẩm định" in page
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert not mine.events.filter(action="remove").exists()


def test_it_refuses_a_delete_from_a_stale_page(client_for, xuan, draft):
    evidence = kept(draft, xuan)
    stale = draft.version - 1  # the page before the upload
    page = remove(client_for(xuan), draft, evidence, version=stale).content.decode()
    assert "CHƯA được lưu" in page
    assert Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize("persona", ["yen", "thu", "alice"])
def test_it_refuses_to_delete_evidence_for_others(request, client_for, xuan, thu, draft,
                                                  persona):
    evidence = kept(draft, xuan)
    draft.refresh_from_db()
    response = remove(client_for(request.getfixturevalue(persona)), draft, evidence)
    # Another commune and an outsider do not see it; the province's reviewer reads it but
    # does not enter the commune's assessment.
    assert response.status_code == {"yen": 404, "thu": 403, "alice": 404}[persona]
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert not draft.events.filter(action="remove").exists()
    assert draft.__class__.objects.get(pk=draft.pk).version == draft.version
