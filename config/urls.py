from django.contrib import admin
from django.urls import include, path

from safehold.api.urls import api
from safehold.core.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("safehold.cases.urls_start")),
    path("accounts/", include("safehold.accounts.urls")),
    path("organisation/retention/", include("safehold.retention.urls")),
    path("organisation/", include("safehold.organisation.urls")),
    path("cases/", include("safehold.cases.urls")),
    path("cases/<int:case_id>/maps/", include("safehold.mapping.urls")),
    path("cases/<int:case_id>/safety-plans/", include("safehold.safety_plans.urls")),
    path("cases/<int:case_id>/words-pictures/", include("safehold.words_pictures.urls")),
    path("cases/<int:case_id>/files/", include("safehold.uploads.urls")),
    path("cases/<int:case_id>/child/", include("safehold.child_voice.urls")),
    path("cases/<int:case_id>/network/", include("safehold.network.urls")),
    path("cases/<int:case_id>/meetings/", include("safehold.meetings.urls")),
    path("cases/<int:case_id>/meetings/<int:meeting_id>/help-plan/", include("safehold.perspective.urls_help_plan")),
    path("cases/<int:case_id>/perspective/", include("safehold.perspective.urls")),
    path("cases/<int:case_id>/screening/", include("safehold.screening.urls")),
    path("cases/<int:case_id>/referrals/", include("safehold.resources.urls_referrals")),
    path("cases/<int:case_id>/people/<int:person_id>/subject-access/", include("safehold.subject_access.urls")),
    path("resources/", include("safehold.resources.urls")),
    path("reports/", include("safehold.reports.urls")),
    path("audit/", include("safehold.audit.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "safehold.core.views.not_found"
