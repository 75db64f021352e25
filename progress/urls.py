from django.urls import path

from progress import views
from progress.papers import views as papers

urlpatterns = [
    path("<int:plan_id>/", views.plan_progress, name="plan_progress"),
    path("<int:plan_id>/chi-tieu/<int:measure_id>/", views.measure_progress,
         name="measure_progress"),
    path("<int:plan_id>/co-quan/<int:agency_id>/", views.agency_progress,
         name="agency_progress"),
    path("<int:plan_id>/ban-in-pdf/", papers.overview_pdf, name="overview_pdf"),
]
