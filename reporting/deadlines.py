"""Deadlines in the reporting year, in Vietnam's time.

The plans say "trước ngày 20/11 hằng năm"; agencies read that as "by the end
of 20/11", so a report is late only once 21/11 has begun in Asia/Ho_Chi_Minh,
whatever the server's own clock zone. No Django here but the translation of its phrases:
callers pass `now`.
"""

from __future__ import annotations

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext, ngettext

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def deadline_date(year: int, day: int, month: int) -> datetime.date:
    """The plan's deadline day in `year`; a day past the month's end means its last day."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day, last))


def deadline_end(deadline: datetime.date) -> datetime.datetime:
    """The first instant after the deadline day: midnight starting the next day, Vietnam time."""
    next_day = deadline + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time(0), tzinfo=VIETNAM)


def is_late(submitted_at: datetime.datetime, deadline: datetime.date) -> bool:
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be an aware datetime")
    return submitted_at >= deadline_end(deadline)


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(VIETNAM).date()


def countdown(deadline: datetime.date, today: datetime.date) -> str:
    """"còn N ngày" until the deadline day, "hạn chót hôm nay" on it, "quá hạn N ngày" after."""
    days = (deadline - today).days
    if days > 0:
        return ngettext("còn %(days)s ngày", "còn %(days)s ngày", days) % {"days": days}
    if days == 0:
        return gettext("hạn chót hôm nay")
    return ngettext("quá hạn %(days)s ngày", "quá hạn %(days)s ngày", -days) % {"days": -days}
