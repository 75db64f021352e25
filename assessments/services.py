"""Every write of the child-friendly commune assessments.

The workflow's two rules are the reports' own (reporting/workflow.py): each state change
is claimed with a conditional UPDATE (the status it must still have, and for the
commune's writes the version its page was built from) and the row count checked, the
loser getting AssessmentConflict with nothing it meant to write kept; whoever submitted or
last edited an assessment does not decide on it. Every step writes an AssessmentEvent
(who, when, why). A recognition, a refusal or the revocation of a recognition sends
recognitions_changed, so the plans' chỉ tiêu 1 is recomputed once the change commits.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import AdminUnit
from assessments import scoring
from assessments.evidence import check_evidence
from assessments.models import (
    DECIDED,
    EDITABLE,
    Answer,
    Assessment,
    AssessmentEvent,
    CommuneKind,
    Criterion,
    Evidence,
    Item,
    Standard,
    Status,
    kind_of,
)
from assessments.signals import recognitions_changed
from indicators.numbers import format_number
from reporting.workflow import claim
from reporting.workflow import reviews_own_work as reviews_own_work  # views import it here

Action = AssessmentEvent.Action


class AssessmentConflict(Exception):
    """The assessment is no longer what the user's page showed, or the step is not allowed
    now; the message says why, in Vietnamese."""


SELF_REVIEW = gettext_lazy("Bạn đã gửi hoặc sửa đánh giá này nên không thẩm định nó: việc "
                           "này do một cán bộ thẩm định khác thực hiện.")


@transaction.atomic
def standard_load(*, path: Path) -> Standard:
    """Load (or reload) a decision's standard from its fixture, refused (ValueError) when
    malformed or when its criteria do not add up to its total_points.

    A reload brings corrected points and scales (the fixture says which were checked
    against the decision): assessments still open under the standard (a draft, returned,
    submitted) are scored again at once; a decided one keeps the score and verdict it was
    decided on. Indicators are added or updated by code, never removed."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    thresholds = spec["thresholds"]
    standard, _created = Standard.objects.update_or_create(code=spec["code"], defaults={
        "title": spec["title"], "legal_basis": spec["legal_basis"],
        "source": spec.get("source", ""), "issued_on": spec["issued_on"],
        "effective_from": spec["effective_from"], "effective_to": spec.get("effective_to"),
        "verified": spec.get("verified", False), "note": spec.get("note", ""),
        "threshold_urban": thresholds[scoring.URBAN],
        "threshold_difficult": thresholds[scoring.DIFFICULT],
        "threshold_other": thresholds[scoring.OTHER]})
    rules = scoring.rules_from(spec["criteria"], thresholds)  # refuses a malformed file first
    if "total_points" in spec:
        total = sum((c.max_points for c in rules.criteria), Decimal(0))
        if total != Decimal(str(spec["total_points"])):
            raise ValueError(f"{path}: the criteria add up to {total} points, not "
                             f"{spec['total_points']}")
    for c in spec["criteria"]:
        criterion, _created = Criterion.objects.update_or_create(
            standard=standard, number=c["number"],
            defaults={"name": c["name"], "max_points": c["max_points"],
                      "verified": c.get("verified", False), "note": c.get("note", "")})
        for i in c["items"]:
            Item.objects.update_or_create(criterion=criterion, code=i["code"], defaults={
                "name": i["name"], "kind": i["kind"], "bands": i["bands"],
                "direction": i.get("direction", scoring.AT_LEAST)})
    for assessment in Assessment.objects.filter(standard=standard,
                                                status__in=(*EDITABLE, Status.SUBMITTED)):
        assessment_rescore(assessment)
    return standard


def commune_kind_set(*, unit: AdminUnit, kind: str, legal_basis: str, by,
                     now: datetime.datetime | None = None) -> CommuneKind:
    if not legal_basis.strip():
        raise AssessmentConflict(_("%(commune)s: hãy ghi căn cứ phân loại (số, ngày văn bản).")
                                 % {"commune": unit.name})
    record, _created = CommuneKind.objects.update_or_create(unit=unit, defaults={
        "kind": kind, "legal_basis": legal_basis.strip()[:300], "updated_by": by,
        "updated_at": now or timezone.now()})
    # Open assessments are judged against the new threshold at once.
    for assessment in Assessment.objects.filter(unit=unit, status__in=(*EDITABLE,
                                                                      Status.SUBMITTED)):
        assessment_rescore(assessment)
    return record


def assessment_start(*, unit: AdminUnit, year: int) -> Assessment:
    """The commune's assessment of `year`, opened if need be under the standard then in force."""
    found = Assessment.objects.filter(unit=unit, year=year).first()
    if found:
        return found
    standard = Standard.for_year(year)
    if standard is None:
        raise AssessmentConflict(_("Chưa có bộ tiêu chí áp dụng cho năm %(year)s.")
                                 % {"year": year})
    assessment = Assessment.objects.create(unit=unit, year=year, standard=standard,
                                           kind=kind_of(unit.pk))
    return assessment_rescore(assessment)


def assessment_rescore(assessment: Assessment) -> Assessment:
    """Score the stored figures again and keep the total and verdict on the row."""
    result = score_of(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(
        kind=kind_of(assessment.unit_id), total=result.total, threshold=result.threshold,
        passes=result.recognised, zero_criteria=list(result.zero_criteria))
    assessment.refresh_from_db()
    return assessment


def score_of(assessment: Assessment, figures: dict[str, Decimal | None] | None = None
             ) -> scoring.Result:
    """The assessment's result, from its stored figures or those given by indicator code."""
    if figures is None:
        figures = dict(assessment.answers.values_list("item__code", "figure"))
    return scoring.score(assessment.standard.rules(), figures, kind_of(assessment.unit_id))


@dataclass(frozen=True)
class Typed:
    figure: Decimal | None
    note: str = ""


def assessment_save(*, assessment: Assessment, by, version: int, typed: dict[int, Typed],
                    now: datetime.datetime | None = None) -> Assessment:
    """Save the figures typed, by indicator id; refused when the page's version is stale."""
    now = now or timezone.now()
    with transaction.atomic():
        _claim_for_edit(assessment, by=by, version=version, now=now)
        items = set(Item.objects.filter(criterion__standard=assessment.standard_id)
                    .values_list("pk", flat=True))
        for item_id, entry in typed.items():
            if item_id not in items:
                continue
            Answer.objects.update_or_create(assessment=assessment, item_id=item_id, defaults={
                "figure": entry.figure, "note": entry.note})
        AssessmentEvent.objects.create(assessment=assessment, action=Action.SAVE, by=by, at=now)
        return assessment_rescore(assessment)


def evidence_add(*, assessment: Assessment, by, name: str, data: bytes, version: int,
                 item: Item | None = None, now: datetime.datetime | None = None) -> Evidence:
    """Keep an evidence file once it passes the checks (UnsafeEvidence otherwise)."""
    checked = check_evidence(name, data)
    now = now or timezone.now()
    with transaction.atomic():
        _claim_for_edit(assessment, by=by, version=version, now=now)
        evidence = Evidence.objects.create(
            assessment=assessment, item=item, name=checked.name, size=len(checked.data),
            content_type=checked.content_type, data=checked.data, uploaded_at=now,
            uploaded_by=by)
        AssessmentEvent.objects.create(assessment=assessment, action=Action.UPLOAD, by=by,
                                       at=now, comment=checked.name)
    assessment.refresh_from_db()
    return evidence


def evidence_remove(*, evidence: Evidence, by, version: int,
                    now: datetime.datetime | None = None) -> Assessment:
    """Delete an evidence file (its bytes are in the row) while the commune may still edit:
    a draft or a returned assessment, at the version its page showed."""
    now = now or timezone.now()
    assessment = evidence.assessment
    with transaction.atomic():
        _claim_for_edit(assessment, by=by, version=version, now=now)
        if not Evidence.objects.filter(pk=evidence.pk, assessment=assessment).delete()[0]:
            raise AssessmentConflict(_("Minh chứng «%(name)s» đã được xóa trước đó; hãy tải "
                                       "lại trang.") % {"name": evidence.name})
        AssessmentEvent.objects.create(assessment=assessment, action=Action.REMOVE, by=by,
                                       at=now, comment=evidence.name)
    assessment.refresh_from_db()
    return assessment


def assessment_submit(*, assessment: Assessment, by, version: int,
                      now: datetime.datetime | None = None) -> Assessment:
    """Send for review, once every indicator has its figure."""
    now = now or timezone.now()
    with transaction.atomic():
        missing = (Item.objects.filter(criterion__standard=assessment.standard_id)
                   .exclude(answers__assessment=assessment, answers__figure__isnull=False)
                   .values_list("code", flat=True))
        if missing:
            raise AssessmentConflict(_("Chưa nhập số liệu của chỉ số %(items)s.")
                                     % {"items": ", ".join(missing)})
        first = assessment.submitted_at is None
        claimed = claim(assessment, source=EDITABLE, version=version, status=Status.SUBMITTED,
                        submitted_at=now, submitted_by=by)
        if not claimed:
            raise _conflict(assessment)
        AssessmentEvent.objects.create(assessment=assessment, by=by, at=now,
                                       action=Action.SUBMIT if first else Action.RESUBMIT)
        return assessment_rescore(assessment)


def assessment_return(*, assessment: Assessment, by, comment: str,
                      now: datetime.datetime | None = None) -> Assessment:
    if not comment.strip():
        raise AssessmentConflict(_("Khi trả lại, hãy ghi rõ lý do để xã bổ sung."))
    return _review(assessment, by=by, now=now, action=Action.RETURN, target=Status.RETURNED,
                   changes={"review_comment": comment.strip()}, comment=comment.strip())


def assessment_recognise(*, assessment: Assessment, by, decision_number: str,
                         decision_date: datetime.date | None,
                         now: datetime.datetime | None = None) -> Assessment:
    """Recognise the commune: only when its score qualifies, with the decision's number and
    date."""
    decision_number = decision_number.strip()
    if not decision_number or decision_date is None:
        raise AssessmentConflict(_("Hãy ghi số và ngày của quyết định công nhận."))
    result = score_of(assessment)
    if not result.recognised:
        raise AssessmentConflict(_why_not(assessment, result))
    return _review(assessment, by=by, now=now, action=Action.RECOGNISE,
                   target=Status.RECOGNISED, comment=f"Quyết định số {decision_number}",
                   changes={"decision_number": decision_number[:60],
                            "decision_date": decision_date})


def assessment_refuse(*, assessment: Assessment, by, comment: str,
                      now: datetime.datetime | None = None) -> Assessment:
    """Conclude the year without recognition (the commune does not reach the standard)."""
    if not comment.strip():
        raise AssessmentConflict(_("Khi không công nhận, hãy ghi rõ lý do."))
    return _review(assessment, by=by, now=now, action=Action.REFUSE,
                   target=Status.NOT_RECOGNISED, changes={"review_comment": comment.strip()},
                   comment=comment.strip())


def assessment_revoke(*, assessment: Assessment, by, reason: str,
                      now: datetime.datetime | None = None) -> Assessment:
    """Undo a recognition (a wrong figure found, the decision withdrawn): the assessment
    waits for review again, without its decision number, and chỉ tiêu 1 drops it."""
    reason = reason.strip()
    if not reason:
        raise AssessmentConflict(_("Khi thu hồi công nhận, hãy ghi rõ lý do."))

    return _review(assessment, by=by, now=now, action=Action.REVOKE, source=Status.RECOGNISED,
                   target=Status.SUBMITTED, comment=reason,
                   changes={"review_comment": reason, "decision_number": "",
                            "decision_date": None})


def _why_not(assessment: Assessment, result: scoring.Result) -> str:
    parts = []
    if result.zero_criteria:
        parts.append(_("tiêu chí %(criteria)s đạt 0 điểm") % {
            "criteria": ", ".join(map(str, result.zero_criteria))})
    if result.total < result.threshold:
        parts.append(_("tổng điểm %(total)s dưới ngưỡng %(threshold)s") % {
            "total": format_number(result.total), "threshold": format_number(result.threshold)})
    return _("%(commune)s chưa đủ điều kiện công nhận: %(reasons)s.") % {
        "commune": assessment.unit.name, "reasons": "; ".join(parts)}


def _review(assessment: Assessment, *, by, now, action: str, target: str, changes: dict,
            comment: str = "", source: str = Status.SUBMITTED) -> Assessment:
    """A reviewer's step from `source` to `target`; deciding on a submitted assessment is
    refused to whoever submitted or last edited it."""
    now = now or timezone.now()
    deciding = source == Status.SUBMITTED
    with transaction.atomic():
        claimed = claim(assessment, source=[source], decided_by=by if deciding else None,
                        status=target, reviewed_at=now, reviewed_by=by, **changes)
        if not claimed:
            if deciding and reviews_own_work(Assessment.objects.get(pk=assessment.pk), by):
                raise AssessmentConflict(SELF_REVIEW)
            raise _conflict(assessment)
        AssessmentEvent.objects.create(assessment=assessment, action=action, by=by, at=now,
                                       comment=comment)
        if Status.RECOGNISED in (source, target) or target in DECIDED:
            recognitions_changed.send(sender=Assessment, unit_id=assessment.unit_id,
                                      year=assessment.year)
    assessment.refresh_from_db()
    return assessment


def _claim_for_edit(assessment: Assessment, *, by, version: int, now) -> None:
    if not claim(assessment, source=EDITABLE, version=version, updated_at=now, updated_by=by):
        raise _conflict(assessment)


def _conflict(assessment: Assessment) -> AssessmentConflict:
    current = Assessment.objects.get(pk=assessment.pk)
    if current.status != assessment.status or current.status not in EDITABLE:
        return AssessmentConflict(_("Đánh giá đang ở trạng thái «%(status)s»; không thực hiện "
                                    "được thao tác này. Hãy tải lại trang.")
                                  % {"status": current.get_status_display()})
    return AssessmentConflict(_("Đánh giá vừa được cập nhật sau khi bạn mở trang này; những gì "
                                "bạn vừa nhập CHƯA được lưu. Hãy tải lại trang rồi nhập lại."))
