"""Read the Excel list of commune accounts: one row per commune, checked as a whole.

The sheet's first row holds the headings (those of the downloadable template, in
any order); each row below: the commune's code or name, the username, the full
name and the e-mail address (may be empty). Every row is checked before anything
is written, and the file is refused with each bad row's number (as Excel numbers
it) if one is wrong: the accounts are then created all together or not at all.

openpyxl reads the sheet in read-only mode, row by row; the archive is checked
first (its size, and its unpacked size, since a small zip can unpack to gigabytes).
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.access import AccountAuthority
from agencies.models import AdminUnit
from agencies.services import NewAccount, validate_username

HEADINGS = {
    "commune": "Mã xã hoặc tên xã",
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "email": "Thư điện tử",
}
MAX_ROWS = 2000
MAX_BLANK_RUN = 1000
MAX_UNPACKED_RATIO = 20
MAX_ERRORS_SHOWN = 30
COMMUNE_PREFIXES = ("xã ", "phường ", "đặc khu ", "thị trấn ")


class ImportRefused(Exception):
    """The file is refused as a whole; `errors` name the rows."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class AccountList:
    rows: list[tuple[AdminUnit, NewAccount]] = field(default_factory=list)


def _key(text: str) -> str:
    """A name compared the way people write it: case, spacing and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _bare(name: str) -> str:
    key = _key(name)
    for prefix in COMMUNE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def check_xlsx(upload) -> bytes:
    limit = settings.CHILDPLAN_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ImportRefused([_("Tệp nặng hơn giới hạn %(limit)s MB.") % {
            "limit": limit // (1024 * 1024)}])
    content = upload.read()
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportRefused([_("Tệp không phải bảng tính Excel .xlsx.")])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise ImportRefused([_("Tệp không phải bảng tính Excel .xlsx.")])
        if sum(info.file_size for info in archive.infolist()) > limit * MAX_UNPACKED_RATIO:
            raise ImportRefused([_("Tệp giải nén ra quá lớn so với một danh sách tài khoản.")])
    return content


def _columns(header: tuple) -> dict[str, int]:
    wanted = {_key(text): name for name, text in HEADINGS.items()}
    found = {}
    for index, cell in enumerate(header):
        name = wanted.get(_key(str(cell))) if cell is not None else None
        if name:
            found[name] = index
    missing = [HEADINGS[name] for name in HEADINGS if name not in found]
    if missing:
        raise ImportRefused([_("Dòng 1: thiếu cột %(columns)s. Hãy dùng tệp mẫu.") % {
            "columns": ", ".join(f"«{c}»" for c in missing)}])
    return found


def _text(row: tuple, index: int) -> str:
    value = row[index] if index < len(row) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a commune code typed as a number
    return " ".join(str(value).split())


class _Communes:
    """Today's communes of the territory, found by code or by name."""

    def __init__(self, authority: AccountAuthority):
        communes = AdminUnit.objects.communes().filter(valid_to__isnull=True)
        if not authority.everywhere:
            communes = communes.filter(pk__in=authority.unit_ids)
        self.by_code = {c.code: c for c in communes}
        self.by_name: dict[str, list[AdminUnit]] = {}
        self.by_bare: dict[str, list[AdminUnit]] = {}
        for commune in self.by_code.values():
            self.by_name.setdefault(_key(commune.name), []).append(commune)
            self.by_bare.setdefault(_bare(commune.name), []).append(commune)

    def find(self, text: str) -> AdminUnit:
        if text.isdigit():
            commune = self.by_code.get(text.zfill(5))
            if commune is None:
                raise ValidationError(_("không có xã mã %(code)s trong địa bàn bạn quản lý")
                                      % {"code": text})
            return commune
        found = self.by_name.get(_key(text)) or self.by_bare.get(_bare(text)) or []
        if not found:
            raise ValidationError(_("không có xã «%(name)s» trong địa bàn bạn quản lý")
                                  % {"name": text})
        if len(found) > 1:
            codes = ", ".join(_("%(name)s (mã %(code)s)") % {"name": c.name, "code": c.code}
                              for c in found)
            raise ValidationError(_("có nhiều xã tên «%(name)s»: %(codes)s; hãy ghi mã xã")
                                  % {"name": text, "codes": codes})
        return found[0]


def read_account_list(upload, authority: AccountAuthority) -> AccountList:
    """The rows of the file, every one checked; ImportRefused naming each bad row."""
    content = check_xlsx(upload)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a damaged file may fail anywhere inside openpyxl
        raise ImportRefused(["Không đọc được tệp: tệp bị hỏng hoặc không phải .xlsx."]) from error
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        columns = _columns(next(rows, ()))
        return _check_rows(rows, columns, authority)
    finally:
        book.close()


def _check_rows(rows, columns: dict[str, int], authority: AccountAuthority) -> AccountList:
    communes = _Communes(authority)
    result, errors = AccountList(), []
    filled, blank = [], 0
    for number, row in enumerate(rows, start=2):
        values = {name: _text(row, index) for name, index in columns.items()}
        if not any(values.values()):
            # Empty rows in between are skipped; a long run of them is the end of the list
            # (LibreOffice can leave a million empty rows after it).
            blank += 1
            if blank > MAX_BLANK_RUN:
                break
            continue
        blank = 0
        if number > MAX_ROWS + 1:
            raise ImportRefused([_("Tệp có hơn %(limit)s dòng; hãy chia thành nhiều tệp.")
                                 % {"limit": MAX_ROWS}])
        filled.append((number, values))
    taken = {u.casefold() for u in get_user_model().objects.annotate(
        folded=Lower("username")).filter(
        folded__in=[values["username"].casefold() for _, values in filled]).values_list(
        "username", flat=True)}
    seen_communes: dict[int, int] = {}
    seen_users: dict[str, int] = {}
    for number, values in filled:
        problems = []
        commune = None
        try:
            commune = communes.find(values["commune"]) if values["commune"] else None
            if commune is None:
                problems.append(_("thiếu mã hoặc tên xã"))
        except ValidationError as error:
            problems.append(error.messages[0])
        if commune is not None and commune.pk in seen_communes:
            problems.append(_("%(commune)s đã có ở dòng %(row)s") % {
                "commune": commune.name, "row": seen_communes[commune.pk]})
        username = values["username"]
        try:
            validate_username(username)
        except ValidationError as error:
            problems.append(error.messages[0])
        else:
            if username.casefold() in seen_users:
                problems.append(_("tên đăng nhập «%(username)s» đã có ở dòng %(row)s") % {
                    "username": username, "row": seen_users[username.casefold()]})
            elif username.casefold() in taken:
                problems.append(_("tên đăng nhập «%(username)s» đã có người dùng")
                                % {"username": username})
        if not values["full_name"]:
            problems.append(_("thiếu họ và tên"))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(_("thư điện tử «%(email)s» không hợp lệ")
                                % {"email": values["email"]})
        # Repeats are named against the first row that had them, good or bad.
        if commune is not None:
            seen_communes.setdefault(commune.pk, number)
        if username:
            seen_users.setdefault(username.casefold(), number)
        if problems:
            errors.append(_("Dòng %(row)s: %(problems)s.") % {
                "row": number, "problems": "; ".join(problems)})
            continue
        result.rows.append((commune, NewAccount(username, values["full_name"], values["email"])))
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > len(shown):
            more = len(errors) - len(shown)
            shown.append(ngettext("… và %(count)s dòng lỗi khác.", "… và %(count)s dòng lỗi khác.",
                                  more) % {"count": more})
        raise ImportRefused(shown)
    if not result.rows:
        raise ImportRefused([_("Tệp không có dòng nào dưới dòng tiêu đề.")])
    return result


def template_workbook() -> bytes:
    """The empty list to fill in: the headings, one row per commune below them."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Tài khoản xã")
    sheet.append(list(HEADINGS.values()))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
