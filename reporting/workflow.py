"""The two rules of every review workflow: how a step is claimed, and who may decide.

A report here and, after us in the apps' order, a commune's child-friendly assessment are
entered, submitted, then returned or decided on by a reviewer, with the same rules; each
has its own statuses, events and messages, but these two are written once:

- A step is claimed with one conditional UPDATE of the record's own row: the statuses it
  may still be in, for a writer's step the version its page was built from, and the
  version raised by one. The row count says who won a race; the loser changes nothing.
  (A condition on another table would make PostgreSQL's UPDATE "id IN (subquery)", which
  it does not re-check after waiting for a row lock: check those apart.)
- Separation of duties: whoever submitted a record or last edited it does not decide on
  it. The claim of a decision excludes them, so a resubmission between the reviewer's
  page and the click cannot slip their own work through.

A record of either kind has `status`, `version`, `submitted_by` and `updated_by`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F


def reviews_own_work(record: models.Model, user) -> bool:
    """Whether `user` submitted the record or last edited it: then they may not decide on it."""
    return getattr(user, "pk", None) is not None and user.pk in (record.submitted_by_id,
                                                                 record.updated_by_id)


def claim(record: models.Model, *, source: Iterable[str], version: int | None = None,
          decided_by=None, **changes) -> bool:
    """Move `record` on with `changes` if it is still in one of the `source` statuses (and at
    `version`, when given; not submitted or last edited by `decided_by`, when given). True
    when this call won; the record in memory is left as it was."""
    rows = type(record)._default_manager.filter(pk=record.pk, status__in=list(source))
    if version is not None:
        rows = rows.filter(version=version)
    if getattr(decided_by, "pk", None) is not None:
        rows = rows.exclude(submitted_by=decided_by).exclude(updated_by=decided_by)
    return rows.update(version=F("version") + 1, **changes) == 1
