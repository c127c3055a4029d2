from django.apps import AppConfig


class PerspectiveConfig(AppConfig):
    name = "safehold.perspective"
    label = "perspective"
    verbose_name = "Perspektivklärung"
