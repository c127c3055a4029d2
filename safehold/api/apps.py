from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "safehold.api"
    label = "api"
