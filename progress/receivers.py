"""Progress listens to reporting: counted figures changed → the dashboards go stale."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from progress.services import progress_request_refresh
from progress.tasks import recompute_queue
from reporting.signals import counted_figures_changed


def on_counted_figures_changed(sender, *, plan_id: int, unit_id: int | None,
                               measure_ids: list[int], **kwargs) -> None:
    for plan in progress_request_refresh(plan_ids=[plan_id], unit_id=unit_id,
                                         measure_ids=measure_ids):
        transaction.on_commit(partial(recompute_queue, plan))


def connect() -> None:
    counted_figures_changed.connect(on_counted_figures_changed,
                                    dispatch_uid="progress.counted_figures_changed")
