"""/resources/needs/: needs without an offer (views_needs.py)."""

from django.urls import path

from safehold.resources import views_needs

urlpatterns = [
    path("", views_needs.needs_view, name="needs"),
]
