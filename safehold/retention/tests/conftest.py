import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder, so that files removed from disk can be checked."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
