"""The reports a team lead and a municipality need. Mounted at /reports/."""

from django.urls import path  # noqa: F401

app_name = "reports"
urlpatterns: list = []
