"""Screening against the target group (seed 004). Mounted at /cases/<case_id>/screening/."""

from django.urls import path  # noqa: F401

app_name = "screening"
urlpatterns: list = []
