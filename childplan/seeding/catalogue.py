"""The national catalogue (Quyết định 23/QĐ-TTg): goals, indicators, measures, targets."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.conf import settings

from agencies.models import AdminUnit, Agency, Sector, UnitLevel
from childplan.seeding.measure_metadata import metadata_for
from indicators.models import Direction, Goal, Indicator, Measure, UnitKind

NATIONAL_PLAN_KEY = "national-2021"

# Indicators holding several series need a name of their own.
INDICATOR_NAMES = {
    3: "Giảm tỷ suất tử vong trẻ em",
    4: "Giảm tỷ lệ suy dinh dưỡng và thừa cân, béo phì ở trẻ em dưới 5 tuổi",
    5: "Tiêm chủng đầy đủ cho trẻ em",
    8: "Trẻ em có hoàn cảnh đặc biệt",
    11: "Giảm tai nạn thương tích ở trẻ em",
    17: "Hoàn thành và bỏ học cấp tiểu học",
    18: "Hoàn thành và bỏ học cấp trung học cơ sở",
    20: "Giáo dục cho trẻ em khuyết tật",
}

# Numerator / denominator of each ratio measure, as reporters count them.
RATIO_PARTS = {
    "1": ("Số xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em",
          "Tổng số xã, phường, thị trấn"),
    "2": ("Số trẻ em đến 8 tuổi được tiếp cận dịch vụ", "Tổng số trẻ em đến 8 tuổi"),
    "3a": ("Số trẻ sơ sinh tử vong", "Số trẻ đẻ sống"),
    "3b": ("Số trẻ dưới 1 tuổi tử vong", "Số trẻ đẻ sống"),
    "3c": ("Số trẻ dưới 5 tuổi tử vong", "Số trẻ đẻ sống"),
    "4a": ("Số trẻ dưới 5 tuổi suy dinh dưỡng nhẹ cân", "Số trẻ dưới 5 tuổi được cân đo"),
    "4b": ("Số trẻ dưới 5 tuổi suy dinh dưỡng thấp còi", "Số trẻ dưới 5 tuổi được cân đo"),
    "4c": ("Số trẻ dưới 5 tuổi thừa cân, béo phì", "Số trẻ dưới 5 tuổi được cân đo"),
    "5a": ("Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ", "Số trẻ dưới 1 tuổi"),
    "5b": ("Số trẻ dưới 5 tuổi được tiêm chủng đầy đủ", "Số trẻ dưới 5 tuổi"),
    "6": ("Số trẻ sinh ra từ mẹ nhiễm HIV bị nhiễm HIV", "Số trẻ sinh ra từ mẹ nhiễm HIV"),
    "7": ("Số cơ sở giáo dục có công trình vệ sinh", "Tổng số cơ sở giáo dục"),
    "8a": ("Số trẻ em có hoàn cảnh đặc biệt", "Tổng số trẻ em"),
    "8b": ("Số trẻ em có hoàn cảnh đặc biệt được trợ giúp", "Số trẻ em có hoàn cảnh đặc biệt"),
    "9": ("Số trẻ em bị xâm hại", "Tổng số trẻ em"),
    "10": ("Số lao động trẻ em và người chưa thành niên 5–17 tuổi",
           "Tổng số trẻ em và người chưa thành niên 5–17 tuổi"),
    "11a": ("Số trẻ em bị tai nạn thương tích", "Tổng số trẻ em"),
    "11b": ("Số trẻ em tử vong do tai nạn thương tích", "Tổng số trẻ em"),
    "12": ("Số trẻ em gặp thiên tai, thảm họa được cứu trợ kịp thời",
           "Số trẻ em gặp thiên tai, thảm họa"),
    "14": ("Số trẻ dưới 5 tuổi được đăng ký khai sinh", "Số trẻ dưới 5 tuổi"),
    "15": ("Số trẻ dưới 5 tuổi phát triển phù hợp", "Số trẻ dưới 5 tuổi"),
    "16": ("Số trẻ 5 tuổi đi học mẫu giáo", "Số trẻ 5 tuổi"),
    "17a": ("Số trẻ em hoàn thành cấp tiểu học", "Số trẻ em trong độ tuổi"),
    "17b": ("Số học sinh tiểu học bỏ học", "Tổng số học sinh tiểu học"),
    "18a": ("Số trẻ em hoàn thành cấp trung học cơ sở", "Số trẻ em trong độ tuổi"),
    "18b": ("Số học sinh trung học cơ sở bỏ học", "Tổng số học sinh trung học cơ sở"),
    "19": ("Số trường học có dịch vụ hỗ trợ tâm lý", "Tổng số trường học"),
    "20a": ("Số trường học có cơ sở hạ tầng, tài liệu phù hợp", "Tổng số trường học"),
    "20b": ("Số trẻ em khuyết tật được tiếp cận giáo dục",
            "Số trẻ em khuyết tật có nhu cầu học tập"),
    "21": ("Số xã, phường, thị trấn có điểm vui chơi cho trẻ em", "Tổng số xã, phường, thị trấn"),
    "22": ("Số trẻ em từ 7 tuổi được hỏi ý kiến", "Số trẻ em từ 7 tuổi trở lên"),
    "23": ("Số trẻ em được nâng cao nhận thức về quyền tham gia", "Tổng số trẻ em"),
    "24": ("Số trẻ em từ 11 tuổi tham gia mô hình, hoạt động",
           "Số trẻ em từ 11 tuổi trở lên"),
}

COMPARATOR_BY_WORDING = {"dưới": "<", "xuống": "<=", "là": "<=", "đạt": ">=",
                         "phấn đấu": ">=", "duy trì": "="}


def unit_kind_of(unit: str) -> str:
    if unit.startswith("‰"):
        return UnitKind.PER_THOUSAND
    if "100.000" in unit:
        return UnitKind.PER_100K
    if "/năm" in unit:
        return UnitKind.ANNUAL_CHANGE
    return UnitKind.PERCENT


def unit_label_of(unit: str) -> str:
    return "/100.000 trẻ em" if "100.000" in unit else unit


def direction_of(raw: str) -> str:
    if "maintain" in raw:
        return Direction.MAINTAIN
    return Direction.DECREASE if raw.startswith("decrease") else Direction.INCREASE


def read_catalogue() -> list[dict]:
    with open(settings.FIXTURES_DIR / "national_indicators.json", encoding="utf-8") as f:
        return json.load(f)["indicators"]


def load_catalogue() -> dict[str, int]:
    rows = read_catalogue()
    goals = {}
    for row in rows:
        goal, _ = Goal.objects.update_or_create(
            number=row["muc_tieu"], defaults={"name": row["muc_tieu_name"]})
        goals[row["muc_tieu"]] = goal
    by_indicator: dict[int, list[dict]] = {}
    for row in rows:
        by_indicator.setdefault(row["chi_tieu"], []).append(row)
    position = 0
    for number, series in by_indicator.items():
        name = INDICATOR_NAMES.get(number, series[0]["name"])
        indicator, _ = Indicator.objects.update_or_create(
            number=number, defaults={"goal": goals[series[0]["muc_tieu"]], "name": name})
        for row in series:
            position += 1
            kind = unit_kind_of(row["unit"])
            numerator, denominator = RATIO_PARTS.get(row["id"], ("", ""))
            Measure.objects.update_or_create(
                plan=None, code=row["id"],
                defaults={
                    "indicator": indicator, "name": row["name"], "unit_kind": kind,
                    "unit_label": unit_label_of(row["unit"]), "direction": direction_of(
                        row["direction"]),
                    "numerator_label": numerator, "denominator_label": denominator,
                    "position": position,
                    **metadata_for(row["id"]),
                },
            )
    return {"goals": len(goals), "indicators": len(by_indicator), "measures": position}


def national_targets() -> list[dict]:
    """The national 2025/2030 targets in the seed-plan format (see fixtures/plans/README.md)."""
    targets = []
    for row in read_catalogue():
        for year in (2025, 2030):
            raw = row[f"target_{year}"]
            wording = row[f"wording_{year}"] or (row["wording_2025"] if year == 2030 else "")
            if raw is None:
                continue
            if row["id"] == "4c":
                for area, value in (("rural", 5), ("urban", 10)):
                    targets.append({"measure": "4c", "year": year, "comparator": "<",
                                    "value": value, "area": area, "wording": "dưới"})
            elif row["id"] == "13":
                targets.append({"measure": "13", "year": year, "comparator": "annual_change",
                                "value": -3, "value_high": -2, "wording": "giảm"})
            else:
                comparator = COMPARATOR_BY_WORDING.get(wording, ">=")
                if row["direction"].startswith("decrease") and wording in ("phấn đấu", "đạt"):
                    comparator = "<="
                targets.append({"measure": row["id"], "year": year, "comparator": comparator,
                                "value": Decimal(str(raw)), "wording": wording})
    return targets


def national_plan_spec() -> dict:
    return {
        "key": NATIONAL_PLAN_KEY,
        "kind": "Quyết định",
        "title": "Phê duyệt Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 - 2030",
        "issuer": "Thủ tướng Chính phủ",
        "number": "23/QĐ-TTg",
        "issued_on": "2021-01-07",
        "unit": {"level": UnitLevel.NATION, "code": "VN", "name": "Việt Nam"},
        "level": UnitLevel.NATION,
        "period": [2021, 2030],
        "parent": None,
        "consolidating_agency": {"name": "Bộ Lao động - Thương binh và Xã hội",
                                 "sector": Sector.LDTBXH},
        "deadline": "20/11",
        "targets": national_targets(),
        "assignments": [],
    }


def nation() -> AdminUnit:
    return AdminUnit.objects.get(level=UnitLevel.NATION, code="VN")


def parse_date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


__all__ = ["load_catalogue", "national_plan_spec", "Agency"]
