from django.urls import path

from progress import views
from progress.papers import views as papers

urlpatterns = [
    path("ky/<int:cycle_id>/tong-hop.xlsx", views.summary_export, name="summary_export"),
    path("ky/<int:cycle_id>/bao-cao-nam/", papers.annual_report_request,
         name="annual_report_request"),
    path("bao-cao-nam/<int:build_id>/", papers.annual_report_status, name="annual_report_status"),
    path("bao-cao-nam/<int:build_id>/tai-ve", papers.annual_report_download,
         name="annual_report_download"),
]
