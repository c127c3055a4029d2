"""/resources/…: the directory of offers, its districts and sharing (views.py), the CSV import and export
(urls_import.py), the cooperation agreements (urls_agreements.py), the needs no offer meets (urls_needs.py)."""

from django.urls import include, path

app_name = "resources"
urlpatterns: list = [
    path("import/", include("safehold.resources.urls_import")),
    path("agreements/", include("safehold.resources.urls_agreements")),
    path("needs/", include("safehold.resources.urls_needs")),
]
