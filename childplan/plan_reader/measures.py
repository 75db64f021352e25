"""Which national measure a clause is about, by what it says rather than where it stands.

Plans renumber, skip and merge chỉ tiêu, so the position of a clause says little. Each
national measure is recognised by the words that set it apart from its neighbours
("sơ sinh" is 3a; "tử vong" with "dưới 1 tuổi" is 3b; "tử vong" with "tai nạn thương
tích" is 11b). A rule is a list of word groups that must all appear (any word of a group
will do) and words that must not. When no rule or several equally specific rules fit,
the clause is not mapped: a wrong measure is worse than an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass

from childplan.plan_reader.text import normalise, same_tones


@dataclass(frozen=True)
class MeasureInfo:
    """What the reader needs to know of a measure in the catalogue."""

    code: str
    indicator: int | None
    name: str
    unit_kind: str  # percent, per_1000, per_100000, count, yes_no, annual_change
    direction: str  # increase, decrease, maintain, band


UNIT_SIGNS = {"percent": "%", "per_1000": "‰", "per_100000": "/100.000",
              "annual_change": "%/năm", "count": "", "yes_no": ""}

Rule = tuple[list[tuple[str, ...]], tuple[str, ...]]

RULES: dict[str, Rule] = {
    "1": ([("phù hợp với trẻ em",), ("xã",)], ("điểm văn hóa", "vui chơi")),
    "2": ([("8 tuổi",), ("phát triển toàn diện",)], ()),
    "3a": ([("tử vong",), ("sơ sinh",)], ("tai nạn",)),
    "3b": ([("tử vong",), ("dưới 1 tuổi",)], ("tai nạn", "sơ sinh")),
    "3c": ([("tử vong",), ("dưới 5 tuổi",)], ("tai nạn", "sơ sinh")),
    "4a": ([("suy dinh dưỡng", "nhẹ cân"), ("cân nặng", "nhẹ cân")], ("béo phì",)),
    "4b": ([("suy dinh dưỡng", "thấp còi"), ("chiều cao", "thấp còi")], ("béo phì",)),
    "4c": ([("béo phì", "thừa cân"),], ()),
    "5a": ([("tiêm chủng",), ("dưới 1 tuổi", "8 loại")], ()),
    "5b": ([("tiêm chủng",), ("dưới 5 tuổi",)], ("dưới 1 tuổi", "8 loại")),
    "6": ([("hiv",), ("mẹ sang con",)], ()),
    "7": ([("công trình vệ sinh", "nhà vệ sinh"),], ()),
    "8a": ([("hoàn cảnh đặc biệt",), ("tổng số trẻ em",)], ("nguy cơ", "xâm hại")),
    "8b": ([("hoàn cảnh đặc biệt",), ("chăm sóc", "nuôi dưỡng", "trợ giúp")],
           ("nguy cơ", "tổng số trẻ em")),
    "9": ([("xâm hại",), ("tổng số trẻ em", "tỷ lệ trẻ em bị xâm hại")],
          ("hoàn cảnh đặc biệt", "can thiệp")),
    "10": ([("lao động trẻ em",),], ()),
    "11a": ([("tai nạn thương tích", "tai nạn, thương tích"),],
            ("tử vong", "thiên tai", "phòng, chống")),
    "11b": ([("tai nạn thương tích", "tai nạn, thương tích"), ("tử vong",)], ()),
    "12": ([("thiên tai", "thảm họa"), ("cứu trợ", "hỗ trợ")], ()),
    "13": ([("tảo hôn",),], ()),
    "14": ([("khai sinh",),], ()),
    "15": ([("phát triển phù hợp",),], ()),
    "16": ([("mẫu giáo",),], ()),
    "17a": ([("hoàn thành",), ("tiểu học",)], ("bỏ học",)),
    "17b": ([("bỏ học",), ("tiểu học",)], ()),
    "18a": ([("hoàn thành",), ("trung học cơ sở",)], ("bỏ học",)),
    "18b": ([("bỏ học",), ("trung học cơ sở",)], ()),
    "19": ([("hỗ trợ tâm lý", "tư vấn tâm lý"), ("trường học",)], ()),
    "20a": ([("khuyết tật",), ("cơ sở hạ tầng", "tài liệu phù hợp")], ()),
    "20b": ([("khuyết tật",), ("giáo dục chuyên biệt", "hòa nhập", "phục hồi chức năng")],
            ("cơ sở hạ tầng",)),
    "21": ([("điểm văn hóa", "điểm vui chơi", "vui chơi dành cho trẻ em"),], ()),
    "22": ([("hỏi ý kiến",),], ()),
    "23": ([("nhận thức",), ("quyền tham gia",)], ()),
    "24": ([("quyền tham gia",), ("11 tuổi", "tham gia vào các mô hình")],
           ("nhận thức", "phường thực hiện")),
}


def _plain(text: str) -> str:
    return " ".join(same_tones(normalise(text)).lower().split())


# The rules' words as they are compared, worked out once rather than for every clause.
_PLAIN_RULES: dict[str, Rule] = {
    code: ([tuple(_plain(word) for word in group) for group in groups],
           tuple(_plain(word) for word in excluded))
    for code, (groups, excluded) in RULES.items()}


def match_measure(clause: str, catalogue: list[MeasureInfo]) -> MeasureInfo | None:
    """The one catalogue measure whose rule fits the clause best, or None."""
    text = _plain(clause)
    best: list[tuple[int, MeasureInfo]] = []
    for measure in catalogue:
        rule = _PLAIN_RULES.get(measure.code)
        if rule is None:
            continue
        groups, excluded = rule
        if any(word in text for word in excluded):
            continue
        if all(any(word in text for word in group) for group in groups):
            best.append((len(groups), measure))
    if not best:
        return None
    top = max(score for score, _ in best)
    winners = [m for score, m in best if score == top]
    return winners[0] if len(winners) == 1 else None
