from django.urls import path

from safehold.audit.views import case_access_log_view
from safehold.cases import views, views_people

app_name = "cases"
urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create_view, name="create"),
    path("<int:case_id>/", views.case_detail_view, name="detail"),
    path("<int:case_id>/edit/", views.case_edit_view, name="edit"),
    path("<int:case_id>/status/", views.case_transition_view, name="transition"),
    path("<int:case_id>/reopen/", views.case_reopen_view, name="reopen"),
    path("<int:case_id>/assignments/", views.assignments_view, name="assignments"),
    path("<int:case_id>/assignments/<int:assignment_id>/remove/", views.assignment_remove_view,
         name="assignment_remove"),
    path("<int:case_id>/people/new/", views_people.person_create_view, name="person_create"),
    path("<int:case_id>/people/<int:person_id>/", views_people.person_detail_view, name="person_detail"),
    path("<int:case_id>/people/<int:person_id>/edit/", views_people.person_edit_view, name="person_edit"),
    path("<int:case_id>/people/<int:person_id>/outcome/", views.child_outcome_view, name="child_outcome"),
    path("<int:case_id>/people/<int:person_id>/outcome/withdraw/", views.child_outcome_withdraw_view,
         name="child_outcome_withdraw"),
    path("<int:case_id>/people/<int:person_id>/delete/", views_people.person_delete_view, name="person_delete"),
    path("<int:case_id>/access-log/", case_access_log_view, name="access_log"),
]
