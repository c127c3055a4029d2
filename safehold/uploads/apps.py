from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "safehold.uploads"
    label = "uploads"
