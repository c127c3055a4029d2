from django.urls import path  # noqa: F401  (the meetings' pages are added here)

app_name = "meetings"
urlpatterns: list = []
