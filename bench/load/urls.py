"""The project's URLs with the two reference views in front (bench/load/settings.py points here)."""

from django.urls import path

from bench.load.views import one_query, one_query_logged_in
from config.urls import handler404
from config.urls import urlpatterns as project_urls

urlpatterns = [
    path("bench/l2", one_query),
    path("bench/l2-login", one_query_logged_in),
    *project_urls,
]

__all__ = ["handler404", "urlpatterns"]
