"""The report page names who took each step, and "hệ thống" for steps no one took.

Figures loaded by the demo, by an import or by an account deleted since have no user.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from tests.reporting.conftest import entry_for

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 12, 2, 0, tzinfo=datetime.UTC)


def _rows(page: str, heading: str) -> list[str]:
    """The text of each body row of the table under `heading`, cells joined by " | "."""
    table = page[page.index(heading):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    return [" | ".join(re.sub(r"<[^>]+>", "", cell).strip()
                       for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_steps_without_a_user_read_he_thong_beside_named_ones(client_for, bob, report):
    from reporting.services import report_approve, report_save, report_submit

    bob.first_name, bob.last_name = "Bình", "Trần"
    bob.save()
    report = report_save(report=report, by=None, version=report.version,
                         entry=entry_for(report, {"6": "1.9"}), now=MOMENT)
    report = report_submit(report=report, by=None, version=report.version, now=MOMENT)
    report_approve(report=report, by=bob, now=MOMENT + datetime.timedelta(days=3))

    response = client_for(bob).get(reverse("report_detail", args=[report.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "09:00 12/11/2026 — hệ thống" in page  # Nộp lúc
    steps = _rows(page, "Các bước xử lý")
    assert steps == ["09:00 12/11/2026 | Lưu nháp | hệ thống | ",
                     "09:00 12/11/2026 | Nộp báo cáo | hệ thống | ",
                     "09:00 15/11/2026 | Duyệt | Trần Bình | "]  # family name first
    # Người sửa, then Nhập qua: the channel of a change without a user is still named.
    assert [row.split(" | ")[-2:] for row in _rows(page, "Lịch sử thay đổi số liệu")] == [
        ["hệ thống", "Biểu mẫu nhập liệu"]]


def test_a_step_by_a_deleted_account_reads_he_thong(client_for, alice, bob, report):
    from reporting.services import report_save

    report_save(report=report, by=alice, version=report.version,
                entry=entry_for(report, {"6": "1.9"}), now=MOMENT)
    alice.delete()

    response = client_for(bob).get(reverse("report_detail", args=[report.pk]))

    assert response.status_code == 200
    steps = _rows(response.content.decode(), "Các bước xử lý")
    assert steps == ["09:00 12/11/2026 | Lưu nháp | hệ thống | "]
