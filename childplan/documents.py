"""The text of a plan document (.txt, .docx, PDF with a text layer), in bounded time and memory.

Whatever the file, the text stops at `max_characters` characters and `max_lines` lines
(the plan reader's limits, settings CHILDPLAN_PLAN_MAX_CHARACTERS and _MAX_LINES): a
longer document is refused with DocumentError, as is a damaged or hostile file, with a
Vietnamese message. NUL characters (which PDF text layers emit for glyphs they cannot map
and which no database column takes) are dropped.

- .docx: the archive and its XML are checked first (safe_files: sizes, no DTD or
  entities). The text is then read in one streaming pass over the main document part,
  by the rules python-docx follows: the body's paragraphs in order (the text of their
  runs and hyperlinks: w:t, w:tab and w:ptab as a tab, a line break or w:cr as a new
  line, w:noBreakHyphen as "-"), then each body table row by row, a cell's paragraphs
  joined by new lines, a cell spanning n grid columns given n times and a cell
  continuing a vertical merge given as the cell above it. python-docx itself parses
  whole parts into trees, repeats a spanned cell as many times as the file claims and
  looks each merged cell up again through every row above it, so a 40 KB file could
  hold it for minutes; here each element is seen once.
- PDF: pypdf, with its own limits tightened (a stream unpacks to at most 8 MB, a content
  stream is parsed within a budget), at most MAX_PAGES pages, text taken page by page.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax import SAXException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from defusedxml.expatreader import create_parser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader, apply_configuration
from pypdf.errors import FileNotDecryptedError, LimitReachedError

from childplan.plan_reader import MAX_CHARACTERS, MAX_LINES, ReadRefused, check_size
from safe_files import MIB, Limits, UnsafeFile, open_archive, read_member

DOCUMENT_TYPES = (".txt", ".docx", ".pdf")
# A Word plan of 100 pages holds about 100,000 XML elements; python-docx would need
# ~220 bytes of memory for each, this reader needs none.
DOCX_LIMITS = Limits(entries=500, member_size=32 * MIB, total_size=64 * MIB, ratio=100,
                     xml_elements=1_000_000, xml_depth=200, text_length=1_000_000)
WHAT = gettext_lazy("văn bản Word")
MAX_PAGES = 500
PDF_LIMITS = {
    "maximum_declared_stream_length": 16 * MIB,
    "array_based_stream_maximum_output_length": 8 * MIB,
    "zlib_maximum_output_length": 8 * MIB,
    "lzw_maximum_output_length": 8 * MIB,
    "run_length_maximum_output_length": 8 * MIB,
    "brotli_maximum_output_length": 8 * MIB,
    "jbig2_maximum_output_length": 8 * MIB,
    "image_maximum_buffer_size": 8 * MIB,
    "stream_decoding_work_maximum_length": 64 * MIB,
    "stream_parsing_work_maximum_count": 500_000,
    "page_tree_maximum_entries": 10_000,
    "xform_maximum_invocations_per_extraction": 500,
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                 "officeDocument")


class DocumentError(ValueError):
    """A file ChildPlan cannot take text from; the message says why, in Vietnamese."""


class _Text:
    """Lines of text within the reader's limits; DocumentError as soon as they are passed."""

    def __init__(self, max_characters: int, max_lines: int):
        self.max_characters, self.max_lines = max_characters, max_lines
        self.characters = self.lines = 0

    def count(self, text: str) -> str:
        """One more line (it may hold new lines of its own)."""
        self.characters += len(text) + 1
        self.lines += text.count("\n") + 1
        self.check()
        return text

    def check(self, more: int = 0) -> None:
        """Refuse once the text, with `more` characters still being read, is too long."""
        if self.characters + more > self.max_characters:
            raise DocumentError(_("Văn bản dài hơn %(limit)s ký tự, giới hạn của một kế hoạch: "
                                  "hãy bỏ các phụ lục không chứa mục tiêu hoặc tách văn bản.")
                                % {"limit": _count(self.max_characters)})
        if self.lines > self.max_lines:
            raise DocumentError(_("Văn bản có hơn %(limit)s dòng, giới hạn của một kế hoạch: hãy "
                                  "bỏ các phụ lục không chứa mục tiêu hoặc tách văn bản.")
                                % {"limit": _count(self.max_lines)})


def document_text(name: str, data: bytes, *, max_characters: int = MAX_CHARACTERS,
                  max_lines: int = MAX_LINES) -> str:
    suffix = Path(name).suffix.lower()
    text = _Text(max_characters, max_lines)
    if suffix == ".txt":
        decoded = _decoded(data)
        try:
            check_size(decoded, max_characters=max_characters, max_lines=max_lines)
        except ReadRefused as error:
            raise DocumentError(str(error)) from error
        return decoded.replace("\x00", "")
    if suffix == ".docx":
        return _docx_text(data, text).replace("\x00", "")
    if suffix == ".pdf":
        return _pdf_text(data, text).replace("\x00", "")
    raise DocumentError(_("Chỉ nhận tệp %(types)s, không nhận «%(given)s».") % {
        "types": ", ".join(DOCUMENT_TYPES), "given": suffix or name})


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(_("Không đọc được bảng mã của tệp văn bản: hãy lưu lại dạng UTF-8."))


def _docx_text(data: bytes, text: _Text) -> str:
    try:
        with open_archive(data, DOCX_LIMITS, what=WHAT) as archive:
            part = _main_part(archive)
            reader = _WordText(text)
            parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
            parser.setFeature(feature_namespaces, True)
            parser.setContentHandler(reader)
            with archive.open(part) as stream:
                while chunk := stream.read(64 * 1024):
                    parser.feed(chunk)
            parser.close()
    except UnsafeFile as error:
        raise DocumentError(str(error)) from error
    except (KeyError, SAXException, DefusedXmlException, ET.ParseError) as error:
        raise DocumentError("Tệp .docx bị hỏng hoặc không phải văn bản Word.") from error
    return "\n".join(reader.paragraphs + reader.cells)


def _main_part(archive) -> str:
    """The main document part, as the package's relationships name it."""
    rels = fromstring(read_member(archive, "_rels/.rels", MIB, what=WHAT),
                      forbid_dtd=True)
    for rel in rels.iter(f"{{{RELATIONSHIPS}}}Relationship"):
        if rel.get("Type") == MAIN_DOCUMENT and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise KeyError("officeDocument")


class _WordText(ContentHandler):
    """Paragraphs and table cells of w:body, by python-docx's rules (see the module)."""

    BODY = ["document", "body"]
    TABLE = [*BODY, "tbl"]
    ROW = [*TABLE, "tr"]
    CELL = [*ROW, "tc"]
    RUN_TEXT = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}

    def __init__(self, text: _Text):
        super().__init__()
        self.text = text
        self.path: list[str] = []  # local names of the open elements ("" outside w:)
        self.paragraphs: list[str] = []
        self.cells: list[str] = []
        self.runs: list[str] | None = None  # text of the paragraph being read
        self.p_depth = 0
        self.pending = 0  # characters read but not yet counted (paragraph, cell)
        self.in_t = False  # inside a w:t of one of its runs, before any child of it
        self.cell: list[str] | None = None  # paragraphs of the cell being read
        self.span, self.merge = 1, None
        self.offset = 0  # grid column where the next cell of the row starts
        self.row: list[tuple[int, list[str], int]] = []  # start, texts, times
        self.above: dict[int, tuple[list[str], int]] = {}  # the row above, by start

    def startElementNS(self, name, qname, attrs):  # noqa: N802 (SAX's names)
        local = name[1] if name[0] == W else ""
        where = self.path
        self.in_t = False
        if local == "p" and (where == self.BODY or where == self.CELL):
            self.runs, self.p_depth = [], len(where)
        elif self.runs is not None and self._in_run(where):
            if local == "t":
                self.in_t = True
            elif local == "br":
                kind = attrs.get((W, "type"), "textWrapping")
                self._add("\n" if kind == "textWrapping" else "")
            elif local in self.RUN_TEXT:
                self._add(self.RUN_TEXT[local])
        elif where == self.TABLE and local == "tr":
            self.row, self.offset = [], 0
        elif where == self.ROW and local == "tc":
            self.cell, self.span, self.merge = [], 1, None
        elif where == [*self.ROW, "trPr"] and local == "gridBefore":
            self.offset = _number(attrs.get((W, "val")))
        elif where == [*self.CELL, "tcPr"] and local == "gridSpan":
            self.span = _number(attrs.get((W, "val")))
        elif where == [*self.CELL, "tcPr"] and local == "vMerge":
            self.merge = attrs.get((W, "val"), "continue")
        where.append(local)

    def endElementNS(self, name, qname):  # noqa: N802
        local = self.path.pop()
        where = self.path
        self.in_t = False
        if local == "p" and self.runs is not None and len(where) == self.p_depth:
            paragraph = "".join(self.runs)
            self.runs = None
            if where == self.BODY:
                self.pending = 0
                self.paragraphs.append(self.text.count(paragraph))
            else:
                self.cell.append(paragraph)
        elif local == "tc" and where == self.ROW:
            self._end_cell()
        elif local == "tr" and where == self.TABLE:
            self.above = {start: (texts, times) for start, texts, times in self.row}
        elif local == "tbl" and where == self.BODY:
            self.above = {}

    def characters(self, content):
        if self.in_t:
            self._add(content)

    def _add(self, text: str) -> None:
        self.runs.append(text)
        self.pending += len(text)
        self.text.check(self.pending)

    def _in_run(self, where: list[str]) -> bool:
        """Whether an element opening here is inside a run of the paragraph being read."""
        inner = where[self.p_depth + 1:]
        return inner == ["r"] or inner == ["hyperlink", "r"]

    def _end_cell(self) -> None:
        texts, times = ["\n".join(self.cell)], self.span
        if self.merge == "continue" and self.offset in self.above:
            texts, times = self.above[self.offset]
        self.row.append((self.offset, texts, times))
        self.pending = 0
        for _repeat in range(times):
            self.cells.extend(self.text.count(t) for t in texts)
        self.offset += self.span
        self.cell = None


def _number(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError as error:
        raise DocumentError(_("Tệp .docx bị hỏng: bảng có số cột không hợp lệ.")) from error


def _pdf_text(data: bytes, text: _Text) -> str:
    pages = []
    try:
        with apply_configuration(**PDF_LIMITS):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(_("Tệp PDF được đặt mật khẩu: hãy lưu lại không đặt mật "
                                      "khẩu."))
            if len(reader.pages) > MAX_PAGES:
                raise DocumentError(_("Tệp PDF có %(pages)s trang, quá %(limit)s trang của một "
                                      "kế hoạch: hãy bỏ các phụ lục không chứa mục tiêu hoặc "
                                      "tách văn bản.") % {"pages": _count(len(reader.pages)),
                                                          "limit": _count(MAX_PAGES)})
            for page in reader.pages:
                pages.append(text.count(page.extract_text() or ""))
    except DocumentError:
        raise
    except FileNotDecryptedError as error:
        raise DocumentError(_("Tệp PDF được đặt mật khẩu: hãy lưu lại không đặt mật khẩu.")) \
            from error
    except LimitReachedError as error:
        raise DocumentError(_("Tệp PDF có phần nén giải ra quá lớn hoặc quá phức tạp so với "
                              "một văn bản kế hoạch: tệp không được nhận.")) from error
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise DocumentError(_("Tệp PDF bị hỏng.")) from error
    content = "\n".join(pages)
    if not content.replace("\x00", "").strip():
        raise DocumentError(_("Tệp PDF không có lớp chữ (bản quét ảnh): hãy dán nội dung văn "
                              "bản hoặc tải tệp .docx."))
    return content


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")
