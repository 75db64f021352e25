import time

from django.core.management.base import BaseCommand

from progress.synthetic import generate


class Command(BaseCommand):
    help = ("Sinh bộ số liệu tổng hợp toàn quốc (3.321 xã, mọi chỉ tiêu, 2021–2026) để đo "
            "hiệu năng. Không dùng cho dữ liệu thật.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2030)

    def handle(self, *args, seed=2030, **options):
        started = time.perf_counter()
        result = generate(seed=seed)
        self.stdout.write(f"{result} trong {time.perf_counter() - started:.1f} giây.")
