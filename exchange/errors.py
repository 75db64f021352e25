"""Every refusal of the API as JSON in the language of the request (Vietnamese by default):
{"detail": …, "errors": [{field, row, measure, reason}]}, whatever raised it (a pydantic check,
an access helper, a service)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


class ApiRefusal(Exception):
    """A refusal with its status and, for a document, the rows it is about."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []


# The field an item names when it is about the whole document.
DOCUMENT = gettext_lazy("tài liệu")


def item(field: str, reason: str, *, row: int | None = None, measure: str | None = None) -> dict:
    return {"field": field, "row": row, "measure": measure, "reason": reason}


_REASONS = {
    "missing": gettext_lazy("chưa có (bắt buộc)."),
    "extra_forbidden": gettext_lazy(
        "trường này không có trong tài liệu (xem lược đồ OpenAPI)."),
    "decimal_parsing": gettext_lazy(
        "không phải là số (dùng dấu chấm cho phần thập phân, ví dụ 1.9)."),
    "decimal_type": gettext_lazy("không phải là số."),
    "finite_number": gettext_lazy("không phải là số hữu hạn."),
    "float_parsing": gettext_lazy("không phải là số."),
    "int_parsing": gettext_lazy("phải là số nguyên."),
    "int_type": gettext_lazy("phải là số nguyên."),
    "int_from_float": gettext_lazy("phải là số nguyên."),
    "bool_parsing": gettext_lazy("phải là true hoặc false."),
    "bool_type": gettext_lazy("phải là true hoặc false."),
    "string_type": gettext_lazy("phải là chuỗi ký tự."),
    "list_type": gettext_lazy("phải là một danh sách."),
    "model_attributes_type": gettext_lazy("phải là một đối tượng JSON."),
    "dict_type": gettext_lazy("phải là một đối tượng JSON."),
    "model_type": gettext_lazy("phải là một đối tượng JSON."),
    "json_invalid": gettext_lazy("tài liệu không phải JSON hợp lệ."),
    "date_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD."),
    "string_pattern_mismatch": gettext_lazy(
        "không đúng dạng cho phép (xem lược đồ OpenAPI)."),
    "literal_error": gettext_lazy("không phải một trong các giá trị cho phép."),
    "enum": gettext_lazy("không phải một trong các giá trị cho phép."),
}


def _reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return _("dài quá %(limit)s ký tự.") % {"limit": ctx.get("max_length")}
    if kind == "too_long":
        return _("nhiều quá %(limit)s dòng.") % {"limit": ctx.get("max_length")}
    if kind == "greater_than_equal":
        return _("phải lớn hơn hoặc bằng %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "greater_than":
        return _("phải lớn hơn %(limit)s.") % {"limit": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("phải nhỏ hơn hoặc bằng %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "value_error":
        return str(ctx.get("error", _("giá trị không hợp lệ.")))
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return _("số có quá nhiều chữ số.")
    return str(_REASONS.get(kind, _("giá trị không hợp lệ.")))


def validation_items(errors: list[dict[str, Any]]) -> list[dict]:
    """pydantic's errors as items naming the field (figures[2].numerator) and the row."""
    items = []
    for error in errors:
        loc = list(error.get("loc", ()))
        # ("body", "payload", "figures", 1, "numerator") / ("query", "year")
        if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form"):
            loc = loc[1:]
        if loc and loc[0] == "payload":
            loc = loc[1:]
        field, row = "", None
        for part in loc:
            if isinstance(part, int):
                field += f"[{part}]"
                row = row or part + 1
            else:
                field += f".{part}" if field else str(part)
        items.append(item(field or str(DOCUMENT), _reason(error), row=row))
    return items


def _respond(api, request, status: int, detail: str, errors: list[dict] | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or []},
                               status=status)


def install(api) -> None:
    """Handlers for every exception an endpoint may raise; nothing reaches the user as a 500."""

    @api.exception_handler(ApiRefusal)
    def refusal(request, exc: ApiRefusal):
        return _respond(api, request, exc.status, exc.detail, exc.errors)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        items = validation_items(exc.errors)
        return _respond(api, request, 422, _("Dữ liệu gửi lên chưa hợp lệ: %(problems)s") % {
            "problems": "; ".join(f"{i['field']}: {i['reason']}" for i in items[:5])}, items)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return _respond(api, request, 401, _(
            "Chưa xác thực: gửi mã truy cập API (Authorization: Bearer …) hoặc đăng nhập; mã "
            "đã thu hồi không dùng được."))

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        wait = int(exc.wait or 1)
        response = _respond(api, request, 429, ngettext(
            "Gửi quá nhiều yêu cầu: hãy chờ %(seconds)s giây rồi gửi lại.",
            "Gửi quá nhiều yêu cầu: hãy chờ %(seconds)s giây rồi gửi lại.", wait)
            % {"seconds": exc.wait or 1})
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied):
        detail = str(exc) or _("Tài khoản không có quyền với dữ liệu này.")
        return _respond(api, request, 403, detail)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _respond(api, request, 404, _("Không tìm thấy (hoặc tài khoản không được xem)."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = {403: _("Kiểm tra CSRF không đạt: phiên đăng nhập cần mã CSRF khi ghi."),
                  400: _("Nội dung gửi lên không đọc được: cần một tài liệu JSON hợp lệ.")
                  }.get(exc.status_code, str(exc))
        return _respond(api, request, exc.status_code, detail)
