"""The blocks every paper carries, as Nghị định 30/2020/NĐ-CP sets them out.

Top left, the issuing body: the name of the authority above it in capitals (omitted when
the issuer is itself a People's Committee or a ministry), the issuer in bold capitals, then
the number line, whose number the records office writes in when the paper is registered
("Số:      /BC-…"). Top right, the national title (quốc hiệu) and the motto (tiêu ngữ),
then the place-and-date line in italics: the place is the unit's name without its level
("Trà Vinh", not "Tỉnh Trà Vinh"), and days below 10 and the months January and February
take a leading zero ("ngày 05 tháng 02 năm 2026").

Pure: names and a date in, text out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_LINE = "Số:          /BC"

# Longest first, so "Thành phố" is not read as a "Thị xã"-like shorter prefix.
LEVEL_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Tỉnh",
                  "Đặc khu", "Xã")
COMMITTEE_PREFIXES = ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân")


@dataclass(frozen=True)
class Letterhead:
    authority: str  # "UBND TỈNH TRÀ VINH", or "" when the issuer is the committee itself
    issuer: str  # "SỞ Y TẾ"
    number: str
    place_and_date: str

    @property
    def left(self) -> list[str]:
        return [line for line in (self.authority, self.issuer) if line]


def place_name(unit_name: str) -> str:
    """'Tỉnh Trà Vinh' → 'Trà Vinh'; a name without a level word stays as it is."""
    for prefix in LEVEL_PREFIXES:
        if unit_name.startswith(prefix + " "):
            return unit_name[len(prefix) + 1:].strip()
    return unit_name.strip()


def date_line(place: str, on: datetime.date) -> str:
    day = f"{on.day:02d}" if on.day < 10 else str(on.day)
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"{place}, ngày {day} tháng {month} năm {on.year}"


def letterhead(*, issuer_name: str, unit_name: str, on: datetime.date,
               national: bool = False) -> Letterhead:
    """The letterhead of a paper issued by `issuer_name`, an office of `unit_name`
    (`national`: a ministry, whose name stands alone)."""
    is_committee = not issuer_name or issuer_name.startswith(COMMITTEE_PREFIXES)
    authority = "" if is_committee or national else f"UBND {unit_name}".upper()
    issuer = issuer_name.upper() if issuer_name else f"UBND {unit_name}".upper()
    place = "Hà Nội" if national else place_name(unit_name)
    return Letterhead(authority, issuer, NUMBER_LINE, date_line(place, on))
