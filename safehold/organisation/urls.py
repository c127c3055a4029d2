from django.urls import path

from safehold.organisation import views

app_name = "organisation"
urlpatterns = [
    path("users/", views.users_view, name="users"),
    path("users/<int:user_id>/", views.user_edit_view, name="user_edit"),
    path("grants/", views.grants_view, name="grants"),
    path("grants/<int:grant_id>/", views.grant_view, name="grant"),
    path("security/", views.mfa_policy_view, name="mfa_policy"),
    path("teams/", views.teams_view, name="teams"),
    path("teams/screening/", views.screening_policy_view, name="screening_policy"),
    path("legal-bases/", views.legal_bases_view, name="legal_bases"),
    path("legal-bases/<int:basis_id>/toggle/", views.legal_basis_toggle_view, name="legal_basis_toggle"),
    path("scales/", views.scales_view, name="scales"),
]
