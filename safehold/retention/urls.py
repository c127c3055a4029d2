from django.urls import path

from safehold.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.rules_view, name="rules"),
]
