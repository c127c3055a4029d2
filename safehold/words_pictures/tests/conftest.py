import pytest

from safehold.cases.access import Perm, legacy_access_case
from safehold.testing.factories import PersonFactory
from safehold.words_pictures import services

# A story of six panels, as a family in Roskilde might write it with their consultant.
SIX_PANELS = [
    ("who_is_worried", "Kommunen og jeres lærer blev bekymrede, fordi Freja kom i skole med blå mærker."),
    ("what_happened", "Far blev meget vred en aften og slog. Det var ikke Frejas skyld."),
    ("what_happened", "Far og mor er enige om, at det aldrig må ske igen."),
    ("keeping_safe", "Far bor hos farmor et stykke tid. Mor passer på Freja hver aften."),
    ("safety_network", "Farmor Inge, moster Lene og lærer Jens ved besked og hjælper."),
    ("other", "Hvis du bliver bange, kan du ringe til farmor Inge."),
]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def loaded(case, caseworker):
    """The case as a view hands it to a service: through the access policy."""
    return legacy_access_case(caseworker, case.pk, Perm.CHANGE)


@pytest.fixture
def father(case):
    return PersonFactory(case=case, role="parent", first_name="Mads", last_name="Sørensen", relationship="far")


@pytest.fixture
def story(loaded, caseworker):
    return services.story_create(actor=caseworker, case=loaded)


@pytest.fixture
def six_panel_story(loaded, caseworker, story):
    for section, text in SIX_PANELS:
        services.panel_create(actor=caseworker, case=loaded, story=story, section=section, text=text,
                              figures=["adult", "child"] if section == "what_happened" else ["house"])
    return story
