"""Vietnamese order and tone-insensitive search: hand-made cases, then properties."""

from __future__ import annotations

import random

import pytest

from agencies.vietnamese import fold, matches, sort_key

# Each list is in Vietnamese order; the test shuffles it and sorts it back.
ORDERED = [
    ["An Giang", "Anh Sơn", "Ân Thi", "Ấp Bắc", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bến Tre",
     "Cà Mau", "Cao Bằng", "Đà Nẵng", "Điện Biên", "Đồng Tháp", "Gia Lai", "Hà Nội",
     "Hà Tĩnh", "Hải Phòng", "Huế", "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lạng Sơn",
     "Lào Cai", "Lâm Đồng", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh",
     "Quảng Trị", "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa", "Tuyên Quang",
     "Vĩnh Long", "Zét"],
    # Tones in the dictionary's order on the same letters.
    ["ma", "mà", "mả", "mã", "má", "mạ"],
    # A letter mark makes another letter, whatever the tones.
    ["ạ", "ă", "ằ", "ậ", "b"],
    ["do", "dô", "dơ", "đa", "e", "ê", "o", "ô", "ơ", "u", "ư", "v"],
    # Numbers by value, a space before letters, lower case before upper.
    ["Phường 2", "Phường 10", "Phường 10A", "Phường An"],
    ["sở y tế", "Sở Y tế", "Sở Y tế tỉnh"],
]


@pytest.mark.parametrize("ordered", ORDERED, ids=[o[0] for o in ORDERED])
def test_it_sorts_the_vietnamese_way(ordered):
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == ordered


def test_composed_and_decomposed_text_sort_alike():
    import unicodedata

    for name in ORDERED[0]:
        assert sort_key(unicodedata.normalize("NFD", name)) == sort_key(name)


@pytest.mark.parametrize(("text", "folded"), [
    ("Trà Vinh", "tra vinh"), ("ĐẮK LẮK", "dak lak"), ("Quảng  Ngãi ", "quang ngai"),
    ("Sở Lao động - Thương binh và Xã hội", "so lao dong - thuong binh va xa hoi"),
    ("Nguyễn Thị Lan", "nguyen thi lan"), ("", ""),
])
def test_it_folds_marks_and_case(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("query", "texts", "found"), [
    ("tra vinh", ["Tỉnh Trà Vinh"], True),
    ("TRA VINH", ["Tỉnh Trà Vinh"], True),
    ("trà vinh", ["Tỉnh Trà Vinh"], True),
    ("vinh tra", ["Tỉnh Trà Vinh"], True),  # every word, in any order
    ("tra vinh", ["Tỉnh Vĩnh Long"], False),
    ("dak", ["Tỉnh Đắk Lắk"], True),
    ("so y te", ["Sở Giáo dục", "Sở Y tế"], True),
    ("y te giao", ["Sở Y tế", "Sở Giáo dục"], True),  # across the texts given
    ("", ["Tỉnh Trà Vinh"], True),
    ("2221", ["Quyết định 2221/QĐ-UBND"], True),
])
def test_it_finds_without_tone_marks(query, texts, found):
    assert matches(query, *texts) is found
