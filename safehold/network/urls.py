from django.urls import path

from safehold.network import views, views_documents

app_name = "network"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("board/", views.board_view, name="board"),
    path("people/new/", views.person_add_view, name="person_add"),
    path("people/add/", views.person_create_view, name="person_create"),
    path("relationships/new/", views.relationship_add_view, name="relationship_add"),
    path("relationships/<int:relationship_id>/edit/", views.relationship_edit_view, name="relationship_edit"),
    path("relationships/<int:relationship_id>/delete/", views.relationship_delete_view, name="relationship_delete"),
    path("coordinator/", views.coordinator_set_view, name="coordinator_set"),
    path("circles/", views.circle_place_view, name="circle_place"),
    path("genogram.svg", views_documents.picture_svg_view, {"picture": "genogram"}, name="genogram_svg"),
    path("ecomap.svg", views_documents.picture_svg_view, {"picture": "ecomap"}, name="ecomap_svg"),
    path("circles.svg", views_documents.picture_svg_view, {"picture": "circles"}, name="circles_svg"),
    path("genogram.png", views_documents.picture_png_view, {"picture": "genogram"}, name="genogram_png"),
    path("ecomap.png", views_documents.picture_png_view, {"picture": "ecomap"}, name="ecomap_png"),
    path("circles.png", views_documents.picture_png_view, {"picture": "circles"}, name="circles_png"),
]
