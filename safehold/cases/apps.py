from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safehold.cases"
    label = "cases"

    def ready(self) -> None:
        from safehold.cases.attention import stale_referrals
        from safehold.core.registry import register_attention

        register_attention(stale_referrals)
