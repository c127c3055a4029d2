from django.urls import path  # noqa: F401  (the tool's pages are added here)

app_name = "perspective"
urlpatterns: list = []
