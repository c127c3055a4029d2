"""Perspektivklärung (seed 002): a child's placement and the observed contacts with attachment figures during it,
the clarification assignments and the recommendation. Mounted at /cases/<case_id>/perspective/."""

from django.urls import path

from safehold.perspective import views

app_name = "perspective"
urlpatterns = [
    path("placements/", views.placements_view, name="placements"),
    path("placements/new/", views.placement_create_view, name="placement_create"),
    path("placements/<int:placement_id>/", views.placement_detail_view, name="placement_detail"),
    path("placements/<int:placement_id>/edit/", views.placement_edit_view, name="placement_edit"),
    path("placements/<int:placement_id>/delete/", views.placement_delete_view, name="placement_delete"),
    path("placements/<int:placement_id>/timeline.svg", views.placement_timeline_svg_view,
         name="placement_timeline_svg"),
    path("placements/<int:placement_id>/contacts/new/", views.contact_create_view, name="contact_create"),
    path("placements/<int:placement_id>/contacts/<int:contact_visit_id>/", views.contact_detail_view,
         name="contact_detail"),
    path("placements/<int:placement_id>/contacts/<int:contact_visit_id>/edit/", views.contact_edit_view,
         name="contact_edit"),
    path("placements/<int:placement_id>/contacts/<int:contact_visit_id>/delete/", views.contact_delete_view,
         name="contact_delete"),
    path("placements/<int:placement_id>/recommendation/", views.recommendation_view, name="recommendation"),
    path("placements/<int:placement_id>/recommendation/edit/", views.recommendation_edit_view,
         name="recommendation_edit"),
    path("placements/<int:placement_id>/recommendation/delete/", views.recommendation_delete_view,
         name="recommendation_delete"),
    path("assignments/", views.assignments_view, name="assignments"),
    path("assignments/new/", views.assignment_create_view, name="assignment_create"),
    path("assignments/<int:clarification_id>/", views.assignment_detail_view, name="assignment_detail"),
    path("assignments/<int:clarification_id>/edit/", views.assignment_edit_view, name="assignment_edit"),
    path("assignments/<int:clarification_id>/delete/", views.assignment_delete_view, name="assignment_delete"),
]
