import pytest

from safehold.cases.access import Perm, legacy_access_case


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def loaded_case(case, caseworker):
    """The case as a view hands it to a service: through the access policy."""
    return legacy_access_case(caseworker, case.pk, Perm.CHANGE)
