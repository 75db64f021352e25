"""safe_files: what an uploaded Office archive may hold, rule by rule (no database)."""

from __future__ import annotations

import io
import zipfile

import pytest

from safe_files import MIB, Limits, UnsafeFile, declared_entries, open_archive, read_member
from tests.hostile.make_corpus import (
    DOCTYPE,
    EXTERNAL,
    LAUGHS,
    Member,
    bomb_member,
    damaged_entry,
    member,
    renamed,
    word,
    workbook,
    write_zip,
    xml_part,
)

LIMITS = Limits(entries=20, member_size=4 * MIB, total_size=6 * MIB, ratio=100,
                xml_elements=1000, xml_depth=10, text_length=100)


def opened(data: bytes, limits: Limits = LIMITS) -> zipfile.ZipFile:
    return open_archive(data, limits, what="bảng tính Excel")


def refusal(data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(UnsafeFile) as refused:
        opened(data, limits)
    return str(refused.value)


def archive(*members: tuple[str, bytes]) -> bytes:
    return write_zip([member(name, data) for name, data in members])


def test_it_opens_a_workbook_and_a_word_document_as_their_programs_write_them():
    with opened(workbook()) as book:
        assert "xl/workbook.xml" in book.namelist()
    with opened(word(), Limits()) as document:
        assert "word/document.xml" in document.namelist()


def test_it_counts_the_entries_from_the_end_record_before_reading_the_directory():
    many = write_zip([Member(f"{i}", b"", 0, 0, zipfile.ZIP_STORED) for i in range(21)])
    assert declared_entries(many) == 21
    assert "Tệp có 21 phần nén, nhiều hơn hẳn một bảng tính Excel (tối đa 20)" in refusal(many)
    assert declared_entries(b"PK\x03\x04 no end record") is None
    assert "không phải bảng tính Excel hoặc đã bị hỏng" in refusal(b"PK\x03\x04 no end")


@pytest.mark.parametrize("name", ["/etc/passwd", "..\\x.xml", "a/../../x.xml", "C:/x.xml",
                                  "x\x01.xml", "a" * 256])
def test_it_refuses_a_name_no_office_file_has(name):
    assert "mang tên không hợp lệ" in refusal(archive(("[Content_Types].xml", b"<a/>"),
                                                       (name, b"<a/>")))


def test_it_refuses_a_name_given_twice():
    assert "mang tên không hợp lệ («a.xml»)" in refusal(archive(("a.xml", b"<a/>"),
                                                               ("a.xml", b"<b/>")))


def test_it_refuses_encryption_and_compression_office_files_never_use():
    encrypted = write_zip([Member("a.xml", b"xx", 0, 2, zipfile.ZIP_STORED, flags=0x1)])
    assert "đặt mật khẩu" in refusal(encrypted)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as bzipped:
        bzipped.writestr("a.xml", "<a/>")
    assert "kiểu nén mà bảng tính Excel không dùng" in refusal(buffer.getvalue())


def test_it_refuses_a_stored_entry_whose_sizes_disagree():
    lying = write_zip([Member("a.xml", b"<a/>", 0, 4 * 1024, zipfile.ZIP_STORED)])
    assert "ghi sai kích thước" in refusal(lying)


def test_it_refuses_an_entry_or_a_total_too_large_before_unpacking_it():
    assert "phần «a.xml» 5 MB" in refusal(write_zip([bomb_member("a.xml", 5 * MIB)]))
    three = write_zip([bomb_member(f"{n}.xml", 2 * MIB + 1024, chunk=b"x" * 1024)
                       for n in range(3)])
    assert "cả tệp từ 7 MB" in refusal(three, Limits(ratio=10_000, member_size=4 * MIB,
                                                   total_size=6 * MIB))


def test_it_refuses_an_entry_packed_too_densely_but_not_a_small_one():
    dense = write_zip([bomb_member("a.bin", 2 * MIB)])
    assert "giải nén ra 2 MB từ" in refusal(dense) and "hơn 100 lần" in refusal(dense)
    with opened(write_zip([bomb_member("a.bin", MIB)])) as small:
        assert small.namelist() == ["a.bin"]


@pytest.mark.parametrize("xml", [LAUGHS, EXTERNAL, DOCTYPE,
                                 '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'])
def test_it_refuses_a_dtd_or_an_entity_in_any_part(xml):
    message = refusal(xml_part(workbook(), "xl/styles.xml", xml))
    assert "Phần «xl/styles.xml» của tệp khai báo DTD, thực thể (entity)" in message


def test_it_scans_a_part_for_what_it_holds_not_for_its_name():
    message = refusal(archive(("xl/printerSettings1.bin", LAUGHS.encode())))
    assert "Phần «xl/printerSettings1.bin» của tệp khai báo DTD" in message
    with opened(archive(("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))):
        pass


@pytest.mark.parametrize("xml, said", [
    ("<a>" + "<b/>" * 1000 + "</a>", "hơn 1.000 phần tử XML"),
    ("<a>" * 11 + "</a>" * 11, "lồng nhau sâu hơn 10 tầng"),
    ("<a>" + "x" * 101 + "</a>", "một đoạn chữ dài hơn 100 ký tự"),
    ("<a><b>", "không phải XML hợp lệ"),
    ("<a>&undefined;</a>", "không phải XML hợp lệ"),
])
def test_it_refuses_xml_too_large_too_deep_or_broken(xml, said):
    assert said in refusal(archive(("a.xml", xml.encode())))


def test_the_element_count_is_for_the_whole_file():
    half = "<a>" + "<b/>" * 600 + "</a>"
    assert "hơn 1.000 phần tử XML" in refusal(archive(("a.xml", half.encode()),
                                                      ("b.xml", half.encode())))


def test_it_refuses_an_entry_damaged_inside_an_intact_archive():
    message = refusal(damaged_entry(workbook(), "xl/worksheets/sheet1.xml"))
    assert "không giải nén được phần «xl/worksheets/sheet1.xml»" in message
    assert "tên không hợp lệ" in refusal(renamed(workbook(), "xl/styles.xml", "../x.xml"))


def test_a_member_is_read_within_its_bound():
    with opened(archive(("a.xml", b"<a>" + b"x" * 90 + b"</a>"))) as book:
        assert read_member(book, "a.xml", 100, what="bảng tính Excel").startswith(b"<a>")
        with pytest.raises(UnsafeFile, match="lớn hơn 1 KB"):
            read_member(book, "a.xml", 10, what="bảng tính Excel")


def test_a_part_built_into_a_tree_has_a_smaller_count_than_a_streamed_one():
    limits = Limits(xml_elements=1000, streamed=("xl/worksheets/",), tree_elements=10)
    styles = "<a>" + "<b/>" * 10 + "</a>"
    assert "Phần «xl/styles.xml» của tệp có hơn 10 phần tử XML" in refusal(
        archive(("xl/styles.xml", styles.encode())), limits)
    with opened(archive(("xl/worksheets/sheet1.xml", styles.encode())), limits):
        pass
