"""/resources/…: the directory of offers, its districts and sharing (views.py), the CSV import and export
(urls_import.py), the cooperation agreements (urls_agreements.py), the needs no offer meets (urls_needs.py)."""

from django.urls import include, path

from safehold.resources import views

app_name = "resources"
urlpatterns: list = [
    path("import/", include("safehold.resources.urls_import")),
    path("agreements/", include("safehold.resources.urls_agreements")),
    path("needs/", include("safehold.resources.urls_needs")),
    path("", views.directory_view, name="directory"),
    path("offers/new/", views.offer_create_view, name="offer_create"),
    path("offers/<int:offer_id>/", views.offer_detail_view, name="offer"),
    path("offers/<int:offer_id>/edit/", views.offer_edit_view, name="offer_edit"),
    path("offers/<int:offer_id>/verify/", views.offer_verify_view, name="offer_verify"),
    path("offers/<int:offer_id>/active/", views.offer_active_view, name="offer_active"),
    path("districts/", views.districts_view, name="districts"),
    path("districts/<int:district_id>/delete/", views.district_delete_view, name="district_delete"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/editors/", views.settings_editors_view, name="settings_editors"),
    path("settings/shares/", views.share_offer_view, name="share_offer"),
    path("settings/shares/<int:share_id>/accept/", views.share_accept_view, name="share_accept"),
    path("settings/shares/<int:share_id>/end/", views.share_end_view, name="share_end"),
]
