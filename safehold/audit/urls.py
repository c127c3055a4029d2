from django.urls import path

from safehold.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail_view, name="trail"),
    path("export.csv", views.trail_export_view, name="trail_export"),
    path("refused/", views.refused_view, name="refused"),
]
