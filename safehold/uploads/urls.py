from django.urls import path

from safehold.uploads import views

app_name = "uploads"
urlpatterns = [
    path("<int:file_id>/", views.file_view, name="file"),
    path("<int:file_id>/delete/", views.file_delete_view, name="file_delete"),
]
