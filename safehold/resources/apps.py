from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "safehold.resources"
    label = "resources"
    verbose_name = "Resources"
