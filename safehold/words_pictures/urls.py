from django.urls import path

from safehold.words_pictures import views

app_name = "words_pictures"
urlpatterns = [
    path("", views.stories_view, name="stories"),
    path("new/", views.story_create_view, name="story_create"),
    path("<int:story_id>/", views.story_detail_view, name="story_detail"),
    path("<int:story_id>/edit/", views.story_edit_view, name="story_edit"),
    path("<int:story_id>/agree/", views.story_agree_view, name="story_agree"),
    path("<int:story_id>/read/", views.story_read_view, name="story_read"),
    path("<int:story_id>/pdf/", views.story_pdf_view, name="story_pdf"),
    path("<int:story_id>/panels/", views.panels_view, name="panels"),
    path("<int:story_id>/panels/new/", views.panel_create_view, name="panel_create"),
    path("<int:story_id>/panels/<int:panel_id>/edit/", views.panel_edit_view, name="panel_edit"),
    path("<int:story_id>/panels/<int:panel_id>/move/", views.panel_move_view, name="panel_move"),
    path("<int:story_id>/panels/<int:panel_id>/delete/", views.panel_delete_view, name="panel_delete"),
    path("<int:story_id>/panels/<int:panel_id>/picture/", views.panel_picture_view, name="panel_picture"),
    path("<int:story_id>/panels/<int:panel_id>/picture/remove/", views.panel_picture_remove_view,
         name="panel_picture_remove"),
]
