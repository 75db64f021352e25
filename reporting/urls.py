from django.urls import path

from reporting import views

urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("duyet/", views.review_queue, name="review_queue"),
    path("duyet/nhieu/", views.review_bulk_approve, name="review_bulk_approve"),
    path("<int:report_id>/", views.report_detail, name="report_detail"),
    path("<int:report_id>/nhap/", views.report_edit, name="report_edit"),
    path("<int:report_id>/nop/", views.report_submit_view, name="report_submit"),
    path("<int:report_id>/duyet/", views.report_approve_view, name="report_approve"),
    path("<int:report_id>/tra-lai/", views.report_return_view, name="report_return"),
    path("<int:report_id>/huy-duyet/", views.report_unapprove_view, name="report_unapprove"),
    path("ky/<int:cycle_id>/", views.cycle_completeness, name="cycle_completeness"),
    path("ky/<int:cycle_id>/quy-tac/", views.cycle_rule_violations_view,
         name="cycle_rule_violations"),
    path("ky/<int:cycle_id>/khoa/", views.cycle_lock_view, name="cycle_lock"),
    path("ky/<int:cycle_id>/han-nop/", views.cycle_deadlines_view, name="cycle_deadlines"),
]

# Excel: report templates and their upload (reporting/excel_views.py). The summary workbook
# of a cycle, ky/<id>/tong-hop.xlsx, is served by the progress app (childplan/urls.py).
from reporting import excel_views  # noqa: E402

urlpatterns += [
    path("<int:report_id>/excel/mau.xlsx", excel_views.template_download,
         name="report_excel_template"),
    path("<int:report_id>/excel/tai-len/", excel_views.upload, name="report_excel_upload"),
    path("<int:report_id>/excel/xac-nhan/", excel_views.upload_confirm,
         name="report_excel_confirm"),
]
