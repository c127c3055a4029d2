from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "safehold.organisation"
    label = "organisation"
