"""Every refusal of the API as JSON in Vietnamese: {"detail": …, "errors": [{field, row,
measure, reason}]}, whatever raised it (a pydantic check, an access helper, a service)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


class ApiRefusal(Exception):
    """A refusal with its status and, for a document, the rows it is about."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []


def item(field: str, reason: str, *, row: int | None = None, measure: str | None = None) -> dict:
    return {"field": field, "row": row, "measure": measure, "reason": reason}


_REASONS = {
    "missing": "chưa có (bắt buộc).",
    "extra_forbidden": "trường này không có trong tài liệu (xem lược đồ OpenAPI).",
    "decimal_parsing": "không phải là số (dùng dấu chấm cho phần thập phân, ví dụ 1.9).",
    "decimal_type": "không phải là số.",
    "finite_number": "không phải là số hữu hạn.",
    "float_parsing": "không phải là số.",
    "int_parsing": "phải là số nguyên.",
    "int_type": "phải là số nguyên.",
    "int_from_float": "phải là số nguyên.",
    "bool_parsing": "phải là true hoặc false.",
    "bool_type": "phải là true hoặc false.",
    "string_type": "phải là chuỗi ký tự.",
    "list_type": "phải là một danh sách.",
    "model_attributes_type": "phải là một đối tượng JSON.",
    "dict_type": "phải là một đối tượng JSON.",
    "model_type": "phải là một đối tượng JSON.",
    "json_invalid": "tài liệu không phải JSON hợp lệ.",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD.",
    "string_pattern_mismatch": "không đúng dạng cho phép (xem lược đồ OpenAPI).",
    "literal_error": "không phải một trong các giá trị cho phép.",
    "enum": "không phải một trong các giá trị cho phép.",
}


def _reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự."
    if kind == "too_long":
        return f"nhiều quá {ctx.get('max_length')} dòng."
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}."
    if kind == "greater_than":
        return f"phải lớn hơn {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}."
    if kind == "value_error":
        return str(ctx.get("error", "giá trị không hợp lệ."))
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return "số có quá nhiều chữ số."
    return _REASONS.get(kind, "giá trị không hợp lệ.")


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
        items.append(item(field or "tài liệu", _reason(error), row=row))
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
        return _respond(api, request, 422, "Dữ liệu gửi lên chưa hợp lệ: "
                        + "; ".join(f"{i['field']}: {i['reason']}" for i in items[:5]), items)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return _respond(api, request, 401, "Chưa xác thực: gửi mã truy cập API "
                        "(Authorization: Bearer …) hoặc đăng nhập; mã đã thu hồi không dùng được.")

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        response = _respond(api, request, 429, "Gửi quá nhiều yêu cầu: hãy chờ "
                            f"{exc.wait or 1} giây rồi gửi lại.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied):
        detail = str(exc) or "Tài khoản không có quyền với dữ liệu này."
        return _respond(api, request, 403, detail)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _respond(api, request, 404, "Không tìm thấy (hoặc tài khoản không được xem).")

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = {403: "Kiểm tra CSRF không đạt: phiên đăng nhập cần mã CSRF khi ghi.",
                  400: "Nội dung gửi lên không đọc được: cần một tài liệu JSON hợp lệ."
                  }.get(exc.status_code, str(exc))
        return _respond(api, request, exc.status_code, detail)
