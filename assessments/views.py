"""Pages of the child-friendly commune assessments: access helper → form → service →
message → redirect."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies.access import member_required
from agencies.models import AdminUnit
from assessments import access, reads
from assessments.charts import scores_chart
from assessments.evidence import MAX_BYTES, UnsafeEvidence
from assessments.forms import AnswersForm, EvidenceForm, KindForm, RecogniseForm, ReturnForm
from assessments.models import Assessment, Item, Standard, Status
from assessments.scoring import share_recognised
from assessments.services import (
    SELF_REVIEW,
    AssessmentConflict,
    assessment_recognise,
    assessment_refuse,
    assessment_return,
    assessment_revoke,
    assessment_save,
    assessment_start,
    assessment_submit,
    commune_kind_set,
    evidence_add,
    evidence_remove,
    reviews_own_work,
    score_of,
)
from indicators.numbers import format_number


def _year(request) -> int:
    try:
        return int(request.GET.get("nam", ""))
    except ValueError:
        return timezone.localdate().year


def _items(assessment: Assessment) -> list[Item]:
    return list(Item.objects.filter(criterion__standard=assessment.standard_id)
                .select_related("criterion").order_by("criterion__number", "pk"))


@member_required
def assessment_home(request):
    user = request.user
    communes = AdminUnit.objects.filter(pk__in=access.reported_communes(user)).order_by("name")
    provinces = AdminUnit.objects.filter(pk__in=access.readable_provinces(user)).order_by("name")
    year = _year(request)
    return render(request, "assessments/home.html", {
        "year": year, "provinces": provinces,
        "communes": [(c, Assessment.objects.filter(unit=c).order_by("-year")) for c in communes]})


@require_POST
@member_required
def assessment_start_view(request, unit_id: int):
    unit = access.access_commune(request.user, unit_id)
    try:
        assessment = assessment_start(unit=unit, year=_year(request))
    except AssessmentConflict as error:
        messages.error(request, str(error))
        return redirect("assessment_home")
    return redirect("assessment_edit", assessment.pk)


@member_required
def assessment_detail(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id)
    result = score_of(assessment)
    return render(request, "assessments/detail.html", {
        "assessment": assessment, "result": result, "criteria": _criteria(assessment, result),
        "events": assessment.events.select_related("by"),
        "evidence": assessment.evidence.select_related("item", "uploaded_by").defer("data"),
        "history": assessment.answers.model.history.filter(assessment_id=assessment.pk)
        .select_related("item", "history_user").order_by("-history_date", "-pk"),
        "can_enter": assessment.is_editable and access.can_enter(request.user, assessment),
        "can_review": assessment.status == Status.SUBMITTED
        and access.can_review(request.user, assessment),
        "can_revoke": assessment.status == Status.RECOGNISED
        and access.can_review(request.user, assessment),
        "own_work": SELF_REVIEW if reviews_own_work(assessment, request.user) else "",
        "return_form": ReturnForm(), "recognise_form": RecogniseForm()})


def _criteria(assessment: Assessment, result):
    """(criterion, points, items with figure and points) for the score table."""
    answers = {a.item_id: a for a in assessment.answers.all()}
    rows = []
    for criterion in assessment.standard.criteria.prefetch_related("items"):
        items = [(i, answers.get(i.pk), result.item_points.get(i.code))
                 for i in criterion.items.all()]
        rows.append((criterion, result.criterion_points.get(criterion.number), items))
    return rows


@member_required
def assessment_edit(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_edit=True)
    if not assessment.is_editable:
        messages.info(request, _("Đánh giá đang ở trạng thái «%(status)s»: chỉ xem.")
                      % {"status": assessment.get_status_display()})
        return redirect("assessment_detail", assessment.pk)
    items = _items(assessment)
    form = AnswersForm(assessment, items, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_save(assessment=assessment, by=request.user,
                            version=form.cleaned_data["version"], typed=form.typed())
        except AssessmentConflict as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu nháp và tính lại điểm."))
            return redirect("assessment_edit", assessment.pk)
    result = score_of(assessment)
    return render(request, "assessments/edit.html", {
        "assessment": assessment, "form": form, "result": result,
        "criteria": _criteria(assessment, result), "evidence_form": EvidenceForm(assessment),
        "evidence": assessment.evidence.select_related("item").defer("data")})


@require_POST
@member_required
def assessment_preview(request, assessment_id: int):
    """The score of the figures on the page, not saved: the form's live total and verdict."""
    assessment = access.access_assessment(request.user, assessment_id, for_edit=True)
    items = _items(assessment)
    form = AnswersForm(assessment, items, request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": {k: v for k, v in form.errors.items()}}, status=400)
    result = score_of(assessment, {i.code: form.cleaned_data[f"figure_{i.pk}"] for i in items})
    return JsonResponse({
        "criteria": {str(n): format_number(p) for n, p in result.criterion_points.items()},
        "items": {code: format_number(p) for code, p in result.item_points.items()},
        "total": format_number(result.total), "threshold": format_number(result.threshold),
        "zero": list(result.zero_criteria), "recognised": result.recognised,
        "verdict": _verdict(result)})


def _verdict(result) -> str:
    if result.recognised:
        return _("Đủ điều kiện công nhận")
    if result.zero_criteria:
        return _("Chưa đủ điều kiện: có tiêu chí 0 điểm")
    return _("Chưa đủ điều kiện: thiếu %(points)s điểm") % {
        "points": format_number(result.short_by)}


@require_POST
@member_required
def evidence_upload(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_edit=True)
    form = EvidenceForm(assessment, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values()
                                         for e in errors))
        return redirect("assessment_edit", assessment.pk)
    upload = form.cleaned_data["file"]
    try:
        evidence_add(assessment=assessment, by=request.user, name=upload.name,
                     data=upload.read(MAX_BYTES + 1),
                     version=form.cleaned_data["version"], item=form.cleaned_data["item"])
    except (UnsafeEvidence, AssessmentConflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã tải lên minh chứng «%(name)s».") % {"name": upload.name})
    return redirect("assessment_edit", assessment.pk)


@require_POST
@member_required
def evidence_delete(request, assessment_id: int, evidence_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_edit=True)
    evidence = get_object_or_404(assessment.evidence.defer("data"), pk=evidence_id)
    try:
        evidence_remove(evidence=evidence, by=request.user,
                        version=int(request.POST.get("version", 0)))
    except AssessmentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã xóa minh chứng «%(name)s».") % {"name": evidence.name})
    return redirect("assessment_edit", assessment.pk)


@member_required
def evidence_download(request, assessment_id: int, evidence_id: int):
    assessment = access.access_assessment(request.user, assessment_id)
    evidence = get_object_or_404(assessment.evidence, pk=evidence_id)
    response = HttpResponse(bytes(evidence.data), content_type=evidence.content_type)
    suffix = {"application/pdf": "pdf", "image/png": "png"}.get(evidence.content_type, "jpg")
    response["Content-Disposition"] = f"attachment; filename=minh-chung-{evidence.pk}.{suffix}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@member_required
def assessment_submit_view(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_edit=True)
    try:
        assessment_submit(assessment=assessment, by=request.user,
                          version=int(request.POST.get("version", 0)))
    except AssessmentConflict as error:
        messages.error(request, str(error))
        return redirect("assessment_edit", assessment.pk)
    messages.success(request, _("Đã gửi đánh giá để tỉnh thẩm định."))
    return redirect("assessment_detail", assessment.pk)


@require_POST
@member_required
def assessment_return_view(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_review=True)
    form = ReturnForm(request.POST)
    try:
        assessment_return(assessment=assessment, by=request.user,
                          comment=form.data.get("comment", ""))
    except AssessmentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã trả lại đánh giá của %(commune)s.")
                         % {"commune": assessment.unit.name})
    return redirect("assessment_detail", assessment.pk)


@require_POST
@member_required
def assessment_recognise_view(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_review=True)
    form = RecogniseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[k].label}: {e}" for k, errors in
                                         form.errors.items() for e in errors))
        return redirect("assessment_detail", assessment.pk)
    try:
        assessment_recognise(assessment=assessment, by=request.user, **form.cleaned_data)
    except AssessmentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã công nhận %(commune)s đạt tiêu chuẩn phù hợp với trẻ em "
                                    "năm %(year)s.") % {"commune": assessment.unit.name,
                                                         "year": assessment.year})
    return redirect("assessment_detail", assessment.pk)


@require_POST
@member_required
def assessment_refuse_view(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_review=True)
    try:
        assessment_refuse(assessment=assessment, by=request.user,
                          comment=request.POST.get("comment", ""))
    except AssessmentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã kết luận %(commune)s chưa đạt năm %(year)s.") % {
            "commune": assessment.unit.name, "year": assessment.year})
    return redirect("assessment_detail", assessment.pk)


@require_POST
@member_required
def assessment_revoke_view(request, assessment_id: int):
    assessment = access.access_assessment(request.user, assessment_id, for_review=True)
    try:
        assessment_revoke(assessment=assessment, by=request.user,
                          reason=request.POST.get("reason", ""))
    except AssessmentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã thu hồi công nhận %(unit)s năm %(year)s; đánh giá chờ "
                                    "thẩm định lại.") % {"unit": assessment.unit.name,
                                                         "year": assessment.year})

    return redirect("assessment_detail", assessment.pk)


def _percent(value) -> str:
    return "—" if value is None else format_number(value.quantize(Decimal("0.01")))


COLUMNS = [("ten", gettext_lazy("Xã, phường")), ("loai", gettext_lazy("Loại")),
           ("diem", gettext_lazy("Tổng điểm")), ("thieu", gettext_lazy("Thiếu so với ngưỡng")),
           ("trang-thai", gettext_lazy("Trạng thái"))]


@member_required
def province_assessments(request, unit_id: int):
    province = access.access_province(request.user, unit_id)
    year, sort = _year(request), request.GET.get("sap-xep", "ten")
    rows = reads.province_rows(province, year, sort)
    standard = Standard.for_year(year)
    recognised, communes = reads.recognised_share(rows)
    assessed = [r for r in rows if r.assessment is not None]
    return render(request, "assessments/province.html", {
        "province": province, "year": year, "rows": rows, "sort": sort, "standard": standard,
        "recognised": recognised, "communes": communes,
        "share": _percent(share_recognised(recognised, communes)),
        "failed": reads.most_failed(rows, standard), "closest": reads.closest(rows),
        "can_review": request.user.is_superuser
        or province.pk in access.reviewed_provinces(request.user),
        "kind_form": KindForm(), "columns": COLUMNS,
        "chart": scores_chart([(r.unit.name, r.total, r.assessment.threshold, r.state)
                               for r in assessed],
                              title=_("Điểm của các xã năm %(year)s") % {"year": year})
        if assessed else None})


@require_POST
@member_required
def commune_kind_edit(request, unit_id: int, commune_id: int):
    province = access.access_province(request.user, unit_id, for_review=True)
    commune = get_object_or_404(access.province_communes(province), pk=commune_id)
    form = KindForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("%(commune)s: hãy chọn loại xã và ghi căn cứ phân loại.")
                       % {"commune": commune.name})
    else:
        try:
            commune_kind_set(unit=commune, by=request.user, **form.cleaned_data)
        except AssessmentConflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã phân loại %(commune)s.") % {"commune": commune.name})
    return redirect(f"{reverse('province_assessments', args=[province.pk])}"
                    f"?nam={request.POST.get('nam', '')}#xa-{commune.pk}")
