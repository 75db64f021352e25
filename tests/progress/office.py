"""Papers as a reader gets them: converted to PDF by LibreOffice, read back with pypdf.

CI installs LibreOffice (.ci/run); elsewhere the tests that need it are skipped unless
CHILDPLAN_REQUIRE_OFFICE is set, so a missing install fails instead of passing quietly.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

A4_POINTS = (595.0, 842.0)


def require_office() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CHILDPLAN_REQUIRE_OFFICE") or os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice is not installed")
    return found


def to_pdf(source: Path) -> Path:
    """`source` converted by LibreOffice in a profile of its own (runs never share one)."""
    soffice = require_office()
    profile = source.parent / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=180,
        env={**os.environ, "HOME": str(source.parent)})
    return source.with_suffix(".pdf")


@dataclass(frozen=True)
class Printed:
    pages: list[tuple[float, float]]  # (width, height) in points, page by page
    sizes: list[tuple[float, str]]  # (size in points as printed, text) of every text run
    text: str

    @property
    def smallest(self) -> float:
        return min(size for size, _ in self.sizes)


def read_pdf(path: Path) -> Printed:
    from pypdf import PdfReader

    reader = PdfReader(path)
    pages, sizes, texts = [], [], []
    for page in reader.pages:
        pages.append((float(page.mediabox.width), float(page.mediabox.height)))

        def visit(text, cm, tm, _font, size):
            if text.strip():
                sizes.append((size * _scale(tm) * _scale(cm), text.strip()))

        texts.append(page.extract_text(visitor_text=visit))
    return Printed(pages, sizes, "\n".join(texts))


def _scale(matrix) -> float:
    a, b, c, d = (float(x) for x in matrix[:4])
    return math.sqrt(abs(a * d - b * c))


def is_a4(size: tuple[float, float]) -> bool:
    width, height = sorted(size)
    return abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
