from django.core.management.base import BaseCommand

from progress.tasks import sweep_stale


class Command(BaseCommand):
    help = ("Tính lại số liệu tổng hợp của các kế hoạch còn thiếu số liệu mới duyệt "
            "(việc celery beat làm mỗi phút).")

    def handle(self, *args, **options):
        done = sweep_stale()  # the beat job itself, run here in-process
        self.stdout.write(f"Đã tính lại số liệu tổng hợp của {done} kế hoạch.")
