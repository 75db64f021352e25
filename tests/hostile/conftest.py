"""The reporting fixtures (the 2026 cycle of the Trà Vinh plan, Sở Y tế's report) here too."""

from tests.reporting.conftest import cycle, report  # noqa: F401
