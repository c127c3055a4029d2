from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "safehold.safety_plans"
    label = "safety_plans"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from safehold.core.registry import CaseSection, register_attention, register_case_section
        from safehold.safety_plans.attention import plan_warnings
        from safehold.safety_plans.sections import plan_section_context

        register_attention(plan_warnings)
        register_case_section(CaseSection(
            key="safety_plan", title=_("24/7 safety plan"), template="safety_plans/partials/_case_section.html",
            order=30, context=plan_section_context,
        ))
