from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "safehold.mapping"
    label = "mapping"

