from django.urls import path

from assessments import views

urlpatterns = [
    path("", views.assessment_home, name="assessment_home"),
    path("xa/<int:unit_id>/bat-dau/", views.assessment_start_view, name="assessment_start"),
    path("<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path("<int:assessment_id>/nhap/", views.assessment_edit, name="assessment_edit"),
    path("<int:assessment_id>/tinh-diem/", views.assessment_preview, name="assessment_preview"),
    path("<int:assessment_id>/minh-chung/", views.evidence_upload, name="evidence_upload"),
    path("<int:assessment_id>/minh-chung/<int:evidence_id>/", views.evidence_download,
         name="evidence_download"),
    path("<int:assessment_id>/minh-chung/<int:evidence_id>/xoa/", views.evidence_delete,
         name="evidence_delete"),
    path("<int:assessment_id>/thu-hoi/", views.assessment_revoke_view,
         name="assessment_revoke"),
    path("<int:assessment_id>/gui/", views.assessment_submit_view, name="assessment_submit"),
    path("<int:assessment_id>/tra-lai/", views.assessment_return_view, name="assessment_return"),
    path("<int:assessment_id>/cong-nhan/", views.assessment_recognise_view,
         name="assessment_recognise"),
    path("<int:assessment_id>/khong-cong-nhan/", views.assessment_refuse_view,
         name="assessment_refuse"),
    path("tinh/<int:unit_id>/", views.province_assessments, name="province_assessments"),
    path("tinh/<int:unit_id>/loai-xa/<int:commune_id>/", views.commune_kind_edit,
         name="commune_kind_edit"),
]
