"""Hostile files for the Excel upload and the plan import, and how each must be answered.

`python tests/hostile/make_corpus.py` writes the small files to tests/hostile/files/ (they
are committed, so anyone can post them to a running server); the large ones (archives and
a PDF that unpack to a gibibyte, a 5 MB text) and those made from a report's own template
are built at test time by the same functions, in well under a second, and never stored.
Bombs are built from one deflate block repeated (each block flushed whole, so blocks
stand alone): a gibibyte of output costs a megabyte and no compression work.

Each Case names the page it is posted to ("excel": a report's template upload; "plan":
the plan import), the Vietnamese words the answer must contain, and whether the file is
read (the plan import then shows its review page) or refused.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

FILES = Path(__file__).resolve().parent / "files"
GIB = 1024 * 1024 * 1024
MIB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    name: str
    page: str  # "excel" or "plan"
    expect: str  # words the answer shows
    build: Callable[..., bytes]
    read: bool = False  # the file is read (not refused)
    stored: bool = False  # small enough to keep in tests/hostile/files/
    from_template: bool = False  # built from the report's downloaded template


# Zip archives written by hand, so a member can be a bomb that is never unpacked here.

@dataclass(frozen=True)
class Member:
    name: str
    packed: bytes  # raw deflate data, or the bytes themselves when stored
    crc: int
    size: int
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0


def member(name: str, data: bytes) -> Member:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def bomb_member(name: str, size: int, *, head: bytes = b"", chunk: bytes = b" " * MIB,
                tail: bytes = b"") -> Member:
    """`head`, then `chunk` repeated up to `size` bytes, then `tail`, packed without packing."""
    repeats = max((size - len(head) - len(tail)) // len(chunk), 0)
    block = _flushed(chunk)
    packed = _flushed(head) + block * repeats + _final(tail)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return Member(name, packed, crc, len(head) + repeats * len(chunk) + len(tail))


def _flushed(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def _final(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(members: list[Member]) -> bytes:
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, m.flags | 0x800, m.method, 0, 0x21,
                           m.crc, len(m.packed), m.size, len(name), 0) + name + m.packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, m.flags | 0x800,
                               m.method, 0, 0x21, m.crc, len(m.packed), m.size, len(name), 0, 0,
                               0, 0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(out), 0)
    return bytes(out + central + end)


def members_of(data: bytes) -> list[Member]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [member(info.filename, archive.read(info)) for info in archive.infolist()]


def replaced(data: bytes, name: str, new: Member | bytes) -> bytes:
    """The archive with one member replaced (or added)."""
    if isinstance(new, bytes):
        new = member(name, new)
    kept = [m for m in members_of(data) if m.name != name]
    return write_zip([*kept, new])


# A small workbook and a small Word document to make hostile ones from.

def workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Số liệu"
    book.active["A1"] = "Mã chỉ tiêu"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word(paragraphs: list[str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs or ["KẾ HOẠCH thực hiện Chương trình hành động vì trẻ em"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_body(body: str) -> bytes:
    """A Word document whose body is `body` (WordprocessingML)."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
           f'xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>')
    return replaced(word(), "word/document.xml", xml.encode())


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i + 1} "{("&lol" + (str(i) if i else "") + ";") * 10}">'
                    for i in range(9))
          + ']>\n<root>&lol9;</root>')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '\n<root>&xxe;</root>')
DOCTYPE = '<?xml version="1.0"?>\n<!DOCTYPE root SYSTEM "http://127.0.0.1:9/x.dtd">\n<root/>'


def xml_part(data: bytes, name: str, xml: str) -> bytes:
    return replaced(data, name, xml.encode())


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def damaged_entry(data: bytes, name: str) -> bytes:
    """One entry's packed bytes scrambled, the archive's directory intact."""
    members = members_of(data)
    broken = []
    for m in members:
        if m.name == name:
            packed = bytes(b ^ 0x5A for b in m.packed)
            m = Member(m.name, packed, m.crc, m.size)
        broken.append(m)
    return write_zip(broken)


def many_entries(count: int = 50_000) -> bytes:
    return write_zip([Member(f"{i:x}", b"", 0, 0, zipfile.ZIP_STORED) for i in range(count)])


def flagged(data: bytes, name: str, flags: int) -> bytes:
    return write_zip([Member(m.name, m.packed, m.crc, m.size, m.method,
                             flags if m.name == name else 0) for m in members_of(data)])


def renamed(data: bytes, old: str, new: str) -> bytes:
    return write_zip([Member(new if m.name == old else m.name, m.packed, m.crc, m.size)
                      for m in members_of(data)] + [member(old, b"<x/>")])


def many_styles(count: int) -> bytes:
    """A workbook of `count` cell formats, which openpyxl turns into objects one by one."""
    with zipfile.ZipFile(io.BytesIO(workbook())) as archive:
        styles = archive.read("xl/styles.xml").decode()
    formats = (f'<cellXfs count="{count}">'
               + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * count
               + "</cellXfs>")
    styles = re.sub(r"<cellXfs.*?</cellXfs>", formats, styles, flags=re.S)
    return replaced(workbook(), "xl/styles.xml", styles.encode())


# Made from the report's own template (its signature names the report).

def with_cell(template: bytes, ref: str, text: str) -> bytes:
    """The template with text typed into cell `ref` (an inline string, as Excel may write)."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{escape(text).replace(chr(0), "&#0;")}</t></is></c>'
    sheet, found = re.subn(rf'<c r="{ref}"[^>]*?/>', cell, sheet, count=1)
    assert found, ref
    return replaced(template, "xl/worksheets/sheet1.xml", sheet.encode())


def wide_rows(template: bytes, rows: int = 20_000) -> bytes:
    """Rows far below the measures, each with one cell in Excel's last column (XFD), and a
    dimension claiming the whole sheet: every row read would be padded to 16,384 cells."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    extra = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'
                    for n in range(1000, 1000 + rows))
    sheet = sheet.replace("</sheetData>", extra + "</sheetData>")
    return replaced(template, "xl/worksheets/sheet1.xml", sheet.encode())


def huge_note(template: bytes, size: int = 45_000_000) -> bytes:
    """A 45-million-character note, as the attack stored one."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    head, tail = re.split(r'<c r="I7"[^>]*?/>', sheet, maxsplit=1)
    bomb = bomb_member("xl/worksheets/sheet1.xml", size,
                       head=(head + '<c r="I7" t="inlineStr"><is><t>').encode(),
                       chunk=b"a" * MIB, tail=("</t></is></c>" + tail).encode())
    return replaced(template, "xl/worksheets/sheet1.xml", bomb)


# PDFs.

def pdf(pages: list[bytes], *, filters: str = "") -> bytes:
    """A PDF of pages whose content streams are given (already packed if `filters`)."""
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i)
                                                      for i in range(count))
               + b"] /Count %d >>" % count,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(content), filters.encode())
                       + content + b"\nendstream")
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


def text_page(text: bytes) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"


def pdf_bomb(size: int = GIB) -> bytes:
    """One page whose content stream unpacks to a gibibyte of text-showing operators."""
    chunk = b"(Chi tieu 14 dat 99 phan tram) Tj " * 30840  # ~1 MiB
    head, tail = b"BT /F1 12 Tf 72 720 Td ", b" ET"
    deflated = bomb_member("content", size, head=head, chunk=chunk, tail=tail)
    adler = zlib.adler32(head)
    for _ in range((deflated.size - len(head) - len(tail)) // len(chunk)):
        adler = zlib.adler32(chunk, adler)
    adler = zlib.adler32(tail, adler)
    packed = b"\x78\xda" + deflated.packed + struct.pack(">I", adler)
    return pdf([packed], filters=" /Filter /FlateDecode")


# Texts.

def lines_of_targets(count: int) -> bytes:
    item = "- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ sơ sinh xuống dưới {v},{d}‰ vào năm 2025.\n"
    head = "KẾ HOẠCH thực hiện\nII. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
    return (head + "".join(item.format(v=9 + i // 10, d=i % 10) for i in range(count))).encode()


def many_values() -> bytes:
    clause = ("- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ sơ sinh " + "dưới 9‰, " * 300
              + "vào năm 2025.\n")
    return ("KẾ HOẠCH thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2030\n"
            "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n" + clause).encode()


REFUSED_ZIP = "Tệp giải nén ra quá lớn"
DTD = "khai báo DTD, thực thể (entity) hoặc tham chiếu ra ngoài"

CASES = [
    # The Excel upload of a report's template (reporter alice, her report).
    Case("bomb-content-types.xlsx", "excel", REFUSED_ZIP, lambda: replaced(
        workbook(), "[Content_Types].xml", bomb_member("[Content_Types].xml", GIB))),
    Case("bomb-sheet.xlsx", "excel", REFUSED_ZIP, lambda: replaced(
        workbook(), "xl/worksheets/sheet1.xml", bomb_member("xl/worksheets/sheet1.xml", GIB))),
    Case("dense-sheet.xlsx", "excel", "Tệp nén bất thường", lambda: replaced(
        workbook(), "xl/worksheets/sheet1.xml",
        bomb_member("xl/worksheets/sheet1.xml", 30 * MIB))),
    Case("many-entries.xlsx", "excel", "phần nén, nhiều hơn hẳn", many_entries),
    Case("billion-laughs.xlsx", "excel", DTD,
         lambda: xml_part(workbook(), "xl/workbook.xml", LAUGHS), stored=True),
    Case("external-entity.xlsx", "excel", DTD,
         lambda: xml_part(workbook(), "xl/worksheets/sheet1.xml", EXTERNAL), stored=True),
    Case("doctype.xlsx", "excel", DTD,
         lambda: xml_part(workbook(), "[Content_Types].xml", DOCTYPE), stored=True),
    Case("truncated.xlsx", "excel", "hoặc đã bị hỏng", lambda: truncated(workbook()),
         stored=True),
    Case("damaged-entry.xlsx", "excel", "không giải nén được phần «xl/worksheets/sheet1.xml»",
         lambda: damaged_entry(workbook(), "xl/worksheets/sheet1.xml"), stored=True),
    Case("malformed-sheet.xlsx", "excel", "không phải XML hợp lệ", lambda: xml_part(
        workbook(), "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c>"),
        stored=True),
    Case("encrypted-entry.xlsx", "excel", "đặt mật khẩu",
         lambda: flagged(workbook(), "xl/workbook.xml", 0x1), stored=True),
    Case("many-styles.xlsx", "excel", "có hơn 10.000 phần tử XML", lambda: many_styles(15_000),
         stored=True),
    Case("path-traversal.xlsx", "excel", "tên không hợp lệ",
         lambda: renamed(workbook(), "xl/styles.xml", "../../styles.xml"), stored=True),
    Case("note-3000.xlsx", "excel", "Dòng 7, cột «Ghi chú»: dài 3.000 ký tự, tối đa 2.000",
         lambda template: with_cell(template, "I7", "Ghi chú." * 375), from_template=True),
    Case("source-400.xlsx", "excel", "Dòng 7, cột «Nguồn số liệu»: dài 400 ký tự, tối đa 300",
         lambda template: with_cell(template, "J7", "Sở Y tế," * 50), from_template=True),
    Case("note-40000.xlsx", "excel", "một đoạn chữ dài hơn 32.767 ký tự",
         lambda template: with_cell(template, "I7", "a" * 40_000), from_template=True),
    Case("note-45-million.xlsx", "excel", REFUSED_ZIP, huge_note, from_template=True),
    Case("nul-in-note.xlsx", "excel", "không phải XML hợp lệ",
         lambda template: with_cell(template, "I7", "ghi \x00 chú"), from_template=True),
    Case("wide-rows.xlsx", "excel", "Xem trước", wide_rows, read=True, from_template=True),
    # The plan import (an administrator).
    Case("bomb.docx", "plan", REFUSED_ZIP, lambda: replaced(
        word(), "word/document.xml", bomb_member("word/document.xml", GIB))),
    Case("billion-laughs.docx", "plan", DTD,
         lambda: xml_part(word(), "word/document.xml", LAUGHS), stored=True),
    Case("external-entity.docx", "plan", DTD,
         lambda: xml_part(word(), "word/styles.xml", EXTERNAL), stored=True),
    Case("doctype.docx", "plan", DTD,
         lambda: xml_part(word(), "[Content_Types].xml", DOCTYPE), stored=True),
    Case("truncated.docx", "plan", "hoặc đã bị hỏng", lambda: truncated(word()), stored=True),
    Case("malformed.docx", "plan", "không phải XML hợp lệ",
         lambda: xml_part(word(), "word/document.xml", "<w:document><w:body><w:p>"),
         stored=True),
    Case("nul.docx", "plan", "không phải XML hợp lệ",
         lambda: with_body("<w:p><w:r><w:t>a&#0;b</w:t></w:r></w:p>"), stored=True),
    Case("deep.docx", "plan", "sâu hơn 200 tầng",
         lambda: with_body("<w:p>" + "<w:r>" * 1000 + "</w:r>" * 1000 + "</w:p>"),
         stored=True),
    Case("grid-span.docx", "plan", "Văn bản có hơn 10.000 dòng", lambda: with_body(
        '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc>'
        "</w:tr></w:tbl>"), stored=True),
    Case("merged-rows.docx", "plan", "Kiểm tra", lambda: with_body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc></w:tr>"
        + "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>" * 5000 + "</w:tbl>"),
        read=True, stored=True),
    Case("nul.txt", "plan", "Kiểm tra", lambda: "KẾ HOẠCH\x00 thực hiện\n".encode(), read=True,
         stored=True),
    Case("digits.txt", "plan", "Kiểm tra", lambda: b"KE HOACH\n" + b"1" * 40_000 + b"\n",
         read=True, stored=True),
    Case("many-values.txt", "plan", "Kiểm tra", many_values, read=True, stored=True),
    Case("too-many-targets.txt", "plan", "mục tiêu, quá nhiều để kiểm tra",
         lambda: lines_of_targets(600), stored=True),
    Case("five-megabytes.txt", "plan", "vượt giới hạn 300.000 ký tự",
         lambda: ("Kế hoạch " * 600_000).encode()[: 5 * MIB]),
    Case("many-lines.txt", "plan", "vượt giới hạn 10.000 dòng", lambda: b"a\n" * 20_000,
         stored=True),
    Case("bomb.pdf", "plan", "Tệp PDF có phần nén giải ra quá lớn", pdf_bomb),
    Case("nul.pdf", "plan", "Kiểm tra", lambda: pdf([text_page(b"Chi tieu 14\\000 dat 99%")]),
         read=True, stored=True),
    Case("many-pages.pdf", "plan", "trang, quá 500 trang",
         lambda: pdf([text_page(b"a")] * 600), stored=True),
    Case("truncated.pdf", "plan", "Tệp PDF bị hỏng",
         lambda: truncated(pdf([text_page(b"Chi tieu 14")]), 0.3), stored=True),
]


def main(directory: Path = FILES) -> None:
    directory.mkdir(exist_ok=True)
    for case in CASES:
        if case.stored:
            (directory / case.name).write_bytes(case.build())
            print(f"{case.name}: {(directory / case.name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FILES)
