from django.urls import path

from safehold.safety_plans import views, views_compare, views_documents

app_name = "safety_plans"
urlpatterns = [
    path("", views.plans_view, name="plans"),
    path("new/", views.plan_create_view, name="plan_create"),
    path("compare/", views_compare.compare_view, name="compare"),
    path("<int:plan_id>/", views.plan_detail_view, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit_view, name="plan_edit"),
    path("<int:plan_id>/status/", views.plan_transition_view, name="plan_transition"),
    path("<int:plan_id>/rules/", views.rules_view, name="rules"),
    path("<int:plan_id>/rules/new/", views.rule_create_view, name="rule_create"),
    path("<int:plan_id>/rules/<int:rule_id>/edit/", views.rule_edit_view, name="rule_edit"),
    path("<int:plan_id>/rules/<int:rule_id>/delete/", views.rule_delete_view, name="rule_delete"),
    path("<int:plan_id>/contacts/new/", views.contact_add_view, name="contact_add"),
    path("<int:plan_id>/contacts/<int:contact_id>/edit/", views.contact_edit_view, name="contact_edit"),
    path("<int:plan_id>/contacts/<int:contact_id>/delete/", views.contact_delete_view, name="contact_delete"),
    path("<int:plan_id>/agreements/new/", views.agreement_add_view, name="agreement_add"),
    path("<int:plan_id>/agreements/<int:agreement_id>/edit/", views.agreement_edit_view, name="agreement_edit"),
    path("<int:plan_id>/agreements/<int:agreement_id>/delete/", views.agreement_delete_view,
         name="agreement_delete"),
    path("<int:plan_id>/sign-offs/new/", views.sign_off_view, name="sign_off"),
    path("<int:plan_id>/check-ins/new/", views.check_in_create_view, name="check_in_create"),
    path("<int:plan_id>/pdf/<str:kind>/", views_documents.plan_pdf_view, name="plan_pdf"),
]
