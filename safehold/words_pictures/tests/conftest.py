import pytest

from safehold.testing.factories import PersonFactory
from safehold.words_pictures import services

from .samples import write_six_panels


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def father(case):
    return PersonFactory(case=case, role="parent", first_name="Mads", last_name="Sørensen", relationship="far")


@pytest.fixture
def story(case, caseworker):
    return services.story_create(actor=caseworker, case=case)


@pytest.fixture
def six_panel_story(case, caseworker, story):
    return write_six_panels(caseworker, case, story)
