from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "safehold.mapping"
    label = "mapping"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from safehold.core.registry import CaseSection, register_case_section
        from safehold.mapping.sections import maps_section_context

        register_case_section(CaseSection(
            key="maps", title=_("Assessment and planning maps"), template="mapping/partials/_case_section.html",
            order=20, context=maps_section_context,
        ))
