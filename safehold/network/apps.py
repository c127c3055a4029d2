from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "safehold.network"
    label = "network"
    verbose_name = "Network and family"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from safehold.core.registry import CaseSection, register_case_section
        from safehold.network.sections import network_section_context

        register_case_section(CaseSection(
            key="network", title=_("Network pictures and safety circles"),
            template="network/partials/_case_section.html",
            order=35, context=network_section_context,
        ))
