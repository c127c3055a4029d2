"""The project's URLs plus an upload page, standing in for the tools that will embed UploadForm."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from safehold.cases.access import Perm, legacy_access_case
from safehold.uploads.forms import UploadForm
from safehold.uploads.services import file_store


@login_required
def upload_view(request, case_id):
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = file_store(actor=request.user, case=case, upload=form.cleaned_data["file"], purpose="drawing")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return JsonResponse({"id": stored.pk})
    return JsonResponse({"errors": form.errors}, status=400)


urlpatterns = [*project_urlpatterns, path("test-upload/<int:case_id>/", upload_view)]
