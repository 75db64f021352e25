from django.urls import path

from progress import views

urlpatterns = [
    path("ky/<int:cycle_id>/tong-hop.xlsx", views.summary_export, name="summary_export"),
]
