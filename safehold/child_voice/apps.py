from django.apps import AppConfig


class ChildVoiceConfig(AppConfig):
    name = "safehold.child_voice"
    label = "child_voice"
    verbose_name = "Child's voice"

