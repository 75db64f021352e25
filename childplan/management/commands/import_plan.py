import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import AdminUnit
from childplan.documents import DocumentError, document_text
from childplan.import_forms import text_limits
from childplan.importing import guess_unit, national_catalogue, plan_import, suggest_key
from childplan.plan_reader import ReadRefused, read_plan


class Command(BaseCommand):
    help = ("Đọc một kế hoạch từ văn bản (.txt, .docx, PDF có lớp chữ): số, ngày, cơ quan ban "
            "hành, giai đoạn, mục tiêu số và phân công; rồi tạo kế hoạch (trừ khi --dry-run).")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đọc, không tạo kế hoạch.")
        parser.add_argument("--json", action="store_true", help="In kết quả đọc dạng JSON.")
        parser.add_argument("--unit", help="Mã đơn vị hành chính (mặc định: đoán từ cơ quan "
                                           "ban hành).")
        parser.add_argument("--level", help="Cấp của đơn vị khi dùng --unit "
                                            "(province, district).")
        parser.add_argument("--key", help="Mã nội bộ của kế hoạch (mặc định: tự đặt).")

    def handle(self, *args, path, dry_run=False, json=False, unit=None, level=None, key=None,
               **options):
        source = Path(path)
        try:
            text = document_text(source.name, source.read_bytes(), **text_limits())
            read = read_plan(text, national_catalogue(), **text_limits())
        except (OSError, DocumentError, ReadRefused) as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_dumps(read.to_json()))
        else:
            self._summary(read)
        if dry_run:
            return
        admin_unit = self._unit(read, unit, level)
        try:
            plan = plan_import(read=read, unit=admin_unit, key=key or suggest_key(read, admin_unit),
                               by="import_plan", source_name=source.name, source_text=text)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(f"Đã tạo kế hoạch «{plan.key}» (id {plan.pk}): "
                          f"{plan.targets.count()} mục tiêu, {plan.assignments.count()} phân công.")

    def _unit(self, read, code, level):
        if code:
            units = AdminUnit.objects.filter(code=code, **({"level": level} if level else {}))
            found = units.exclude(valid_to=None).order_by("-valid_to").first() or units.first()
        else:
            found = guess_unit(read.issuer)
        if found is None:
            raise CommandError(f"Không xác định được đơn vị hành chính của «{read.issuer}»: "
                               "hãy chỉ rõ bằng --unit MÃ --level CẤP.")
        return found

    def _summary(self, read):
        self.stdout.write(f"Số: {read.number or '(không ghi)'}  Ngày: {read.date or '(không ghi)'}"
                          f"  Cơ quan ban hành: {read.issuer}  Giai đoạn: {read.period}")
        for t in read.targets:
            flag = "" if t.sure else "  [chưa chắc chắn]"
            self.stdout.write(f"  {t.measure:>4} {t.year} {t.area:<5} {t.comparator:<13} "
                              f"{t.value} {t.value_high or ''}{flag}")
        for phrase in read.unmapped:
            self.stdout.write(f"  không ghép được: {phrase}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
