"""The project's URLs plus an upload page, standing in for the tools that embed UploadForm."""

from django.http import HttpResponse, JsonResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view
from safehold.cases.models import Case
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.uploads.forms import UploadForm
from safehold.uploads.services import file_store


@case_view(Perm.CHANGE, methods=("POST",))
def upload_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    sent = submit(form, lambda data: file_store(actor=request.user, case=case, upload=data["file"],
                                                purpose="drawing"))
    if sent.saved and sent.result is not None:
        return JsonResponse({"id": sent.result.pk})
    return JsonResponse({"errors": form.errors}, status=400)


urlpatterns = [*project_urlpatterns, path("test-upload/<int:case_id>/", upload_view)]
