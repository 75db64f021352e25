"""Progress listens to reporting and assessments: counted figures or recognitions changed →
the dashboards go stale."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from assessments.signals import recognitions_changed
from progress.recognitions import chi_tieu_1, plans_holding
from progress.rollup import rollup_ensure
from progress.services import progress_request_refresh
from progress.tasks import recompute_queue
from reporting.signals import counted_figures_changed


def on_counted_figures_changed(sender, *, plan_id: int, unit_ids: list[int],
                               measure_ids: list[int], **kwargs) -> None:
    for plan in progress_request_refresh(plan_ids=[plan_id], unit_ids=unit_ids,
                                         measure_ids=measure_ids):
        transaction.on_commit(partial(recompute_queue, plan))


def on_recognitions_changed(sender, *, unit_id: int, year: int, **kwargs) -> None:
    """A commune recognised or refused: chỉ tiêu 1 of every plan counting it is stale."""
    measure = chi_tieu_1()
    rollup_ensure()  # the areas a plan's chỉ tiêu 1 counts, for communes new since
    plans = plans_holding(unit_id)
    if measure is None or not plans:
        return
    for plan in progress_request_refresh(plan_ids=plans, unit_ids=[unit_id],
                                         measure_ids=[measure.pk]):
        transaction.on_commit(partial(recompute_queue, plan))


def connect() -> None:
    counted_figures_changed.connect(on_counted_figures_changed,
                                    dispatch_uid="progress.counted_figures_changed")
    recognitions_changed.connect(on_recognitions_changed,
                                 dispatch_uid="progress.recognitions_changed")
