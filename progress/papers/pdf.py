"""A paper to PDF: LibreOffice (Writer, headless) converts the .docx the papers build.

Why LibreOffice: the papers are already Word documents laid out for A4 (the annual report,
the overview); converting the same file keeps one layout for Word and for print, with
Times New Roman printed in its metric twin (Liberation Serif) where the font is absent.
CI converts with it already; production installs libreoffice-writer-nogui and
fonts-liberation (Dockerfile). An HTML renderer (WeasyPrint) would be a second layout of
the same paper to keep in step, with its own system libraries.

Each conversion runs in a directory and a LibreOffice profile of its own, so two workers
converting at once never share (or lock) a profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 180


class ConversionError(RuntimeError):
    """LibreOffice is missing or could not convert the paper."""


def soffice_path() -> str:
    found = getattr(settings, "SOFFICE", "") or shutil.which("soffice")
    if not found:
        raise ConversionError("LibreOffice (soffice) is not installed")
    return found


def docx_to_pdf(content: bytes) -> bytes:
    """The PDF of a .docx, as LibreOffice prints it."""
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="childplan-pdf-") as folder:
        work = Path(folder)
        source = work / "paper.docx"
        source.write_bytes(content)
        profile = work / "profile"
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(source)],
                check=True, capture_output=True, timeout=TIMEOUT_SECONDS,
                env={**os.environ, "HOME": str(work)})
        except (subprocess.SubprocessError, OSError) as error:
            raise ConversionError(f"LibreOffice could not convert the paper: {error}") from error
        result = work / "paper.pdf"
        if not result.exists():
            raise ConversionError("LibreOffice wrote no PDF")
        return result.read_bytes()
