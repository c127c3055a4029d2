"""API v1: /api/v1/, described at /api/v1/openapi.json (to token holders and logged-in users: api/openapi.py)."""

from ninja import NinjaAPI

from safehold.api import errors
from safehold.api.auth import BearerToken
from safehold.api.openapi import schema_readers_only
from safehold.api.routers.cases import router as cases_router
from safehold.api.routers.child_voice import router as child_voice_router
from safehold.api.routers.maps import router as maps_router
from safehold.api.routers.meetings import router as meetings_router
from safehold.api.routers.network import router as network_router
from safehold.api.routers.perspective import router as perspective_router
from safehold.api.routers.safety_plans import router as safety_plans_router
from safehold.api.routers.tokens import router as tokens_router
from safehold.api.routers.words_pictures import router as words_pictures_router

api = NinjaAPI(
    title="Safehold API",
    version="1",
    description="Cases, people and the practice tools of Safehold. Every call is checked against the same "
                "access policy as the web interface and written to the audit trail.",
    auth=BearerToken(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
    docs_decorator=schema_readers_only,
)
errors.install(api)
api.add_router("/auth", tokens_router)
api.add_router("/cases", cases_router)
api.add_router("/cases", maps_router)  # /cases/{case_id}/maps… and /cases/{case_id}/scaling
api.add_router("/cases", safety_plans_router)  # /cases/{case_id}/safety-plans…
api.add_router("/cases", words_pictures_router)  # /cases/{case_id}/words-pictures…
api.add_router("/cases", child_voice_router)  # /cases/{case_id}/children/{person_id}/three-houses|safety-house…
api.add_router("/cases", meetings_router)  # /cases/{case_id}/meetings…
api.add_router("/cases", perspective_router)  # /cases/{case_id}/placements…, assignments…, contacts…
api.add_router("/cases", "safehold.api.routers.help_plans.router")  # /cases/{case_id}/meetings/{meeting_id}/help-plan…
api.add_router("/cases", "safehold.api.routers.screening.router")  # /cases/{case_id}/screenings…
api.add_router("/cases", "safehold.api.routers.referrals.router")  # /cases/{case_id}/referrals…
api.add_router("/offers", "safehold.api.routers.offers.router")  # /offers…, the directory of offers
api.add_router("/reports", "safehold.api.routers.reports.router")  # /reports/outcomes…, their CSV variants
api.add_router("/cases", network_router)  # /cases/{case_id}/relationships…, network…, genogram.svg, ecomap.svg
api.add_router("/cases", "safehold.api.routers.subject_access.router")  # …/people/{person_id}/subject-access…
api.add_router("/cases", "safehold.api.routers.files.router")  # /cases/{case_id}/files/{file_id}
