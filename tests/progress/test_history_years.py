"""The years a predecessor plan's approved figures cover, as the successor's pages label them."""

import pytest

from progress.readers import years_label


@pytest.mark.parametrize("years, label", [
    ([], ""),
    ([2021], "2021"),
    ([2021, 2022], "2021, 2022"),
    ([2021, 2022, 2023, 2024, 2025], "2021–2025"),
    ([2021, 2023], "2021, 2023"),
    ([2021, 2022, 2023, 2025], "2021–2023, 2025"),
    ([2021, 2022, 2024, 2025, 2026], "2021, 2022, 2024–2026"),
])
def test_a_run_of_three_years_or_more_is_a_span(years, label):
    assert years_label(years) == label
