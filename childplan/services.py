"""Writes of plans that touch several models: a plan created as the successor of old ones,
that draft edited (its document fields, targets and assignments at once), then issued."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from agencies.models import AdminUnit, Agency, Sector
from agencies.vietnamese import fold
from childplan.models import HEALTH_DEPARTMENT, Assignment, Plan, PlanStatus, Target
from indicators.models import Measure


def plan_key_for(unit: AdminUnit, period_start: int) -> str:
    """A free internal key for a new plan of `unit`: "vinh-long-2026", then "-2", "-3"…"""
    base = slugify(fold(unit.name).removeprefix("tinh ").removeprefix("thanh pho "))
    base = f"{base[:50]}-{period_start}"
    taken = set(Plan.objects.filter(key__startswith=base).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def plan_create_successor(*, predecessors: list[Plan], key: str, title: str, issuer: str,
                          unit: AdminUnit, period_start: int, period_end: int,
                          on: datetime.date | None = None, number: str = "",
                          issued_on: datetime.date | None = None) -> Plan:
    """A draft plan for `unit` taking over `predecessors` (the first one wins where two set
    the same thing): their local measures, their targets for the years of the new period and
    their assignments, copied to edit. Each assignment goes to the agency of the same name in
    `unit` doing its work on `on` (Sở LĐTBXH's to Sở Y tế); the new plan is consolidated by
    `unit`'s Sở Y tế. The old plans keep everything they had.

    Only plans whose area now lies in `unit` can be taken over (ValidationError naming the
    field "predecessors" otherwise, and nothing is created).
    """
    on = on or timezone.localdate()
    if not predecessors:
        raise ValidationError({"predecessors": gettext("Hãy chọn ít nhất một kế hoạch tiền "
                                                       "nhiệm.")})
    allowed = set(Plan.objects.successor_candidates(unit).values_list("pk", flat=True))
    outside = [p for p in predecessors if p.pk not in allowed]
    if outside:
        raise ValidationError({"predecessors": gettext(
            "Kế hoạch «%(plan)s» không thuộc địa bàn %(unit)s ngày nay.") % {
                "plan": outside[0], "unit": unit.name}})
    office, _ = Agency.objects.get_or_create(unit=unit, name=HEALTH_DEPARTMENT,
                                             defaults={"sector": Sector.YTE})
    first = predecessors[0]
    plan = Plan(key=key, title=title, issuer=issuer, number=number, issued_on=issued_on,
                unit=unit, level=unit.level,
                period_start=period_start, period_end=period_end, parent=first.parent,
                consolidating_agency=office, deadline_day=first.deadline_day,
                deadline_month=first.deadline_month, status=PlanStatus.DRAFT)
    plan.full_clean()
    plan.save()
    plan.predecessors.set(predecessors)
    measures: dict[int, Measure] = {}
    targets: dict[tuple, Target] = {}
    assignments: dict[tuple, Assignment] = {}
    agencies: dict[tuple, Agency] = {}
    for old in predecessors:
        for measure in old.local_measures.all():
            if measure.code not in {m.code for m in measures.values()}:
                copy = Measure.objects.get(pk=measure.pk)
                copy.pk, copy.plan = None, plan
                copy.save()
                measures[measure.pk] = copy
        for target in old.targets.filter(year__gte=period_start, year__lte=period_end):
            measure_id = measures[target.measure_id].pk if target.measure_id in measures \
                else target.measure_id
            targets.setdefault((measure_id, target.year, target.area), Target(
                plan=plan, measure_id=measure_id, year=target.year,
                comparator=target.comparator, value=target.value, value_high=target.value_high,
                area=target.area, baseline=target.baseline, baseline_year=target.baseline_year,
                wording=target.wording, text=target.text, position=target.position))
        for assignment in old.assignments.select_related("agency__successor__successor"):
            doing = assignment.agency.agency_for(on)
            if (doing.name, doing.sector) not in agencies:
                agencies[(doing.name, doing.sector)] = Agency.objects.get_or_create(
                    unit=unit, name=doing.name, defaults={"sector": doing.sector})[0]
            agency = agencies[(doing.name, doing.sector)]
            assignments.setdefault((assignment.indicator_id, agency.pk), Assignment(
                plan=plan, indicator_id=assignment.indicator_id, agency=agency,
                role=assignment.role, text=assignment.text))
    Target.objects.bulk_create(targets.values())
    Assignment.objects.bulk_create(assignments.values())
    return plan


class DraftRefused(ValidationError):
    """An edit of a draft refused: `rows` holds the errors of each target given, by its index
    among them and then by field; `others` those of the draft's other targets;
    `assignment_rows` the errors of each assignment given, by its index and field."""

    def __init__(self, rows: dict[int, dict[str, str]], others: list[str] = (),
                 assignment_rows: dict[int, dict[str, str]] | None = None):
        self.rows, self.others = rows, list(others)
        self.assignment_rows = assignment_rows or {}
        super().__init__(self.others or [gettext("Dự thảo chưa được lưu: có mục tiêu hoặc phân "
                                              "công chưa hợp lệ.")])


def _draft_locked(plan: Plan, refusal: str) -> Plan:
    """The plan, its row locked until the transaction ends, if still a draft."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.DRAFT:
        raise ValidationError(refusal)
    return locked


@transaction.atomic
def plan_update_draft(plan: Plan, *, document: dict, targets: list[Target],
                      deleted: set[int] = frozenset(), assignments: list[Assignment] = (),
                      deleted_assignments: set[int] = frozenset()) -> Plan:
    """Save a draft's document fields (number, title, issuer, issued_on, period_start,
    period_end), its targets and its assignments at once: `targets` and `assignments` as
    edited or new (not saved), `deleted` and `deleted_assignments` the keys of those removed.

    Every target the draft keeps is checked by the model's own rules (Target.problems) against
    the plan as edited, its years included, and no two may set the same measure, year and
    area. Every assignment given is checked by the model's own rules (Assignment.clean: an
    agency of the plan's unit), and no two may give the same indicator to the same agency.
    One refused and nothing is saved: ValidationError naming the plan's fields, or
    DraftRefused naming the targets and assignments by their index in `targets` and
    `assignments`. Only a draft is edited.
    """
    locked = _draft_locked(plan, gettext("Kế hoạch không còn là dự thảo: không thể chỉnh sửa."))
    for name, value in document.items():
        setattr(locked, name, value)
    locked.full_clean()
    current = {t.pk: t for t in locked.targets.select_related("measure")}
    edited = {t.pk for t in targets if t.pk is not None}
    if edited - current.keys() or deleted - current.keys():
        raise ValidationError(gettext("Dự thảo đã thay đổi từ khi trang được mở: hãy tải lại "
                                      "trang."))
    kept = [t for pk, t in current.items() if pk not in deleted and pk not in edited]
    rows: dict[int, dict[str, str]] = {}
    others: list[str] = []
    seen = {(t.measure_id, t.year, t.area) for t in kept}
    for target in kept:  # not on the page: only the plan's new years may refuse them
        for message in target.problems(plan=locked, measure=target.measure).values():
            others.append(gettext("Mục tiêu %(code)s năm %(year)s: %(message)s") % {
                "code": target.measure.code, "year": target.year, "message": message})
    for index, target in enumerate(targets):
        target.plan = locked
        errors = {name: str(message) for name, message
                  in target.problems(plan=locked, measure=target.measure).items()}
        key = (target.measure_id, target.year, target.area)
        if key in seen:
            errors.setdefault("year", gettext("Đã có mục tiêu khác cho chỉ tiêu, năm và khu "
                                              "vực này."))
        seen.add(key)
        if errors:
            rows[index] = errors
    assignment_rows = _assignment_problems(locked, assignments, deleted_assignments)
    if rows or others or assignment_rows:
        raise DraftRefused(rows, others, assignment_rows)
    try:
        with transaction.atomic():
            locked.save()
            Target.objects.filter(plan=locked, pk__in=deleted).delete()
            fields = ["year", "area", "comparator", "value", "value_high", "wording"]
            Target.objects.bulk_update([t for t in targets if t.pk is not None], fields)
            last = max((t.position for t in current.values()), default=-1)
            new = [t for t in targets if t.pk is None]
            for position, target in enumerate(new, start=last + 1):
                target.position = position
            Target.objects.bulk_create(new)
    except IntegrityError as error:  # two targets swapped their years: save them one by one
        raise ValidationError(gettext("Hai mục tiêu đổi chỗ năm hoặc khu vực cho nhau: hãy lưu "
                                      "từng thay đổi một.")) from error
    try:
        with transaction.atomic():
            Assignment.objects.filter(plan=locked, pk__in=deleted_assignments).delete()
            Assignment.objects.bulk_update([a for a in assignments if a.pk is not None],
                                           ["agency", "role"])
            Assignment.objects.bulk_create([a for a in assignments if a.pk is None])
    except IntegrityError as error:  # two rows swapped their agencies: one by one
        raise ValidationError(gettext("Hai phân công của cùng một chỉ tiêu đổi cơ quan cho "
                                      "nhau: hãy lưu từng thay đổi một.")) from error
    return locked


def _assignment_problems(plan: Plan, assignments: list[Assignment],
                         deleted: set[int]) -> dict[int, dict[str, str]]:
    """The errors of each assignment given (by index, then field) in the draft `plan` (locked)
    as it would be: the model's rules, and no indicator given twice to one agency."""
    current = {pk: (indicator, agency) for pk, indicator, agency
               in plan.assignments.values_list("pk", "indicator_id", "agency_id")}
    edited = {a.pk for a in assignments if a.pk is not None}
    if edited - current.keys() or deleted - current.keys():
        raise ValidationError(gettext("Dự thảo đã thay đổi từ khi trang được mở: hãy tải lại "
                                      "trang."))
    # Those keeping their indicator and agency first: a clash is the changed or new row's.
    same = {a.pk for a in assignments if current.get(a.pk) == (a.indicator_id, a.agency_id)}
    seen = {key for pk, key in current.items() if pk not in deleted and (
        pk not in edited or pk in same)}
    rows: dict[int, dict[str, str]] = {}
    for index, assignment in enumerate(assignments):
        assignment.plan = plan
        errors: dict[str, str] = {}
        try:
            # Its keys are the page's own choices, checked there; the rest the model checks.
            assignment.clean_fields(exclude={"plan", "indicator", "agency"})
            assignment.clean()
        except ValidationError as error:
            errors = {name: str(messages[0]) for name, messages in error.message_dict.items()}
        key = (assignment.indicator_id, assignment.agency_id)
        if assignment.pk not in same:
            if key in seen:
                errors.setdefault("agency", gettext("Cơ quan này đã được phân công chỉ tiêu "
                                                    "này."))
            seen.add(key)
        if errors:
            rows[index] = errors
    return rows


@transaction.atomic
def plan_issue(plan: Plan) -> Plan:
    """Issue a draft: it becomes the plan in force (ACTIVE), as a plan loaded issued is. It
    needs a number, an issue date and at least one target (ValidationError listing what is
    missing otherwise); a draft issued meanwhile (a second click) is refused, not issued
    twice. The plans it takes over are left as they are."""
    already = gettext("Kế hoạch đã được ban hành, không còn là dự thảo.")
    locked = _draft_locked(plan, already)
    missing = []
    if not locked.number.strip():
        missing.append(gettext("Chưa thể ban hành: dự thảo chưa có số, ký hiệu. Hãy ghi số, ký "
                               "hiệu và lưu dự thảo trước."))
    if locked.issued_on is None:
        missing.append(gettext("Chưa thể ban hành: dự thảo chưa có ngày ban hành. Hãy ghi ngày "
                               "ban hành và lưu dự thảo trước."))
    if not locked.targets.exists():
        missing.append(gettext("Chưa thể ban hành: dự thảo chưa có mục tiêu nào."))
    if missing:
        raise ValidationError(missing)
    if not Plan.objects.filter(pk=locked.pk, status=PlanStatus.DRAFT).update(
            status=PlanStatus.ACTIVE):
        raise ValidationError(already)
    locked.status = PlanStatus.ACTIVE
    return locked
