from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "safehold.screening"
    label = "screening"
    verbose_name = "Screening"
