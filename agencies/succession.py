"""Which agency does a dissolved agency's work on a given day. Pure: no Django.

An agency may pass its (child-affairs) work to one successor from a date; the
successor may in turn pass it on (a district's Phòng LĐTBXH → the province's
Sở Y tế). The rule, for a day `on`:

- follow a link only when its date is on or before `on`: on the transfer day
  itself the successor already does the work;
- a link without a date is never followed (the day of the transfer is unknown,
  so nothing is moved on a guess);
- stop where there is no further link, or where the next link is still in the
  future on `on`;
- a chain that leads back to an agency already visited is an error in the data
  (ValueError), never an endless loop.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import NamedTuple


class Link(NamedTuple):
    successor: int
    on: datetime.date | None


def follow(start: int, links: Mapping[int, Link], on: datetime.date) -> int:
    """The id of the agency doing `start`'s work on `on`."""
    seen = {start}
    current = start
    while (link := links.get(current)) is not None and link.on is not None and link.on <= on:
        current = link.successor
        if current in seen:
            raise ValueError(f"Chuỗi cơ quan kế thừa quay vòng tại cơ quan {current}.")
        seen.add(current)
    return current
