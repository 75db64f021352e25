"""One write path for figures: the form and the Excel upload keep the same history, check the
same things, and a confirmation of an unusual figure holds only for the value it confirmed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.figures import Figure
from reporting.models import Channel, Report, ReportStatus, Value
from reporting.services import UnconfirmedFigures, report_save, report_submit
from reporting.values import FigureEntry, confirmation, values_write
from tests.reporting.conftest import entry_for, form_data
from tests.reporting.test_excel_upload import confirm, download, fill, upload

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 12, 2, 30, tzinfo=datetime.UTC)
FAR = "Chỉ tiêu 6: 9,5 khác xa số liệu các năm trước (năm 2025: 1,7; mức thường gặp 0,70 – 2,70)"


def six(report) -> Value:
    return Value.objects.get(report=report, measure__code="6")


def changes(report, code: str = "6") -> list[tuple]:
    rows = Value.history.filter(report_id=report.pk, measure__code=code).order_by("history_id")
    return [(h.history_type, h.value, h.history_user, h.channel) for h in rows]


# Who, when and how: the history of both channels.

def test_the_form_and_the_upload_keep_the_same_history(client_for, alice, report):
    client = client_for(alice)
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "1,9"}}))
    confirm(client, report, upload(client, report,
                                   fill(download(client, report), {"6": {"Giá trị": 2.1}})))

    assert changes(report) == [("+", Decimal("1.9"), alice, Channel.FORM),
                               ("~", Decimal("2.1"), alice, Channel.EXCEL)]
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    history = page[page.index("Lịch sử thay đổi số liệu"):]
    assert "Biểu mẫu nhập liệu" in history and "Tệp Excel" in history


def test_a_write_names_who_and_when_and_skips_what_did_not_change(alice, report):
    report_save(report=report, by=alice, version=report.version, now=MOMENT,
                entry=entry_for(report, {"6": "1.9", "4a": "7.9"}))
    report.refresh_from_db()
    later = MOMENT + datetime.timedelta(hours=1)
    report_save(report=report, by=alice, version=report.version, now=later,
                entry=entry_for(report, {"6": "1.9", "4a": "8.1"}))

    history = [(h.measure.code, h.history_type, h.history_date, h.history_user_id) for h in
               Value.history.filter(report_id=report.pk).order_by("history_id")]
    assert sorted(history[:2]) == [("4a", "+", MOMENT, alice.pk), ("6", "+", MOMENT, alice.pk)]
    assert history[2:] == [("4a", "~", later, alice.pk)]  # 6 did not change


def test_the_history_row_holds_the_figure_as_written(alice, report):
    measure = report.measures().get(code="3a")
    figure = FigureEntry(Figure(Decimal(19), Decimal(10000), Decimal("1.9")), note="A1",
                         source="Sở Y tế", confirmed=True)
    assert values_write(report=report, figures={measure.pk: figure}, by=alice, now=MOMENT,
                        channel=Channel.API) == 1

    row = Value.history.get(report_id=report.pk)
    assert (row.numerator, row.denominator, row.value, row.note, row.source,
            row.confirmed_value, row.channel, row.history_date) == (
        Decimal(19), Decimal(10000), Decimal("1.9"), "A1", "Sở Y tế", Decimal("1.9"),
        Channel.API, MOMENT)
    assert values_write(report=report, figures={measure.pk: figure}, by=alice, now=MOMENT,
                        channel=Channel.API) == 0


# A confirmation belongs to the value it confirmed.

D = Decimal


@pytest.mark.parametrize(("value", "box", "stored", "expected"), [
    pytest.param(D("9.5"), True, None, D("9.5"), id="ticked-confirms-this-value"),
    pytest.param(D("9.5"), False, D("9.5"), None, id="unticked-clears"),
    pytest.param(D("9.5"), None, D("9.5"), D("9.5"), id="no-box-same-value-keeps"),
    pytest.param(D("9.6"), None, D("9.5"), None, id="no-box-changed-value-clears"),
    pytest.param(D("9.5"), None, None, None, id="no-box-nothing-to-keep"),
    pytest.param(None, True, D("9.5"), None, id="an-empty-figure-confirms-nothing"),
])
def test_the_confirmation_rule(value, box, stored, expected):
    typed = FigureEntry(Figure(value=value), confirmed=box)
    assert confirmation(typed, stored) == expected


def test_a_confirmed_figure_is_unconfirmed_when_an_upload_changes_it(client_for, alice, report,
                                                                     approved_history):
    client = client_for(alice)
    confirmed = {"6": {"value": "9,5", "note": "Có ổ dịch", "confirm": True}}
    client.post(reverse("report_edit", args=[report.pk]), form_data(report, confirmed))
    assert six(report).confirmed

    # The same value again from a file: still confirmed. Another value: no longer.
    confirm(client, report, upload(client, report, fill(download(client, report),
                                                        {"6": {"Nguồn số liệu": "CDC"}})))
    assert six(report).confirmed and six(report).source == "CDC"
    confirm(client, report, upload(client, report, fill(download(client, report),
                                                        {"6": {"Giá trị": 9.6}})))
    assert not six(report).confirmed

    report.refresh_from_db()
    with pytest.raises(UnconfirmedFigures) as refused:
        report_submit(report=report, by=alice, version=report.version)
    assert list(refused.value.warnings.values())[0].startswith(
        "Chỉ tiêu 6: 9,6 khác xa số liệu các năm trước")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_the_form_clears_a_confirmation_its_box_no_longer_ticks(client_for, alice, report,
                                                                approved_history):
    client = client_for(alice)
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "9,5", "note": "Có ổ dịch", "confirm": True}}))
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "9,5", "note": "Có ổ dịch"}}))
    assert not six(report).confirmed


# The rule lives in the submit service, whatever the channel.

def test_the_submit_service_refuses_an_unusual_figure_and_saves_nothing(alice, report,
                                                                        approved_history):
    version = report.version
    with pytest.raises(UnconfirmedFigures) as refused:
        report_submit(report=report, by=alice, version=version,
                      entry=entry_for(report, {"6": "9.5", "4a": "7.9"}))
    assert list(refused.value.warnings.values()) == [
        f"{FAR}. Nếu số liệu đúng, hãy ghi chú lý do và đánh dấu «Tôi xác nhận số liệu này là "
        "đúng» trên biểu mẫu nhập liệu trước khi nộp."]
    after = Report.objects.get(pk=report.pk)
    assert (after.status, after.version) == (ReportStatus.DRAFT, version)
    assert not Value.objects.filter(report=report).exists()


@pytest.mark.parametrize(("note", "box"), [("", True), ("Có ổ dịch", False)])
def test_a_confirmation_needs_both_the_box_and_a_note(alice, report, approved_history, note,
                                                      box):
    measure = report.measures().get(code="6")
    entry = entry_for(report, {})
    entry.figures[measure.pk] = FigureEntry(Figure(value=Decimal("9.5")), note=note,
                                            confirmed=box)
    with pytest.raises(UnconfirmedFigures):
        report_submit(report=report, by=alice, version=report.version, entry=entry)


def test_an_uploaded_unusual_figure_cannot_be_submitted_until_confirmed(
        client_for, alice, report, approved_history):
    client = client_for(alice)
    preview = upload(client, report, fill(download(client, report),
                                          {"6": {"Giá trị": 9.5, "Ghi chú": "Có ổ dịch"}}))
    warning = next(c.warning for c in preview.context["preview"].changes if c.measure.code == "6")
    confirm(client, report, preview)

    form_page = client.get(reverse("report_edit", args=[report.pk])).content.decode()
    refused = client.post(reverse("report_submit", args=[report.pk]),
                          form_data(report, {"6": {"value": "9,5", "note": "Có ổ dịch"}}))
    assert refused.status_code == 200
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    # One message: the upload's preview, the form's warning and the refusal say the same.
    assert warning.startswith(FAR)
    assert warning in form_page
    assert refused.context["form"].errors[f"m{six(report).measure_id}_note"] == [warning]

    client.post(reverse("report_submit", args=[report.pk]),
                form_data(report, {"6": {"value": "9,5", "note": "Có ổ dịch", "confirm": True}}))
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


# The same checks whatever the channel.

def test_the_form_and_the_upload_refuse_a_long_note_alike(client_for, alice, report):
    client = client_for(alice)
    note = "x" * 2001
    form_page = client.post(reverse("report_edit", args=[report.pk]),
                            form_data(report, {"6": {"value": "1,9", "note": note}}))
    upload_page = upload(client, report, fill(download(client, report),
                                              {"6": {"Giá trị": 1.9, "Ghi chú": note}}))
    message = "dài 2.001 ký tự, tối đa 2.000."
    assert f"Chỉ tiêu 6, ghi chú: {message}" in form_page.content.decode()
    problems = [str(p) for p in upload_page.context["preview"].problems]
    assert len(problems) == 1 and problems[0].endswith(f"cột «Ghi chú»: {message}")
    assert not Value.objects.filter(report=report).exists()


def test_the_form_refuses_a_long_source_by_the_same_rule(client_for, alice, report):
    page = client_for(alice).post(reverse("report_edit", args=[report.pk]), form_data(
        report, {"6": {"value": "1,9", "source": "y" * 301}})).content.decode()
    assert "Chỉ tiêu 6, nguồn số liệu: dài 301 ký tự, tối đa 300." in page
    assert not Value.objects.filter(report=report).exists()
