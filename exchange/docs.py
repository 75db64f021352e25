"""The OpenAPI schema as rows for the documentation page.

The schema's texts (its description, the tags, summaries and the descriptions of parameters
and fields) are Vietnamese, as /api/v1/openapi.json serves them. The code marks each with
gettext_noop, so the catalogue holds them; this page translates each into the reader's language
as it shows it."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop, pgettext

METHODS = ("get", "post", "put", "patch", "delete")
PLACES = {"query": gettext_noop("tham số truy vấn"), "path": gettext_noop("tham số đường dẫn"),
          "header": gettext_noop("tiêu đề")}


def _tr(text: str) -> str:
    """A text of the schema in the reader's language; an empty one stays empty (gettext("")
    would give the catalogue's header)."""
    return gettext(text) if text else ""


def info(schema: dict) -> dict:
    """The schema's title, version and description, the description translated."""
    found = schema.get("info", {})
    return {**found, "description": _tr(found.get("description", ""))}


def operations(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    rows = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{"name": p["name"], "place": _tr(PLACES.get(p["in"], p["in"])),
                       "required": p.get("required", False),
                       "type": _type(p.get("schema", {})),
                       "description": _tr(p.get("description") or p.get("schema", {}).get(
                           "description", ""))} for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            rows.append({
                "method": method.upper(), "path": path, "summary": _tr(op.get("summary", "")),
                "tag": _tr((op.get("tags") or [""])[0]), "params": params,
                "body": [{"media": media, "fields": _fields(spec.get("schema", {}), components)}
                         for media, spec in body.items()],
                "responses": sorted(str(status) for status in op.get("responses", {})),
                "link": path if method == "get" and "{" not in path and not any(
                    p["required"] for p in params) else "",
            })
    return sorted(rows, key=lambda r: (r["tag"], r["path"], r["method"]))


def _type(spec: dict) -> str:
    if "anyOf" in spec:
        either = pgettext("between two data types", "hoặc")
        return f" {either} ".join(_type(s) for s in spec["anyOf"] if s.get("type") != "null")
    return spec.get("type", spec.get("$ref", "").rsplit("/", 1)[-1] or "")


def _fields(spec: dict, components: dict) -> list[dict]:
    if "$ref" in spec:
        spec = components.get(spec["$ref"].rsplit("/", 1)[-1], {})
    required = set(spec.get("required", []))
    return [{"name": name, "type": _type(field), "required": name in required,
             "description": _tr(field.get("description", ""))}
            for name, field in spec.get("properties", {}).items()]
