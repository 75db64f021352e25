"""The pure rule of agencies/succession.py: who does a dissolved agency's work on a day."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agencies.succession import Link, follow

D = datetime.date
MARCH = D(2025, 3, 1)
JULY = D(2025, 7, 1)
# 1 Phòng LĐTBXH huyện → 2 Phòng Y tế huyện (March) → 3 Sở Y tế tỉnh (July); 4 has no date.
CHAIN = {1: Link(2, MARCH), 2: Link(3, JULY), 4: Link(5, None)}


@pytest.mark.parametrize(("start", "on", "expected"), [
    (1, D(2024, 10, 1), 1),  # before any transfer: the agency itself
    (1, D(2025, 2, 28), 1),  # the day before the transfer
    (1, MARCH, 2),  # the transfer day itself: the successor already does the work
    (1, D(2025, 6, 30), 2),  # the first successor until the second transfer
    (1, JULY, 3),  # both steps followed
    (1, D(2031, 1, 1), 3),  # long after: the end of the chain
    (2, D(2025, 5, 1), 2),  # starting halfway down the chain
    (2, D(2026, 10, 1), 3),
    (3, D(2026, 10, 1), 3),  # no successor
    (9, D(2026, 10, 1), 9),  # an agency the links do not know
    (4, D(2031, 1, 1), 4),  # a successor without a date is never followed
])
def test_it_follows_the_links_in_force_on_the_day(start, on, expected):
    assert follow(start, CHAIN, on) == expected


def test_a_later_link_already_in_force_does_not_skip_an_earlier_one_not_yet():
    # 1 → 2 only from July; 2 → 3 from March: in May 1 still does its own work.
    links = {1: Link(2, JULY), 2: Link(3, MARCH)}
    assert follow(1, links, D(2025, 5, 1)) == 1
    assert follow(1, links, JULY) == 3


def test_a_loop_in_the_data_is_an_error_not_an_endless_walk():
    with pytest.raises(ValueError, match="quay vòng"):
        follow(1, {1: Link(2, MARCH), 2: Link(1, MARCH)}, JULY)


@given(st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=6),
       st.integers(min_value=-10, max_value=3100))
def test_along_a_dated_chain_the_step_reached_counts_the_transfers_passed(offsets, day):
    """Agencies 0 → 1 → … → n with transfer dates in order: on any day the agency in charge is
    the one after as many transfers as have taken place, and a later day never goes back."""
    start = D(2021, 1, 1)
    dates = [start + datetime.timedelta(days=o) for o in sorted(offsets)]
    links = {i: Link(i + 1, on) for i, on in enumerate(dates)}
    on = start + datetime.timedelta(days=day)
    reached = follow(0, links, on)
    assert reached == sum(1 for d in dates if d <= on)
    assert follow(0, links, on + datetime.timedelta(days=1)) >= reached
