"""`manage.py import_plan`: the dry run's JSON, and the plan it creates."""

import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

from childplan.documents import DocumentError, document_text
from childplan.models import Plan
from tests.childplan.plan_reader_support import FIXTURES, read_seed

TRA_VINH = FIXTURES / "documents" / "tra-vinh-2221-2021.txt"
TRIEU_SON = FIXTURES / "documents" / "trieu-son-2021.txt"


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_plan", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_it_prints_what_it_read_as_the_json_the_issue_names():
    data = json.loads(run(TRIEU_SON, "--dry-run", "--json"))
    assert list(data) == ["number", "date", "issuer", "period", "targets", "assignments",
                          "unmapped"]
    assert data["period"] == [2021, 2030]
    assert data["targets"][4] == {
        "indicator": 3, "measure": "3a", "year": 2025, "comparator": "<", "value": 2.5,
        "value_high": None, "area": "all", "unit": "‰",
        "text": "Giảm tỷ suất tử vong trẻ sơ sinh 1.000 trẻ đẻ sống xuống dưới 2,5% vào năm "
                "2025 và dưới 2% vào năm 2030"}
    assert data["assignments"][0] == {"agency": "Phòng Lao động - Thương binh và Xã hội",
                                      "indicators": [1, 2, 8, 9, 10, 11, 12, 22, 23, 24],
                                      "role": "lead"}
    assert data == read_seed("trieu-son-2021").to_json() | {"date": None}


@pytest.mark.django_db
def test_a_dry_run_creates_nothing():
    before = Plan.objects.count()
    run(TRA_VINH, "--dry-run")
    assert Plan.objects.count() == before


@pytest.mark.django_db
def test_it_creates_the_plan_with_its_targets_and_assignments():
    run(TRA_VINH, "--key", "tra-vinh-nhap")
    plan = Plan.objects.get(key="tra-vinh-nhap")
    seeded = Plan.objects.get(key="tra-vinh-2021")
    assert (plan.number, plan.issued_on, plan.unit, plan.period_label) == (
        "2221/QĐ-UBND", seeded.issued_on, seeded.unit, "2021–2030")
    assert plan.consolidating_agency.name == "Sở Lao động - Thương binh và Xã hội"
    assert plan.source_text.startswith("ỦY")
    as_read = {(t.measure.code, t.year, t.area, t.comparator, t.value, t.value_high)
               for t in plan.targets.select_related("measure")}
    as_seeded = {(t.measure.code, t.year, t.area, t.comparator, t.value, t.value_high)
                 for t in seeded.targets.select_related("measure")}
    assert as_read == as_seeded
    assert (sorted(plan.assignments.values_list("indicator__number", "agency__name", "role"))
            == sorted(seeded.assignments.values_list("indicator__number", "agency__name", "role")))


@pytest.mark.django_db
def test_it_refuses_a_key_already_taken_and_writes_nothing():
    before = Plan.objects.count()
    with pytest.raises(CommandError, match="Đã có kế hoạch mã «tra-vinh-2021»"):
        run(TRA_VINH, "--key", "tra-vinh-2021")
    assert Plan.objects.count() == before


@pytest.mark.django_db
def test_it_asks_for_the_unit_when_the_issuer_names_none(tmp_path):
    document = tmp_path / "ke-hoach.txt"
    document.write_text("KẾ HOẠCH\n2. Mục tiêu cụ thể\n- Tỷ lệ trẻ em dưới 5 tuổi được đăng ký "
                        "khai sinh đạt 99% vào năm 2025.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--unit"):
        run(document)


def test_it_reads_a_word_document(tmp_path):
    word = docx.Document()
    for line in TRIEU_SON.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    text = document_text("ke-hoach.docx", buffer.getvalue())
    assert "Chỉ tiêu 16: Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt 98,5%" in text


def pdf_with(text: str | None) -> bytes:
    """A one-page PDF; with text, a text layer in Helvetica; without, a blank page."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_it_reads_a_pdf_with_a_text_layer():
    assert "Chi tieu 14: dat 99,5% vao nam 2025" in document_text(
        "ke-hoach.pdf", pdf_with("Chi tieu 14: dat 99,5% vao nam 2025"))


def test_it_refuses_a_scanned_pdf_and_other_files_with_a_reason():
    with pytest.raises(DocumentError, match="không có lớp chữ"):
        document_text("scan.pdf", pdf_with(None))
    with pytest.raises(DocumentError, match="Chỉ nhận tệp .txt, .docx, .pdf"):
        document_text("bang.xlsx", b"PK")


def test_it_reads_text_saved_in_utf16():
    assert document_text("a.txt", "Kế hoạch".encode("utf-16")) == "Kế hoạch"
