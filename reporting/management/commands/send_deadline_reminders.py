import datetime

from django.core.management.base import BaseCommand

from reporting.reminders import DUE_KINDS, reminder_send_due


class Command(BaseCommand):
    help = ("Gửi thư nhắc cán bộ nhập liệu có báo cáo chưa nộp, 7 ngày và 1 ngày trước hạn. "
            "Chạy lại trong ngày không gửi trùng.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, nargs="+", choices=sorted(DUE_KINDS),
                            default=sorted(DUE_KINDS, reverse=True))
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")

    def handle(self, *args, days, date, **options):
        sent = sum(reminder_send_due(days_before=d, today=date) for d in days)
        self.stdout.write(f"Đã gửi {sent} thư nhắc.")
