from celery import shared_task

from agencies.services import access_log_purge


@shared_task(time_limit=600, soft_time_limit=540)
def purge_access_log() -> int:
    return access_log_purge()
