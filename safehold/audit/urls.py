from django.urls import path

from safehold.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail_view, name="trail"),
]
