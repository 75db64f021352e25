from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog

from childplan import import_views, views

admin.site.site_header = gettext_lazy("Quản trị ChildPlan")
admin.site.site_title = "ChildPlan"
admin.site.index_title = gettext_lazy("Quản trị hệ thống")

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon),
    # The page scripts' strings and the active language's number format (no CDN).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="registration/login.html"),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/ke-nhiem/", views.plan_successor_new, name="plan_successor_new"),
    path("ke-hoach/<int:plan_id>/du-thao/", views.plan_draft_edit, name="plan_draft_edit"),
    path("ke-hoach/<int:plan_id>/du-thao/ban-hanh/", views.plan_draft_issue,
         name="plan_draft_issue"),
    path("ke-hoach/nhap/", import_views.import_upload, name="plan_import_upload"),
    path("ke-hoach/nhap/xem-lai/", import_views.import_review, name="plan_import_review"),
    path("chi-tieu/<int:measure_id>/", views.measure_detail, name="measure_detail"),
    # The summary workbook of a cycle reads what the dashboards read: a progress page under
    # the reporting cycle's address.
    path("bao-cao/", include("progress.workbook.urls")),
    path("bao-cao/", include("reporting.urls")),
    path("tien-do/", include("progress.urls")),
    # Child-friendly communes: the yearly assessment behind chỉ tiêu 1.
    path("xa-phu-hop-tre-em/", include("assessments.urls")),
    path("", include("agencies.urls")),
    path("quan-tri/", admin.site.urls),
    # For the load balancer: database, Redis and the worker's lag, as JSON.
    path("suc-khoe/", include("progress.health_urls")),
    # The API (/api/v1/, its documentation page) and the personal API tokens page.
    path("", include("exchange.urls")),
]
