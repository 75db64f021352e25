from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from agencies import views

urlpatterns = [
    path("quan-ly/nguoi-dung/", views.account_list, name="account_list"),
    path("quan-ly/nguoi-dung/them/", views.account_new, name="account_new"),
    path("quan-ly/nguoi-dung/mat-khau-tam/", views.account_issued, name="account_issued"),
    path("quan-ly/nguoi-dung/nhap-excel/", views.accounts_import, name="accounts_import"),
    path("quan-ly/nguoi-dung/nhap-excel/mau.xlsx", views.accounts_import_template,
         name="accounts_import_template"),
    path("quan-ly/nguoi-dung/<int:account_id>/", views.account_detail, name="account_detail"),
    path("quan-ly/nguoi-dung/<int:account_id>/khoa/", views.account_deactivate_view,
         name="account_deactivate"),
    path("quan-ly/nguoi-dung/<int:account_id>/mo-khoa/", views.account_reactivate_view,
         name="account_reactivate"),
    path("quan-ly/nguoi-dung/<int:account_id>/cap-lai-mat-khau/", views.account_reset_view,
         name="account_reset"),
    path("quan-ly/nguoi-dung/<int:account_id>/vai-tro/", views.membership_grant_view,
         name="membership_grant"),
    path("quan-ly/nguoi-dung/<int:account_id>/vai-tro/<int:membership_id>/thu-hoi/",
         views.membership_revoke_view, name="membership_revoke"),
    # The interface language (the switch in the header).
    path("ngon-ngu/", views.language_switch, name="language_switch"),
    # Each user's own password: changed when signed in, or reset through an e-mailed link.
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/quen-mat-khau/", auth_views.PasswordResetView.as_view(
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("tai-khoan/quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(
        template_name="registration/password_reset_done.html"), name="password_reset_done"),
    path("tai-khoan/dat-lai/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(),
         name="password_reset_confirm"),
    path("tai-khoan/dat-lai/xong/", auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"),
        name="password_reset_complete"),
]
