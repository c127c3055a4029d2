"""/reports/…: the index, and one page per report (`reports:<slug with _>`), its CSV at `?format=csv`."""

from django.urls import path

from safehold.reports import views
from safehold.reports.registry import REPORTS

app_name = "reports"
urlpatterns = [
    path("", views.index_view, name="index"),
    *(path(f"{report.SLUG}/", views.report_view, {"slug": report.SLUG}, name=report.SLUG.replace("-", "_"))
      for report in REPORTS),
]
