import time

from django.core.management.base import BaseCommand

from progress.services import progress_recompute_all


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu tổng hợp tiến độ từ số liệu đã duyệt."

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = progress_recompute_all()
        self.stdout.write(f"Đã tính lại {result['snapshots']} dòng tổng hợp "
                          f"trong {time.perf_counter() - started:.2f} giây.")
