"""safe_files' refusals in English when English is active, Vietnamese by default (no
database). safe_files is a plain package, not an installed app: its catalogue is loaded here
through LOCALE_PATHS, as the settings load it once they list it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

import safe_files
from reporting.excel.upload import XLSX_LIMITS
from safe_files import UnsafeFile, open_archive
from tests.hostile.make_corpus import Member, write_zip

CATALOGUE = str(Path(safe_files.__file__).parent / "locale")
ENCRYPTED = write_zip([Member("a.xml", b"xx", 0, 2, zipfile.ZIP_STORED, flags=0x1)])


def refusal(what) -> str:
    with pytest.raises(UnsafeFile) as refused:
        open_archive(ENCRYPTED, XLSX_LIMITS, what=what)
    return str(refused.value)


def test_an_encrypted_file_is_refused_in_english_then_vietnamese():
    with override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")],
                           LOCALE_PATHS=[CATALOGUE]), translation.override("en"):
        assert refusal("Excel workbook") == ("The file is password-protected or encrypted. Save "
                                             "it again without a password and upload it again.")
    assert refusal("bảng tính Excel").startswith("Tệp được đặt mật khẩu hoặc mã hóa.")


def test_a_damaged_file_names_its_kind_in_english():
    with override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")],
                           LOCALE_PATHS=[CATALOGUE]), translation.override("en"):
        with pytest.raises(UnsafeFile) as refused:
            open_archive(b"PK\x03\x04 cut short", XLSX_LIMITS, what="Excel workbook")
    assert str(refused.value).startswith("The file is not the expected Excel workbook, or it is "
                                         "damaged or incomplete")
