from django.urls import path

from progress import views

urlpatterns = [
    path("<int:plan_id>/", views.plan_progress, name="plan_progress"),
    path("<int:plan_id>/chi-tieu/<int:measure_id>/", views.measure_progress,
         name="measure_progress"),
    path("<int:plan_id>/co-quan/<int:agency_id>/", views.agency_progress,
         name="agency_progress"),
]
