from django.apps import AppConfig


class ChildVoiceConfig(AppConfig):
    name = "safehold.child_voice"
    label = "child_voice"
    verbose_name = "Child's voice"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from safehold.child_voice.sections import child_voice_section_context
        from safehold.core.registry import CaseSection, register_case_section

        register_case_section(CaseSection(
            key="child_voice", title=_("The child's voice"), template="child_voice/partials/_case_section.html",
            order=25, context=child_voice_section_context,
        ))
