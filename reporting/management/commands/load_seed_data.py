from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.unit_loading import load_units
from childplan.seeding.catalogue import load_catalogue
from childplan.seeding.demo import DEMO_PASSWORD, load_demo_users
from childplan.seeding.plans import load_plans
from reporting.demo import load_reporting_demo
from reporting.signals import seed_loaded


class Command(BaseCommand):
    help = ("Nạp đơn vị hành chính, danh mục chỉ tiêu quốc gia, các kế hoạch mẫu và người dùng "
            "demo. Chạy lại nhiều lần không thay đổi gì.")

    def add_arguments(self, parser):
        parser.add_argument("--no-communes", action="store_true",
                            help="Bỏ qua 3.321 xã/phường (nạp nhanh cho kiểm thử).")
        parser.add_argument("--no-demo", action="store_true",
                            help="Không tạo người dùng và báo cáo demo.")

    def handle(self, *args, no_communes=False, no_demo=False, **options):
        with transaction.atomic():
            units = load_units(communes=not no_communes)
            catalogue = load_catalogue()
            plans = load_plans()
            demo = [] if no_demo else load_demo_users()
            reporting = {} if no_demo else load_reporting_demo()
            later = [summary for _, summary in seed_loaded.send(sender=Command, demo=not no_demo)
                     if summary]
        self.stdout.write(f"Đơn vị hành chính: {units}")
        self.stdout.write(f"Danh mục: {catalogue}")
        self.stdout.write(f"Kế hoạch: {plans}")
        if reporting:
            self.stdout.write(f"Báo cáo mẫu: {reporting}")
        for summary in later:
            self.stdout.write(f"{summary.pop('title', 'Dữ liệu mẫu')}: {summary}")
        if demo:
            self.stdout.write(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
            for user in demo:
                self.stdout.write(f"  {user.username:<18} {user.description}")
