"""The story page, the API and the booklet read a story in the same number of queries whatever its length."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.testing.factories import png_bytes
from safehold.uploads.models import Purpose
from safehold.uploads.services import file_store
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_pdf


def _story_of(case, caseworker, story, panels: int):
    upload = io.BytesIO(png_bytes())
    upload.name = "p.png"
    picture = file_store(actor=caseworker, case=case, upload=upload, purpose=Purpose.STORY_PICTURE)
    for n in range(panels):
        panel = services.panel_create(actor=caseworker, case=case, story=story, section="other",
                                      text=f"Panel {n}", figures=["sun", "heart"])
        if n % 2:
            panel.picture = picture
            panel.save(update_fields=["picture"])
    return story


def _count(call, *args) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = call(*args)
    if hasattr(result, "status_code"):  # a fast refusal would count fewer queries and prove nothing
        assert result.status_code == 200, result.content[:300]
    return len(queries)


@pytest.mark.parametrize("what", ["page", "api", "pdf"])
def test_3_and_30_panels_take_the_same_number_of_queries(case, caseworker, client_for, api_client_for, what):
    counts = []
    for panels in (3, 30):
        story = services.story_create(actor=caseworker, case=case)
        _story_of(case, caseworker, story, panels)
        if what == "page":
            counts.append(_count(client_for(caseworker).get, f"/cases/{case.pk}/words-pictures/{story.pk}/"))
        elif what == "api":
            counts.append(_count(api_client_for(caseworker).get,
                                 f"/api/v1/cases/{case.pk}/words-pictures/{story.pk}"))
        else:
            counts.append(_count(story_pdf, case, story))
        story.delete()  # the next draft starts from nothing
    assert counts[0] == counts[1], counts
