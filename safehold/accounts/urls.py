from django.urls import path

from safehold.accounts import views, views_mfa

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language_view, name="set_language"),
    path("profile/", views.profile_view, name="profile"),
    path("mfa/setup/", views_mfa.mfa_setup_view, name="mfa_setup"),
    path("mfa/verify/", views_mfa.mfa_verify_view, name="mfa_verify"),
    path("mfa/recovery-codes/", views_mfa.mfa_recovery_codes_view, name="mfa_recovery_codes"),
    path("mfa/disable/", views_mfa.mfa_disable_view, name="mfa_disable"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("sessions/end/", views.sessions_end_view, name="sessions_end"),
    path("users/<int:user_id>/sessions/end/", views.user_sessions_end_view, name="user_sessions_end"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
