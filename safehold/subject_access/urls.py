from django.urls import path

from safehold.subject_access import views

app_name = "subject_access"

urlpatterns = [
    path("json/", views.export_view, {"fmt": "json"}, name="export_json"),
    path("pdf/", views.export_view, {"fmt": "pdf"}, name="export_pdf"),
]
