"""Writes of the papers: asking for an annual report or a PDF of the plan's overview, and
writing it in a worker (progress shown on the build's page)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from agencies.models import AdminUnit, Agency
from childplan.models import Plan
from progress.cache import overview_data
from progress.models import PaperBuild, ReportTemplate
from progress.papers.document import render_report
from progress.papers.overview import Overview, overview_docx
from progress.papers.pdf import docx_to_pdf
from progress.papers.report import annual_report_for, letterhead_for
from progress.readers import target_points

logger = logging.getLogger(__name__)

# A build's step is stored as written here and translated where the page shows it.
READING, CHARTS, ASSEMBLING, CONVERTING, DONE = (
    gettext_noop("Đọc số liệu"), gettext_noop("Vẽ biểu đồ"), gettext_noop("Ghép văn bản"),
    gettext_noop("Chuyển sang PDF"), gettext_noop("Đã xong"))
FAILED = gettext_noop("Không lập được: mẫu báo cáo, số liệu hoặc phần mềm chuyển đổi có lỗi, "
                      "hãy báo quản trị hệ thống.")
STEPS = {READING: 10, CHARTS: 40, ASSEMBLING: 60, CONVERTING: 75}


def paper_build_request(*, plan: Plan, unit: AdminUnit, year: int, by,
                        now: datetime.datetime | None = None) -> PaperBuild:
    """Queue the annual report of `plan` for `unit` and `year`; the worker writes it."""
    from progress.tasks import build_paper

    with transaction.atomic():
        build = PaperBuild.objects.create(plan=plan, unit=unit, year=year, requested_by=by,
                                          requested_at=now or timezone.now())
        build_paper.delay_on_commit(build.pk)
    return build


def template_for(plan: Plan) -> bytes | None:
    """The plan's unit's own template, else the one kept for every unit, else None (the
    default shipped with the code)."""
    units = [plan.unit_id] + ([plan.unit.parent_id] if plan.unit.parent_id else [])
    found = {unit: content for unit, content in ReportTemplate.objects.filter(
        Q(unit__in=units) | Q(unit__isnull=True)).order_by("uploaded_at")
        .values_list("unit_id", "content")}
    for unit in (*units, None):
        if unit in found:
            return bytes(found[unit])
    return None


def paper_build_run(build_id: int) -> PaperBuild | None:
    """Write the paper of a queued build; a second run of a finished build does nothing."""
    claimed = PaperBuild.objects.filter(pk=build_id, status=PaperBuild.Status.QUEUED).update(
        status=PaperBuild.Status.RUNNING, percent=5, step="Bắt đầu")
    if not claimed:
        return None
    build = PaperBuild.objects.select_related("plan__unit", "unit").get(pk=build_id)

    def step(text: str) -> None:
        PaperBuild.objects.filter(pk=build_id).update(step=text, percent=STEPS.get(text, 50))

    write = _overview_pdf if build.kind == PaperBuild.Kind.OVERVIEW_PDF else _annual_report
    try:
        step(READING)
        # The paper is written in the site's language, wherever the worker runs.
        with translation.override(settings.LANGUAGE_CODE):
            content, name = write(build, step)
    except Exception:
        logger.exception("Paper %s not written", build_id)
        PaperBuild.objects.filter(pk=build_id).update(
            status=PaperBuild.Status.FAILED, step=FAILED,
            finished_at=timezone.now())
        return None
    PaperBuild.objects.filter(pk=build_id).update(
        status=PaperBuild.Status.DONE, percent=100, step=DONE, content=content,
        file_name=name, finished_at=timezone.now())
    build.refresh_from_db()
    return build


def _annual_report(build: PaperBuild, step) -> tuple[bytes, str]:
    plan = build.plan
    on = timezone.localdate()
    report = annual_report_for(plan=plan, unit=build.unit, year=build.year,
                               issuer=_office(plan, on), on=on)
    targets = {row.measure.pk: target_points(plan, row.measure)
               for row in report.summary.rows}
    content = render_report(report, template_for(plan), step=step, chart_targets=targets)
    return content, f"bao-cao-nam-{build.year}-{plan.key}-{build.unit.code}.docx"


def overview_pdf_request(*, plan: Plan, unit: AdminUnit, by,
                         now: datetime.datetime | None = None) -> PaperBuild:
    """Queue the PDF of the plan's overview for `unit`, as the dashboard shows it now."""
    from progress.tasks import build_paper

    now = now or timezone.now()
    with transaction.atomic():
        build = PaperBuild.objects.create(kind=PaperBuild.Kind.OVERVIEW_PDF, plan=plan,
                                          unit=unit, year=timezone.localdate(now).year,
                                          requested_by=by, requested_at=now)
        build_paper.delay_on_commit(build.pk)
    return build


def _overview_pdf(build: PaperBuild, step) -> tuple[bytes, str]:
    plan = build.plan
    on = timezone.localdate()
    head = letterhead_for(plan, _office(plan, on), on)
    data = overview_data(plan, build.unit)
    step(ASSEMBLING)
    document = overview_docx(Overview(head, plan, build.unit, on, data))
    step(CONVERTING)
    return docx_to_pdf(document), f"tien-do-{plan.key}-{build.unit.code}-{on:%Y%m%d}.pdf"


def _office(plan: Plan, on: datetime.date) -> Agency | None:
    office = plan.consolidating_agency_on(on)
    if office is not None and office.unit_id is not None:
        office = Agency.objects.select_related("unit").get(pk=office.pk)
    return office
