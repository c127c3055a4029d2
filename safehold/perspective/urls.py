"""Perspektivklärung (seed 002): a child's placement and the observed contacts with attachment figures during it.
Mounted at /cases/<case_id>/perspective/."""

from django.urls import path

from safehold.perspective import views

app_name = "perspective"
urlpatterns = [
    path("placements/", views.placements_view, name="placements"),
    path("placements/new/", views.placement_create_view, name="placement_create"),
    path("placements/<int:placement_id>/", views.placement_detail_view, name="placement_detail"),
    path("placements/<int:placement_id>/edit/", views.placement_edit_view, name="placement_edit"),
    path("placements/<int:placement_id>/contacts/new/", views.contact_create_view, name="contact_create"),
    path("placements/<int:placement_id>/contacts/<int:contact_visit_id>/", views.contact_detail_view,
         name="contact_detail"),
    path("placements/<int:placement_id>/contacts/<int:contact_visit_id>/edit/", views.contact_edit_view,
         name="contact_edit"),
    path("placements/<int:placement_id>/recommendation/", views.recommendation_view, name="recommendation"),
    path("placements/<int:placement_id>/recommendation/edit/", views.recommendation_edit_view,
         name="recommendation_edit"),
    path("assignments/", views.assignments_view, name="assignments"),
    path("assignments/new/", views.assignment_create_view, name="assignment_create"),
    path("assignments/<int:clarification_id>/", views.assignment_detail_view, name="assignment_detail"),
    path("assignments/<int:clarification_id>/edit/", views.assignment_edit_view, name="assignment_edit"),
]
