from django.apps import AppConfig


class WordsPicturesConfig(AppConfig):
    name = "safehold.words_pictures"
    label = "words_pictures"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from safehold.core.registry import CaseSection, register_case_section
        from safehold.words_pictures.sections import story_section_context

        register_case_section(CaseSection(
            key="words_pictures", title=_("Words & Pictures"),
            template="words_pictures/partials/_case_section.html", order=40, context=story_section_context,
        ))
