"""The OpenAPI schema as rows for the documentation page."""

from __future__ import annotations

METHODS = ("get", "post", "put", "patch", "delete")
PLACES = {"query": "tham số truy vấn", "path": "tham số đường dẫn", "header": "tiêu đề"}


def operations(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    rows = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{"name": p["name"], "place": PLACES.get(p["in"], p["in"]),
                       "required": p.get("required", False),
                       "type": _type(p.get("schema", {})),
                       "description": p.get("description") or p.get("schema", {}).get(
                           "description", "")} for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            rows.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "tag": (op.get("tags") or [""])[0], "params": params,
                "body": [{"media": media, "fields": _fields(spec.get("schema", {}), components)}
                         for media, spec in body.items()],
                "responses": sorted(str(status) for status in op.get("responses", {})),
                "link": path if method == "get" and "{" not in path and not any(
                    p["required"] for p in params) else "",
            })
    return sorted(rows, key=lambda r: (r["tag"], r["path"], r["method"]))


def _type(spec: dict) -> str:
    if "anyOf" in spec:
        return " hoặc ".join(_type(s) for s in spec["anyOf"] if s.get("type") != "null")
    return spec.get("type", spec.get("$ref", "").rsplit("/", 1)[-1] or "")


def _fields(spec: dict, components: dict) -> list[dict]:
    if "$ref" in spec:
        spec = components.get(spec["$ref"].rsplit("/", 1)[-1], {})
    required = set(spec.get("required", []))
    return [{"name": name, "type": _type(field), "required": name in required,
             "description": field.get("description", "")}
            for name, field in spec.get("properties", {}).items()]
