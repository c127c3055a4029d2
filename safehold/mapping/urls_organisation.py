from django.urls import path

from safehold.mapping.views_organisation import anchors_view

app_name = "organisation_scales"
urlpatterns = [path("", anchors_view, name="anchors")]
