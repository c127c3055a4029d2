from django.urls import path

from safehold.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.create_view, name="create"),
    path("<int:meeting_id>/", views.detail_view, name="detail"),
    path("<int:meeting_id>/edit/", views.edit_view, name="edit"),
    path("<int:meeting_id>/delete/", views.delete_view, name="delete"),
    path("<int:meeting_id>/presence/", views.presence_view, name="presence"),
    path("<int:meeting_id>/professionals/new/", views.professional_create_view, name="professional_create"),
    path("<int:meeting_id>/professionals/<int:professional_id>/delete/", views.professional_delete_view,
         name="professional_delete"),
    path("<int:meeting_id>/expectations/new/", views.expectation_create_view, name="expectation_create"),
    path("<int:meeting_id>/expectations/<int:expectation_id>/delete/", views.expectation_delete_view,
         name="expectation_delete"),
    path("<int:meeting_id>/agreements/new/", views.agreement_create_view, name="agreement_create"),
    path("<int:meeting_id>/agreements/<int:meeting_agreement_id>/edit/", views.agreement_edit_view,
         name="agreement_edit"),
    path("<int:meeting_id>/agreements/<int:meeting_agreement_id>/delete/", views.agreement_delete_view,
         name="agreement_delete"),
]
