from django.conf import settings
from django.core.management.base import BaseCommand

from agencies.services import access_log_purge


class Command(BaseCommand):
    help = "Xóa các dòng nhật ký truy cập cũ hơn ACCESS_LOG_KEEP_DAYS ngày (mặc định 365)."

    def handle(self, *args, **options):
        deleted = access_log_purge()
        self.stdout.write(f"Đã xóa {deleted} dòng nhật ký truy cập cũ hơn "
                          f"{settings.ACCESS_LOG_KEEP_DAYS} ngày.")
