import datetime

from django.core.management.base import BaseCommand

from reporting.reminders import reminder_send_digest


class Command(BaseCommand):
    help = ("Gửi cán bộ tổng hợp danh sách báo cáo còn thiếu, mỗi ngày sau hạn nộp. "
            "Chạy lại trong ngày không gửi trùng.")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")

    def handle(self, *args, date, **options):
        self.stdout.write(f"Đã gửi {reminder_send_digest(today=date)} thư tổng hợp.")
