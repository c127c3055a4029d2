from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "safehold.retention"
    label = "retention"
    verbose_name = "Retention"
