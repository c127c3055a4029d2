from django.urls import path

from safehold.mapping import views

app_name = "mapping"
urlpatterns = [
    path("", views.maps_view, name="maps"),
    path("new/", views.map_create_view, name="map_create"),
    path("compare/", views.compare_view, name="compare"),
    path("<int:map_id>/", views.map_detail_view, name="map_detail"),
    path("<int:map_id>/edit/", views.map_edit_view, name="map_edit"),
    path("<int:map_id>/pdf/", views.map_pdf_view, name="map_pdf"),
    path("<int:map_id>/parts/<str:part>/", views.part_view, name="part"),
    path("<int:map_id>/entries/new/", views.entry_create_view, name="entry_create"),
    path("<int:map_id>/danger-statements/new/", views.danger_statement_create_view, name="danger_create"),
    path("<int:map_id>/entries/<int:entry_id>/", views.entry_view, name="entry"),
    path("<int:map_id>/entries/<int:entry_id>/edit/", views.entry_edit_view, name="entry_edit"),
    path("<int:map_id>/entries/<int:entry_id>/move/", views.entry_move_view, name="entry_move"),
    path("<int:map_id>/entries/<int:entry_id>/delete/", views.entry_delete_view, name="entry_delete"),
    path("<int:map_id>/entries/<int:entry_id>/restore/", views.entry_restore_view, name="entry_restore"),
    path("<int:map_id>/entries/<int:entry_id>/views/", views.stance_create_view, name="stance_create"),
    path("<int:map_id>/views/<int:stance_id>/delete/", views.stance_delete_view, name="stance_delete"),
    path("<int:map_id>/scales/", views.scale_set_view, name="scale_set"),
    path("<int:map_id>/scales/<int:scale_id>/delete/", views.scale_delete_view, name="scale_delete"),
]
