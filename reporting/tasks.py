"""Scheduled reminders (CELERY_BEAT_SCHEDULE in settings); each also a management command."""

from celery import shared_task

from reporting.reminders import DUE_KINDS, reminder_send_digest, reminder_send_due


@shared_task(time_limit=300, soft_time_limit=270)
def send_deadline_reminders(days_before: list[int] | None = None) -> int:
    return sum(reminder_send_due(days_before=days) for days in (days_before or DUE_KINDS))


@shared_task(time_limit=300, soft_time_limit=270)
def send_review_digest() -> int:
    return reminder_send_digest()
