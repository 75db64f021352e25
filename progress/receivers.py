"""Progress listens to reporting: counted figures changed → the dashboards go stale."""

from __future__ import annotations

from progress.services import progress_request_refresh
from reporting.signals import counted_figures_changed


def on_counted_figures_changed(sender, *, plan_id: int, unit_id: int | None,
                               measure_ids: list[int], **kwargs) -> None:
    progress_request_refresh(plan_ids=[plan_id], unit_id=unit_id, measure_ids=measure_ids)


def connect() -> None:
    counted_figures_changed.connect(on_counted_figures_changed,
                                    dispatch_uid="progress.counted_figures_changed")
