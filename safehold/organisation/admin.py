"""The organisation in the Django admin, for platform operators: with its teams and its list of legal bases.
Here rather than in accounts because the legal bases are the cases' (accounts sits below cases)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from safehold.accounts.admin import AuditedAdmin
from safehold.accounts.models import Organisation, Team
from safehold.cases.models import LegalBasis
from safehold.organisation.services import legal_bases_seed


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "country", "require_mfa"]
    inlines = [TeamInline, LegalBasisInline]

    def save_related(self, request: HttpRequest, form: forms.ModelForm[Organisation], formsets: Any,
                     change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            legal_bases_seed(organisation=form.instance)  # as organisation_create does
