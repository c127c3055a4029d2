from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "safehold.safety_plans"
    label = "safety_plans"

    def ready(self) -> None:
        from safehold.core.registry import register_attention
        from safehold.safety_plans.attention import plan_warnings

        register_attention(plan_warnings)
