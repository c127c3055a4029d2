from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "safehold.safety_plans"
    label = "safety_plans"

