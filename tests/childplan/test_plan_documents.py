"""The text of a plan document: the same as python-docx reads, within the reader's limits."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_BREAK

from childplan.documents import DocumentError, document_text
from tests.hostile.make_corpus import pdf, text_page, with_body


def python_docx_text(data: bytes) -> str:
    """How the plan import read a .docx with python-docx: paragraphs, then table cells."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_paragraphs_and_tables_as_python_docx_does():
    document = docx.Document()
    title = document.add_paragraph("KẾ HOẠCH")
    title.add_run("\tthực hiện").add_break()
    title.add_run("Chương trình").add_break(WD_BREAK.PAGE)
    document.add_paragraph("Chỉ tiêu 14: đạt 99,5% vào năm 2025")
    table = document.add_table(rows=3, cols=3)
    for row in range(3):
        for col in range(3):
            table.cell(row, col).text = f"ô {row}-{col}"
    table.cell(0, 0).merge(table.cell(0, 1))  # one cell over two columns
    table.cell(1, 2).merge(table.cell(2, 2))  # one cell over two rows
    table.cell(2, 0).add_paragraph("dòng hai")
    table.cell(2, 1).add_table(1, 1).cell(0, 0).text = "bảng lồng"
    data = saved(document)
    assert document_text("ke-hoach.docx", data) == python_docx_text(data)


def test_it_reads_hyperlinks_and_special_characters_as_python_docx_does():
    data = with_body(
        '<w:p><w:hyperlink><w:r><w:t>Quyết định</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> 23</w:t><w:noBreakHyphen/><w:t>QĐ</w:t><w:cr/>'
        '<w:ptab/><w:t>TTg</w:t></w:r><w:ins><w:r><w:t>sửa</w:t></w:r></w:ins>'
        '<w:r><w:delText>xóa</w:delText></w:r></w:p>')
    assert document_text("a.docx", data) == python_docx_text(data) == "Quyết định 23-QĐ\n\tTTg"


def test_it_reads_a_table_python_docx_cannot_open():
    data = with_body('<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>ô</w:t>'
                     "</w:r></w:p></w:tc></w:tr></w:tbl>")
    with pytest.raises(ValueError):
        python_docx_text(data)
    assert document_text("a.docx", data) == "ô"


def test_a_cell_spanning_a_billion_columns_stops_at_the_line_limit():
    data = with_body('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
                     "<w:p/></w:tc></w:tr></w:tbl>")
    with pytest.raises(DocumentError, match="Văn bản có hơn 50 dòng"):
        document_text("a.docx", data, max_lines=50)


def test_a_word_document_longer_than_the_limit_is_refused_as_it_is_read():
    data = saved_with(["Kế hoạch " * 100] * 3)
    assert document_text("a.docx", data, max_characters=3000).count("Kế hoạch") == 300
    with pytest.raises(DocumentError, match="Văn bản dài hơn 2.000 ký tự"):
        document_text("a.docx", data, max_characters=2000)


def saved_with(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return saved(document)


def test_a_text_file_longer_than_the_limit_is_refused_with_its_length():
    with pytest.raises(DocumentError, match="Văn bản dài 1.001 ký tự, vượt giới hạn 1.000"):
        document_text("a.txt", b"x" * 1001, max_characters=1000)
    with pytest.raises(DocumentError, match="Văn bản có 11 dòng, vượt giới hạn 10 dòng"):
        document_text("a.txt", b"x\n" * 10, max_lines=10)


def test_nul_characters_are_dropped_from_every_kind_of_document():
    assert document_text("a.txt", "Kế\x00 hoạch".encode()) == "Kế hoạch"
    assert "Chi tieu 14 dat 99%" in document_text(
        "a.pdf", pdf([text_page(b"Chi tieu 14\\000 dat 99%")]))


def test_a_pdf_is_read_page_by_page_within_the_limits():
    two = pdf([text_page(b"Trang mot"), text_page(b"Trang hai")])
    assert document_text("a.pdf", two).split() == ["Trang", "mot", "Trang", "hai"]
    with pytest.raises(DocumentError, match="Văn bản dài hơn 12 ký tự"):
        document_text("a.pdf", two, max_characters=12)


def test_a_pdf_of_more_pages_than_a_plan_has_is_refused():
    with pytest.raises(DocumentError, match="Tệp PDF có 501 trang, quá 500 trang"):
        document_text("a.pdf", pdf([text_page(b"a")] * 501))
