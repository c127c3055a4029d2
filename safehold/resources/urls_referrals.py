"""A case's referrals to offers of the directory. Mounted at /cases/<case_id>/referrals/."""

from django.urls import path

from safehold.resources import views_referrals as views

app_name = "referrals"
urlpatterns = [
    path("", views.referrals_view, name="list"),
    path("new/", views.referral_create_view, name="create"),
    path("<int:referral_id>/", views.referral_detail_view, name="detail"),
    path("<int:referral_id>/edit/", views.referral_edit_view, name="edit"),
    path("<int:referral_id>/step/", views.referral_move_view, name="move"),
    path("<int:referral_id>/consent/", views.referral_consent_view, name="consent"),
    path("<int:referral_id>/offer/", views.referral_offer_view, name="offer"),
    path("<int:referral_id>/delete/", views.referral_delete_view, name="delete"),
]
