"""Checking an evidence file before it is kept: a PDF or an image, small, and whole.

In order, each refusal a Vietnamese message naming the file (UnsafeEvidence):
1. the size, before anything reads the content: at most MAX_BYTES;
2. the first bytes (the "magic"), whatever the name or the browser says: %PDF-, PNG or JPEG;
3. the file opened by the library that reads its kind, bounded: Pillow with its
   decompression-bomb limit turned into a refusal (MAX_PIXELS), then verify(); pypdf in
   strict mode, at most MAX_PAGES pages, no encryption. A file cut short or forged fails
   here.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_PAGES = 200

MAGIC = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png",
         b"\xff\xd8\xff": "image/jpeg"}


class UnsafeEvidence(ValueError):
    """The file is refused; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes


def check_evidence(name: str, data: bytes) -> CheckedFile:
    label = _("Tệp «%(name)s»") % {"name": name[:100]}
    if len(data) > MAX_BYTES:
        raise UnsafeEvidence(_("%(file)s: dung lượng %(size)s KB, vượt mức tối đa %(limit)s MB.")
                             % {"file": label, "size": len(data) // 1024,
                                "limit": MAX_BYTES // (1024 * 1024)})
    if not data:
        raise UnsafeEvidence(_("%(file)s rỗng.") % {"file": label})
    content_type = next((t for magic, t in MAGIC.items() if data.startswith(magic)), None)
    if content_type is None:
        raise UnsafeEvidence(_("%(file)s không phải PDF, PNG hay JPEG: chỉ nhận minh chứng là "
                               "tệp PDF hoặc ảnh.") % {"file": label})
    if content_type == "application/pdf":
        _check_pdf(label, data)
    else:
        _check_image(label, data)
    return CheckedFile(name=name[:200], content_type=content_type, data=data)


def _check_image(label: str, data: bytes) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise UnsafeEvidence(_("%(file)s: ảnh %(width)s×%(height)s điểm ảnh, quá "
                                           "lớn.") % {"file": label, "width": width,
                                                      "height": height})
                image.verify()
    except UnsafeEvidence:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnsafeEvidence(_("%(file)s: ảnh quá lớn khi giải nén.") % {"file": label}) \
            from None
    except Exception:
        raise UnsafeEvidence(_("%(file)s: ảnh bị hỏng hoặc không đọc được.")
                             % {"file": label}) from None


def _check_pdf(label: str, data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise UnsafeEvidence(_("%(file)s: tệp PDF có mật khẩu, không kiểm tra được.")
                                 % {"file": label})
        pages = len(reader.pages)
    except UnsafeEvidence:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError):
        raise UnsafeEvidence(_("%(file)s: tệp PDF bị hỏng hoặc không đọc được.")
                             % {"file": label}) from None
    if pages == 0 or pages > MAX_PAGES:
        raise UnsafeEvidence(_("%(file)s: tệp PDF có %(pages)s trang, chỉ nhận 1–%(limit)s "
                               "trang.") % {"file": label, "pages": pages, "limit": MAX_PAGES})
