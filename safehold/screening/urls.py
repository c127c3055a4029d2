"""Screening against the target group (seed 004). Mounted at /cases/<case_id>/screening/."""

from django.urls import path

from safehold.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.screenings_view, name="list"),
    path("new/", views.screening_create_view, name="create"),
    path("<int:screening_id>/", views.screening_detail_view, name="detail"),
    path("<int:screening_id>/edit/", views.screening_edit_view, name="edit"),
    path("<int:screening_id>/decision/", views.screening_decide_view, name="decide"),
    path("<int:screening_id>/lead-decision/", views.screening_lead_decide_view, name="lead_decide"),
]
