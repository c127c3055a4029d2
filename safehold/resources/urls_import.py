"""/resources/import/: the directory's CSV import (check, then import) and its export."""

from django.urls import path

from safehold.resources import views_import

urlpatterns = [
    path("", views_import.import_view, name="offers_import"),
    path("export.csv", views_import.export_view, name="offers_export"),
]
