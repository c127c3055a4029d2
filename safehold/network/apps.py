from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "safehold.network"
    label = "network"
    verbose_name = "Network and family"

