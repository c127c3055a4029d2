"""A story of six panels, as a family in Roskilde might write it with their consultant."""

from __future__ import annotations

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.words_pictures import services
from safehold.words_pictures.models import Story

SIX_PANELS = [
    ("who_is_worried", "Kommunen og jeres lærer blev bekymrede, fordi Freja kom i skole med blå mærker."),
    ("what_happened", "Far blev meget vred en aften og slog. Det var ikke Frejas skyld."),
    ("what_happened", "Far og mor er enige om, at det aldrig må ske igen."),
    ("keeping_safe", "Far bor hos farmor et stykke tid. Mor passer på Freja hver aften."),
    ("safety_network", "Farmor Inge, moster Lene og lærer Jens ved besked og hjælper."),
    ("other", "Hvis du bliver bange, kan du ringe til farmor Inge."),
]


def write_six_panels(actor: User, case: Case, story: Story) -> Story:
    """The six panels, each with a figure or two: a story that tells every part the method expects."""
    for section, text in SIX_PANELS:
        services.panel_create(actor=actor, case=case, story=story, section=section, text=text,
                              figures=["adult", "child"] if section == "what_happened" else ["house"])
    return story
