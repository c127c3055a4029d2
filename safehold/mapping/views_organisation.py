"""The organisation admin's page for the scales' anchor sentences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from safehold.accounts.selectors import require_org_admin
from safehold.core.forms import KernFormMixin
from safehold.core.http import AuthedRequest
from safehold.mapping.anchors import anchors_for
from safehold.mapping.models import ScaleKind
from safehold.mapping.organisation import LANGUAGE_CODES, anchor_field, anchors_save


class AnchorsForm(KernFormMixin, forms.Form):
    def __init__(self, *args, languages: dict[str, str], **kwargs):
        # The fields depend on the scales and languages; set before Form.__init__ copies them (and the mixin
        # styles them).
        self.base_fields = {  # type: ignore[misc]
            anchor_field(kind.value, code, end): forms.CharField(
                label=f"{label} ({languages[code]})", max_length=300, required=False)
            for kind in ScaleKind for code in LANGUAGE_CODES
            for end, label in (("low", _("0 means")), ("high", _("10 means")))
        }
        super().__init__(*args, **kwargs)

    def groups(self):
        """The fields by scale, then language: what the template lays out."""
        return [(kind.label, [[self[anchor_field(kind.value, code, end)] for end in ("low", "high")]
                              for code in LANGUAGE_CODES]) for kind in ScaleKind]


@login_required
@require_http_methods(["GET", "POST"])
def anchors_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    languages = {code: str(name) for code, name in settings.LANGUAGES}
    initial = {}
    for code in LANGUAGE_CODES:
        for kind, anchors in anchors_for(organisation_id, code).items():
            initial[anchor_field(kind, code, "low")] = anchors.low
            initial[anchor_field(kind, code, "high")] = anchors.high
    form = AnchorsForm(request.POST or None, initial=initial, languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            anchors_save(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Scale wording saved."))
            return redirect("organisation_scales:anchors")
    return render(request, "mapping/organisation_anchors.html", {"form": form, "tab": "scales"},
                  status=400 if form.errors else 200)
