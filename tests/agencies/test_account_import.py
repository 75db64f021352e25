"""Commune accounts from an Excel list: all rows or none, each bad row named by its number."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import AccountProfile, Agency
from tests.agencies.conftest import commune, workbook
from tests.agencies.test_account_services import snapshot

pytestmark = pytest.mark.django_db


def _upload(client, book: io.BytesIO):
    return client.post(reverse("accounts_import"), {"file": book}, follow=True)


def _refused(client, book, *errors: str):
    before = (snapshot(), Agency.objects.count())
    response = _upload(client, book)
    page = response.content.decode()
    assert "Tệp chưa được nhận; chưa tài khoản nào được tạo." in page
    for error in errors:
        assert error in page
    assert (snapshot(), Agency.objects.count()) == before
    return page


def test_a_good_list_creates_one_reporter_per_commune_and_shows_the_passwords(client_for, world):
    client = client_for(world.people["mai"])
    book = workbook(
        ["90001", "hoptien.xa", "Lê Thị Hoa", "hoa@example.vn"],
        [90002.0, "hacthanh.phuong", "Trần Văn Bình", ""],  # a code typed as a number
        [],  # an empty row in between
    )
    page = _upload(client, book).content.decode()
    users = get_user_model().objects.filter(username__in=["hoptien.xa", "hacthanh.phuong"])
    assert users.count() == 2
    for user in users:
        membership = user.memberships.get()
        assert membership.role == "reporter" and membership.agency.unit.level == "commune"
        assert AccountProfile.objects.get(user=user).must_change_password
        assert f'data-account="{user.username}"' in page
    assert page.count('<code class="password">') == 2
    assert Agency.objects.get(unit=world.commune_b).name == "Ủy ban nhân dân phường Hạc Thành"


@pytest.mark.parametrize("written", ["Xã Hợp Tiến", "xã hợp tiến", "Hợp Tiến", " Hợp  Tiến "])
def test_a_commune_is_found_by_its_name_as_people_write_it(client_for, world, written):
    _upload(client_for(world.people["mai"]), workbook([written, "hoptien.xa", "Lê Thị Hoa", ""]))
    assert get_user_model().objects.get(username="hoptien.xa").memberships.get().agency == \
        world.ubnd_a


def test_one_bad_row_refuses_the_file_with_its_row_number(client_for, world):
    book = workbook(
        ["90001", "hoptien.xa", "Lê Thị Hoa", "hoa@example.vn"],
        ["Xã Không Có", "khongco.xa", "Phạm Văn Cò", ""],
        ["90002", "hacthanh.phuong", "Trần Văn Bình", ""],
    )
    _refused(client_for(world.people["mai"]), book,
             "Dòng 3: không có xã «Xã Không Có» trong địa bàn bạn quản lý.")


def test_every_bad_row_is_named_at_once(client_for, world):
    book = workbook(
        ["90001", "hoptien.xa", "Lê Thị Hoa", "hoa@"],
        ["90001", "hoptien2.xa", "Lê Văn Hai", ""],
        ["90002", "dan", "Trần Văn Dân", ""],
        ["90002", "hợp tiến", "", ""],
        ["90003", "badinh.phuong", "Ngô Thị Đình", ""],
        ["", "trong.xa", "Đỗ Văn Trống", ""],
        ["90002", "HOPTIEN.xa", "Lý Văn Trùng", ""],
    )
    _refused(client_for(world.people["mai"]), book,
             "Dòng 2: thư điện tử «hoa@» không hợp lệ.",
             "Dòng 3: Xã Hợp Tiến đã có ở dòng 2.",
             "Dòng 4: tên đăng nhập «dan» đã có người dùng.",
             "Dòng 5: Phường Hạc Thành đã có ở dòng 4; tên đăng nhập «hợp tiến» chỉ được gồm "
             "chữ không dấu", "(tối đa 150 ký tự); thiếu họ và tên.",
             "Dòng 6: không có xã mã 90003 trong địa bàn bạn quản lý.",  # Hà Nội's
             "Dòng 7: thiếu mã hoặc tên xã.",
             "Dòng 8: Phường Hạc Thành đã có ở dòng 4; tên đăng nhập «HOPTIEN.xa» đã có ở "
             "dòng 2.")


def test_two_communes_of_one_name_ask_for_the_code(client_for, world):
    commune("90004", "Phường Hợp Tiến", world.thanh_hoa)
    _refused(client_for(world.people["mai"]), workbook(["Hợp Tiến", "hoptien.xa", "Lê Hoa", ""]),
             "Dòng 2: có nhiều xã tên «Hợp Tiến»", "hãy ghi mã xã")


def test_a_commune_manager_imports_only_their_own_commune(client_for, world):
    _refused(client_for(world.people["xuan"]), workbook(["90002", "hacthanh", "Trần Bình", ""]),
             "Dòng 2: không có xã mã 90002 trong địa bàn bạn quản lý.")


def test_a_sheet_without_the_template_s_columns_is_refused(client_for, world):
    book = workbook(["90001", "hoptien.xa"], headings=("Mã xã", "Tên đăng nhập"))
    _refused(client_for(world.people["mai"]), book,
             "Dòng 1: thiếu cột «Mã xã hoặc tên xã», «Họ và tên», «Thư điện tử».")


def test_a_file_that_is_not_excel_is_refused(client_for, world):
    fake = SimpleUploadedFile("tai-khoan.xlsx", b"ma xa,ten dang nhap\n90001,a\n")
    _refused(client_for(world.people["mai"]), fake, "Tệp không phải bảng tính Excel .xlsx.")


def test_an_empty_list_is_refused(client_for, world):
    _refused(client_for(world.people["mai"]), workbook(),
             "Tệp không có dòng nào dưới dòng tiêu đề.")


def test_a_reviewer_may_not_import(client_for, world):
    before = snapshot()
    response = client_for(world.people["ngoc"]).post(
        reverse("accounts_import"), {"file": workbook(["90001", "hoptien.xa", "Lê Hoa", ""])})
    assert response.status_code == 403
    assert snapshot() == before


def test_the_template_has_the_columns_the_import_reads(client_for, world):
    response = client_for(world.people["mai"]).get(reverse("accounts_import_template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    headings = next(sheet.iter_rows(values_only=True))
    assert list(headings) == ["Mã xã hoặc tên xã", "Tên đăng nhập", "Họ và tên", "Thư điện tử"]
