"""Opening an uploaded Office file (.xlsx, .docx) without trusting anything it says.

An .xlsx or .docx is a zip archive of XML parts. A hostile one can unpack to gigabytes
from a few kilobytes (a zip bomb), declare entities that expand a billion times ("billion
laughs"), point an entity at a file on the server (XXE), or simply be cut short. The
libraries that read these files (openpyxl, python-docx) read parts whole before they can
tell, so `open_archive` decides first, in bounded memory, and refuses (UnsafeFile, with a
message in the user's language, Vietnamese by default) anything a spreadsheet or a Word
document never contains:

1. The entry count, from the archive's end record, before the central directory is read:
   a few megabytes of empty entries would otherwise become a list of ZipInfo objects.
2. Every entry, from the central directory, before any is unpacked: a safe name (no
   absolute path, "..", backslash or control character, no duplicate), not encrypted,
   stored or deflated only, its unpacked size, the total unpacked size, and the ratio of
   unpacked to packed size of any entry over RATIO_FLOOR bytes. Python's zipfile never
   unpacks an entry past the size the central directory gives, so these checks hold.
3. Every XML part, streamed through defusedxml's expat parser in chunks, with no DTD,
   no entity declaration and no external reference, within a count of elements for the
   whole file and, for a part the reader builds into a tree of objects rather than
   streams (openpyxl's styles: a 23 KB file of 100,000 cell formats costs it 30 seconds),
   a smaller count; a depth; a length of text in one element. A part that is not
   well-formed XML is refused.
   A part is XML when its first bytes say so, whatever its name, since a package's
   relationships may point a reader at any part.

Pure Python, no Django and no app: reporting (Excel upload) and childplan (plan import)
both use it, each with the limits of its own kind of file. Being no app, it sits below
every app in the one-way import order, as a library would; agencies, the earliest app,
is about administrative units and memberships, not files.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIB = 1024 * 1024
RATIO_FLOOR = MIB  # smaller entries may compress as well as they like
CHUNK = 64 * 1024
END_RECORD = b"PK\x05\x06"
END_RECORD_SIZE = 22
MAX_COMMENT = 65535
UNSAFE_NAME = re.compile(r"(?:^[/\\]|\\|(?:^|/)\.\.(?:/|$)|^[A-Za-z]:|[\x00-\x1f\x7f])")


class UnsafeFile(ValueError):
    """The file cannot be read safely; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Limits:
    """What one kind of file may hold; sizes are unpacked bytes."""

    entries: int = 200
    member_size: int = 32 * MIB
    total_size: int = 64 * MIB
    ratio: int = 100
    xml_elements: int = 2_000_000  # in all the XML parts together
    streamed: tuple[str, ...] = ()  # parts (name prefixes) the reader streams
    tree_elements: int | None = None  # in any other part, if set
    xml_depth: int = 200
    text_length: int = 1_000_000  # characters of text in one element


def open_archive(data: bytes, limits: Limits, *, what: str) -> zipfile.ZipFile:
    """The archive, once its entries are checked and its XML parts scanned.

    `what` names the kind of file in messages ("bảng tính Excel", "văn bản Word").
    """
    entries = declared_entries(data)
    if entries is None:
        raise UnsafeFile(_("Tệp không phải %(what)s hoặc đã bị hỏng, không đầy đủ (không mở "
                           "được phần nén). Hãy mở tệp bằng chương trình đã tạo ra nó, lưu lại "
                           "rồi tải lên lại.") % {"what": what})
    if entries > limits.entries:
        raise UnsafeFile(str(_TOO_MANY) % {"count": _count(entries), "what": what,
                                           "limit": _count(limits.entries)})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, struct.error) as error:
        raise UnsafeFile(_("Tệp %(what)s đã bị hỏng hoặc không đầy đủ (không mở được phần "
                           "nén). Hãy lưu lại tệp rồi tải lên lại.") % {"what": what}) from error
    try:
        check_entries(archive, limits, what=what)
        counter = _Counter(limits)
        for info in archive.infolist():
            if not info.is_dir():
                _scan_if_xml(archive, info, counter, what=what)
    except BaseException:
        archive.close()
        raise
    return archive


def declared_entries(data: bytes) -> int | None:
    """The entry count the archive's end record declares, or None if it has none.

    Found as zipfile finds it (the last end record in the final 64 KiB); a ZIP64 archive
    declares 0xFFFF here, more than any limit allows.
    """
    start = max(0, len(data) - END_RECORD_SIZE - MAX_COMMENT)
    at = data.rfind(END_RECORD, start)
    if at < 0 or at + END_RECORD_SIZE > len(data):
        return None
    return struct.unpack_from("<H", data, at + 10)[0]


def check_entries(archive: zipfile.ZipFile, limits: Limits, *, what: str) -> None:
    """Refuse the archive on what its central directory says, before unpacking anything."""
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise UnsafeFile(str(_TOO_MANY) % {"count": _count(len(infos)), "what": what,
                                           "limit": _count(limits.entries)})
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if len(name) > 255 or UNSAFE_NAME.search(name) or name in seen:
            raise UnsafeFile(_("Tệp có phần nén mang tên không hợp lệ («%(part)s»), điều một "
                               "%(what)s không bao giờ có: tệp không được nhận.")
                             % {"part": _short(name), "what": what})
        seen.add(name)
        if info.flag_bits & 0x1:
            raise UnsafeFile(_("Tệp được đặt mật khẩu hoặc mã hóa. Hãy lưu lại tệp không đặt "
                               "mật khẩu rồi tải lên lại."))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeFile(_("Tệp dùng kiểu nén mà %(what)s không dùng. Hãy mở tệp bằng "
                               "chương trình đã tạo ra nó, lưu lại rồi tải lên lại.")
                             % {"what": what})
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise UnsafeFile(_("Tệp %(what)s đã bị hỏng (phần «%(part)s» ghi sai kích thước). "
                               "Hãy lưu lại tệp rồi tải lên lại.")
                             % {"what": what, "part": _short(name)})
        total += info.file_size
        if info.file_size > limits.member_size or total > limits.total_size:
            raise UnsafeFile(_("Tệp giải nén ra quá lớn so với một %(what)s (phần «%(part)s» "
                               "%(size)s, cả tệp từ %(total)s; tối đa %(part_limit)s một phần, "
                               "%(total_limit)s cả tệp): tệp không được nhận.") % {
                "what": what, "part": _short(name), "size": _size(info.file_size),
                "total": _size(total), "part_limit": _size(limits.member_size),
                "total_limit": _size(limits.total_size)})
        if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(
                info.compress_size, 1):
            raise UnsafeFile(_("Tệp nén bất thường: phần «%(part)s» giải nén ra %(size)s từ "
                               "%(packed)s (hơn %(ratio)s lần), điều một %(what)s không bao giờ "
                               "có: tệp không được nhận.") % {
                "part": _short(name), "size": _size(info.file_size),
                "packed": _size(info.compress_size), "ratio": limits.ratio, "what": what})


def read_member(archive: zipfile.ZipFile, name: str, limit: int, *, what: str) -> bytes:
    """One entry's bytes, read in a bounded stream; UnsafeFile if larger or damaged."""
    try:
        with archive.open(name) as stream:
            content = stream.read(limit + 1)
    except _DAMAGED as error:
        raise UnsafeFile(_damaged(name, what)) from error
    if len(content) > limit:
        raise UnsafeFile(_("Phần «%(part)s» của tệp lớn hơn %(limit)s, quá lớn so với một "
                           "%(what)s: tệp không được nhận.")
                         % {"part": _short(name), "limit": _size(limit), "what": what})
    return content


class _Refused(Exception):
    """Raised from inside the XML handler, turned into UnsafeFile by the scan."""


class _Counter(ContentHandler):
    def __init__(self, limits: Limits):
        super().__init__()
        self.limits = limits
        self.elements = 0
        self.part_limit: int | None = None
        self.part_elements = self.depth = self.text = 0

    def start_part(self, name: str) -> None:
        limits = self.limits
        self.part_limit = None if name.startswith(limits.streamed) else limits.tree_elements
        self.part_elements = self.depth = self.text = 0

    def startElement(self, name, attrs):  # noqa: N802 (SAX's names)
        self.elements += 1
        self.part_elements += 1
        self.depth += 1
        self.text = 0
        if self.elements > self.limits.xml_elements:
            raise _Refused(_("hơn %(count)s phần tử XML")
                           % {"count": _count(self.limits.xml_elements)})
        if self.part_limit is not None and self.part_elements > self.part_limit:
            raise _Refused(_("hơn %(count)s phần tử XML") % {"count": _count(self.part_limit)})
        if self.depth > self.limits.xml_depth:
            raise _Refused(_("các phần tử XML lồng nhau sâu hơn %(depth)s tầng")
                           % {"depth": self.limits.xml_depth})

    def endElement(self, name):  # noqa: N802
        self.depth -= 1
        self.text = 0

    def characters(self, content):
        self.text += len(content)
        if self.text > self.limits.text_length:
            raise _Refused(_("một đoạn chữ dài hơn %(count)s ký tự")
                           % {"count": _count(self.limits.text_length)})


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)


def _scan_if_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, counter: _Counter, *,
                 what: str) -> None:
    name = info.filename
    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    counter.start_part(name)
    parser.setContentHandler(counter)
    try:
        with archive.open(info) as stream:
            head = stream.read(256)
            if not _looks_like_xml(head):
                while stream.read(CHUNK):  # unpacked once, to find a damaged entry now
                    pass
                return
            parser.feed(head)
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
            parser.close()
    except DefusedXmlException as error:
        raise UnsafeFile(_("Phần «%(part)s» của tệp khai báo DTD, thực thể (entity) hoặc tham "
                           "chiếu ra ngoài, điều một %(what)s không bao giờ có: tệp không được "
                           "nhận.") % {"part": _short(name), "what": what}) from error
    except _Refused as error:
        raise UnsafeFile(_("Phần «%(part)s» của tệp có %(problem)s, quá lớn so với một "
                           "%(what)s: tệp không được nhận.")
                         % {"part": _short(name), "problem": error, "what": what}) from error
    except SAXException as error:
        raise UnsafeFile(_("Tệp %(what)s đã bị hỏng: phần «%(part)s» không phải XML hợp lệ "
                           "(%(reason)s). Hãy lưu lại tệp rồi tải lên lại.") % {
            "what": what, "part": _short(name), "reason": _sax_reason(error)}) from error
    except _DAMAGED as error:
        raise UnsafeFile(_damaged(name, what)) from error


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<")


def _sax_reason(error: SAXException) -> str:
    line = getattr(error, "getLineNumber", lambda: None)()
    return _("lỗi ở dòng %(line)s") % {"line": line} if line else _("không đọc được")


def _damaged(name: str, what: str) -> str:
    return _("Tệp %(what)s đã bị hỏng hoặc không đầy đủ (không giải nén được phần «%(part)s»). "
             "Hãy lưu lại tệp rồi tải lên lại.") % {"what": what, "part": _short(name)}


_TOO_MANY = gettext_lazy("Tệp có %(count)s phần nén, nhiều hơn hẳn một %(what)s (tối đa "
                         "%(limit)s): tệp không được nhận.")


def _short(name: str) -> str:
    name = "".join(c if c.isprintable() else "?" for c in name)
    return name if len(name) <= 60 else name[:59] + "…"


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _size(size: int) -> str:
    if size < MIB:
        return f"{_count(-(-size // 1024))} KB"
    return f"{_count(-(-size // MIB))} MB"
