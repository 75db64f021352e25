"""What the API reads and writes, as OpenAPI shows it. Field descriptions are Vietnamese:
the documentation page is built from them, translating each (exchange/docs.py); gettext_noop
marks them for the catalogue and leaves the schema's text as it is."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, field_validator

MAX_ID = 2**53


class Strict(Schema):
    """A document sent to the API: a field it does not know is an error, never ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value):
        # PostgreSQL refuses NUL in text; no figure, note or comment needs a control character.
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise ValueError(_("chứa ký tự điều khiển không được phép."))
        return value


class ErrorItem(Schema):
    field: str = Field(description=gettext_noop("Trường có lỗi, ví dụ «figures[2].numerator»"))
    row: int | None = Field(None, description=gettext_noop(
        "Dòng (tính từ 1) trong tài liệu gửi lên, nếu có"))
    measure: str | None = Field(None, description=gettext_noop(
        "Mã chỉ tiêu đo lường của dòng, nếu có"))
    reason: str = Field(description=gettext_noop("Lý do, bằng tiếng Việt"))


class ErrorOut(Schema):
    detail: str = Field(description=gettext_noop("Thông báo chung, bằng tiếng Việt"))
    errors: list[ErrorItem] = Field(default_factory=list)


# The catalogue.

class MeasureOut(Schema):
    id: int
    code: str = Field(description=gettext_noop("Mã chỉ tiêu đo lường, ví dụ «3a»"))
    name: str
    indicator: int | None = Field(description=gettext_noop(
        "Số chỉ tiêu (1–24); trống với chỉ tiêu riêng"))
    goal: int | None = Field(description=gettext_noop("Số mục tiêu (1–4)"))
    plan: int | None = Field(description=gettext_noop(
        "Kế hoạch sở hữu chỉ tiêu riêng; trống: chỉ tiêu quốc gia"))
    unit_kind: str = Field(description="percent, per_1000, per_100000, count, yes_no, "
                                       "annual_change")
    unit_label: str = Field(description=gettext_noop("Đơn vị tính"))
    numerator_label: str
    denominator_label: str
    direction: str = Field(description="increase, decrease, maintain, band")
    aggregation: str = Field(description=gettext_noop(
        "ratio (tổng tử số / tổng mẫu số), sum, none"))
    data_element: str = Field(description=gettext_noop(
        "Mã dùng trong ADX/SDMX (bảng mã do quản trị sửa)"))
    numerator_element: str
    denominator_element: str


class IndicatorOut(Schema):
    number: int
    name: str
    measures: list[MeasureOut]


class GoalOut(Schema):
    number: int
    name: str
    indicators: list[IndicatorOut]


# Units.

class UnitRef(Schema):
    code: str = Field(description=gettext_noop(
        "Mã đơn vị hành chính (QĐ 19/2025/QĐ-TTg: tỉnh 2 chữ số, xã 5 chữ số; đơn vị cũ giữ mã "
        "trước 2025)"))
    level: str = Field(description="nation, province, district, commune")
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class UnitOut(UnitRef):
    parent: UnitRef | None
    current: bool = Field(description=gettext_noop("Đơn vị đang có hiệu lực"))
    successors: list[UnitRef] = Field(description=gettext_noop(
        "Đơn vị nhận lại địa bàn (sắp xếp 2025)"))
    predecessors: list[UnitRef]


class CrosswalkOut(Schema):
    code: str
    level: str
    found: list[UnitRef] = Field(description=gettext_noop("Các phiên bản đơn vị mang mã này"))
    today: list[UnitRef] = Field(description=gettext_noop(
        "Đơn vị hiện nay mà địa bàn của mã này thuộc về"))


# Plans.

class AgencyOut(Schema):
    id: int
    name: str
    sector: str
    unit: str = Field(description=gettext_noop("Mã đơn vị hành chính của cơ quan"))


class TargetOut(Schema):
    measure: str
    year: int
    comparator: str = Field(description="<, <=, >, >=, =, band, annual_change")
    value: Decimal
    value_high: Decimal | None
    area: str = Field(description="all, rural, urban")
    baseline: Decimal | None
    baseline_year: int | None
    display: str = Field(description=gettext_noop("Mục tiêu như văn bản viết, ví dụ «dưới 1,9»"))


class AssignmentOut(Schema):
    indicator: int
    agency: AgencyOut
    role: str = Field(description=gettext_noop("lead (chủ trì), support (phối hợp)"))


class PlanOut(Schema):
    id: int
    key: str
    kind: str
    title: str
    issuer: str
    number: str
    issued_on: datetime.date | None
    unit: UnitRef
    level: str
    period_start: int | None
    period_end: int | None
    parent: int | None
    consolidating_agency: AgencyOut | None
    deadline: str = Field(description=gettext_noop("Hạn báo cáo hằng năm, dd/mm"))
    status: str


class PlanDetailOut(PlanOut):
    targets: list[TargetOut]
    assignments: list[AssignmentOut]


class CycleOut(Schema):
    id: int
    plan: int
    year: int
    kind: str = Field(description="annual, midterm, final, adhoc")
    title: str
    opens_on: datetime.date
    deadline: datetime.date = Field(description=gettext_noop(
        "Hạn nộp của kỳ (các cơ quan cấp tỉnh)"))
    commune_deadline: datetime.date = Field(description=gettext_noop("Hạn nộp của các xã, phường"))
    locked: bool


# Reports and values.

class ValueOut(Schema):
    id: int
    report: int
    measure: str
    unit: str = Field(description=gettext_noop("Mã đơn vị báo cáo"))
    year: int
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    aggregable: bool = Field(description=gettext_noop("Có tử số, mẫu số nên cộng dồn được"))
    note: str
    source: str
    confirmed: bool
    report_status: str


class EventOut(Schema):
    action: str = Field(description="save, submit, resubmit, approve, return, unapprove")
    label: str
    by: str | None
    at: datetime.datetime
    comment: str
    late: bool


class ValueChangeOut(Schema):
    measure: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    note: str
    by: str | None
    at: datetime.datetime
    kind: str = Field(description=gettext_noop("+ (thêm), ~ (sửa), - (xóa)"))
    channel: str = Field(description=gettext_noop(
        "Kênh ghi: «form» (biểu mẫu), «excel» (tệp Excel), «api», «admin» (trang quản "
        "trị); trống với các dòng ghi trước khi lưu kênh"))


class ReportOut(Schema):
    id: int
    cycle: int
    plan: int
    year: int
    agency: AgencyOut
    unit: str = Field(description=gettext_noop("Mã đơn vị báo cáo"))
    status: str = Field(description="draft, submitted, approved, returned")
    progress: str = Field(description="not_started, draft, submitted, late, approved, returned")
    version: int = Field(description=gettext_noop(
        "Phiên bản: gửi lại khi ghi để không ghi đè số liệu mới hơn"))
    deadline: datetime.date = Field(description=gettext_noop("Hạn nộp của báo cáo này"))
    late: bool
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    review_comment: str
    measures: list[str] = Field(description=gettext_noop("Các chỉ tiêu báo cáo này cần nhập"))


class ReportWrittenOut(ReportOut):
    """A report after a write: its state, figures and steps (the full history is on GET)."""

    results: str
    difficulties: str
    proposals: str
    budget_spent: Decimal | None
    values: list[ValueOut]
    events: list[EventOut]


class ReportDetailOut(ReportWrittenOut):
    history: list[ValueChangeOut]


class SnapshotOut(BaseModel):
    """A plain pydantic model (not ninja's Schema, which reads attributes of ORM objects one
    by one): the snapshot list serves pages of 1,000 rows built as dicts."""

    plan: int
    unit: str
    unit_level: str
    measure: str
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str = Field(description=gettext_noop("Đánh giá tiến độ so với mục tiêu"))
    target: str | None = Field(description=gettext_noop("Mục tiêu đánh giá, như văn bản viết"))
    target_year: int | None
    units_reported: int
    units_expected: int
    computed: bool = Field(description=gettext_noop(
        "Giá trị được tính từ kết quả công nhận xã, phường phù hợp với trẻ em (chỉ tiêu 1), "
        "không do đơn vị nhập"))
    computed_at: datetime.datetime


# Writes.

class FigureIn(Strict):
    measure: str = Field(description=gettext_noop(
        "Mã chỉ tiêu đo lường, ví dụ «3a»"), max_length=20)
    numerator: Decimal | None = Field(None, description=gettext_noop("Tử số (chỉ tiêu tỷ lệ)"))
    denominator: Decimal | None = Field(None, description=gettext_noop("Mẫu số (chỉ tiêu tỷ lệ)"))
    value: Decimal | None = Field(None, description=gettext_noop(
        "Giá trị, khi không có tử số và mẫu số"))
    note: str = Field("", max_length=5000)
    source: str = Field("", max_length=300)
    confirmed: bool = Field(False, description=gettext_noop(
        "Xác nhận số liệu khác xa các năm trước"))
    confirm_for: Decimal | None = Field(
        None, description=gettext_noop(
            "Giá trị được xác nhận (bắt buộc khi confirmed là true): phải bằng giá trị của dòng, "
            "như trên biểu mẫu một xác nhận chỉ có giá trị cho số liệu đã hiện khi đánh dấu"))


class FiguresIn(Strict):
    version: int = Field(ge=1, le=MAX_ID, description=gettext_noop(
        "Phiên bản của báo cáo khi đọc (ReportOut.version)"))
    figures: list[FigureIn] = Field(max_length=500, description=gettext_noop(
        "Các dòng số liệu: ghi tất cả hoặc không dòng nào; chỉ tiêu không gửi giữ nguyên"))
    submit: bool = Field(False, description=gettext_noop("true: nộp báo cáo luôn sau khi ghi"))
    results: str | None = Field(None, max_length=20000)
    difficulties: str | None = Field(None, max_length=20000)
    proposals: str | None = Field(None, max_length=20000)
    budget_spent: Decimal | None = None


class ReturnIn(Strict):
    comment: str = Field(description=gettext_noop("Lý do trả lại"), max_length=5000)


class ImportRowOut(Schema):
    measure: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    before: Decimal | None = Field(description=gettext_noop("Giá trị đang lưu"))
    change: Literal["new", "changed", "same"]


class ImportOut(Schema):
    preview: bool
    report: int
    version: int
    rows: list[ImportRowOut]
    written: int


class Page[T](BaseModel):
    count: int = Field(description=gettext_noop("Tổng số mục khớp bộ lọc"))
    limit: int
    offset: int
    items: list[T]
