"""Vietnamese text the way Vietnamese readers sort and search it. No Django here.

Sorting (`sort_key`) follows the Vietnamese alphabet, where ă, â, đ, ê, ô, ơ and ư are
letters of their own (a < ă < â < b … d < đ < e < ê …; "Đắk Lắk" after every name in D,
"Ân" after every "An…"), a space before any letter ("An Giang" before "Anh"), digits
before letters and by value ("Xã 2" before "Xã 10"). Names that differ only in tone come
in the dictionary order of tones: level, huyền, hỏi, ngã, sắc, nặng; names that differ only
in case, lower case first. Unicode's default order (and Python's, by code point) puts
"Đ" after "Z" and mixes "Ân" among the "An…".

Searching (`fold`): without tone marks, letter marks and case, so "tra vinh", "TRA VINH"
and "Trà Vinh" all find "Tỉnh Trà Vinh" (`matches`).
"""

from __future__ import annotations

import re
import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Letter marks: they make a letter of its own (breve, circumflex, horn).
LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# Tone marks, in the dictionary's order after the level tone (0).
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_NUMBER = re.compile(r"\d+")


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """(base letter with its letter mark, tone, is upper case) for each character."""
    found: list[tuple[str, int, bool]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not found:
                continue
            base, tone, upper = found[-1]
            if char in TONES:
                found[-1] = (base, TONES[char], upper)
            elif char in LETTER_MARKS:
                found[-1] = (unicodedata.normalize("NFC", base + char), tone, upper)
            continue
        found.append((char.lower(), 0, char != char.lower()))
    return found


def sort_key(text: str) -> tuple:
    """A key for sorted(): Vietnamese alphabetical order (see the module docstring)."""
    primary: list[tuple] = []
    tones: list[int] = []
    cases: list[bool] = []
    letters = _letters(text.strip())
    digits = ""
    for base, tone, upper in letters + [("", 0, False)]:
        if base.isdigit() and base.isascii():
            digits += base
            continue
        if digits:
            primary.append((1, int(digits), len(digits)))
            digits = ""
        if not base:
            break
        if base in _RANK:
            primary.append((2, _RANK[base]))
        elif base.isspace():
            primary.append((0, 0))
        elif base.isalpha():
            primary.append((3, ord(base)))
        else:
            primary.append((0, 1, ord(base)))
        tones.append(tone)
        cases.append(upper)
    return (tuple(primary), tuple(tones), tuple(cases))


def fold(text: str) -> str:
    """The text without tone and letter marks, đ as d, in lower case, spaces collapsed."""
    plain = "".join(char for char in unicodedata.normalize("NFD", text)
                    if not unicodedata.combining(char))
    plain = plain.replace("đ", "d").replace("Đ", "D").casefold()
    return " ".join(plain.split())


def matches(query: str, *texts: str) -> bool:
    """Whether every word of `query` is found in one of `texts`, ignoring marks and case."""
    words = fold(query).split()
    folded = " | ".join(fold(text) for text in texts if text)
    return all(word in folded for word in words)
