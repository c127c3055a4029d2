"""/resources/…: the directory of offers, its districts and sharing (views.py), the CSV import and export
(urls_import.py, views_import.py), the cooperation agreements (urls_agreements.py, views_agreements.py)."""

from django.urls import include, path

app_name = "resources"
urlpatterns: list = [
    path("import/", include("safehold.resources.urls_import")),
    path("agreements/", include("safehold.resources.urls_agreements")),
]
