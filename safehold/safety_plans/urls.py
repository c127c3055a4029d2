from django.urls import path

from safehold.safety_plans import views

app_name = "safety_plans"
urlpatterns = [
    path("", views.plans_view, name="plans"),
    path("new/", views.plan_create_view, name="plan_create"),
    path("<int:plan_id>/", views.plan_detail_view, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit_view, name="plan_edit"),
    path("<int:plan_id>/status/", views.plan_transition_view, name="plan_transition"),
    path("<int:plan_id>/rules/", views.rules_view, name="rules"),
    path("<int:plan_id>/rules/new/", views.rule_create_view, name="rule_create"),
    path("<int:plan_id>/rules/<int:rule_id>/edit/", views.rule_edit_view, name="rule_edit"),
    path("<int:plan_id>/rules/<int:rule_id>/delete/", views.rule_delete_view, name="rule_delete"),
    path("<int:plan_id>/contacts/new/", views.contact_add_view, name="contact_add"),
    path("<int:plan_id>/agreements/new/", views.agreement_add_view, name="agreement_add"),
    path("<int:plan_id>/sign-offs/new/", views.sign_off_view, name="sign_off"),
    path("<int:plan_id>/check-ins/new/", views.check_in_create_view, name="check_in_create"),
]
