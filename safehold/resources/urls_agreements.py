"""/resources/agreements/…: the cooperation agreements (views_agreements.py), in the `resources` namespace."""

from django.urls import path

from safehold.resources import views_agreements as views

urlpatterns: list = [
    path("", views.agreements_view, name="agreements"),
    path("new/", views.agreement_create_view, name="agreement_create"),
    path("<int:cooperation_id>/", views.agreement_view, name="agreement"),
    path("<int:cooperation_id>/edit/", views.agreement_edit_view, name="agreement_edit"),
    path("<int:cooperation_id>/delete/", views.agreement_delete_view, name="agreement_delete"),
]
