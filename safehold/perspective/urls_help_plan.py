"""The Hilfeplan of a care-plan or review meeting. Mounted at /cases/<case_id>/meetings/<meeting_id>/help-plan/."""

from django.urls import path

from safehold.perspective import views_help_plan as views

app_name = "help_plan"
urlpatterns = [
    path("", views.detail_view, name="detail"),
    path("edit/", views.edit_view, name="edit"),
    path("sign-offs/new/", views.sign_off_view, name="sign_off"),
    path("sign-offs/<int:sign_off_id>/withdraw/", views.sign_off_withdraw_view, name="sign_off_withdraw"),
    path("pdf/", views.pdf_view, name="pdf"),
]
