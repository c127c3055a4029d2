"""Panels beside the map: declared by the tools above the map, listed in SAFEHOLD_MAP_PANELS, rendered in that
order. The child's voice shows there what each child said in their latest conversation (the worker's view)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from safehold.child_voice.beside_map import child_says
from safehold.child_voice.models import Conversation, Statement
from safehold.mapping import services
from safehold.mapping.panels import MapPanel, map_panels
from safehold.testing.factories import PersonFactory

CHILD_PANEL = "safehold.child_voice.beside_map.PANEL"
OTHER_PANEL = "safehold.mapping.tests.test_map_panels.OTHER"
OTHER = MapPanel(key="other", template="mapping/partials/_undo.html", context=lambda case: {})


def _said(conversation: Conversation, *said: tuple[str, str, str]) -> None:
    Statement.objects.bulk_create([Statement(conversation=conversation, area=area, text=text, visibility=visibility,
                                             position=n) for n, (area, text, visibility) in enumerate(said)])


@pytest.fixture
def map_url(case, caseworker):
    map_ = services.map_create(actor=caseworker, case=case)
    return reverse("mapping:map_detail", kwargs={"case_id": case.pk, "map_id": map_.pk})


def test_the_panels_are_those_the_settings_list_in_their_order(settings):
    settings.SAFEHOLD_MAP_PANELS = [OTHER_PANEL, CHILD_PANEL]
    assert [panel.key for panel in map_panels()] == ["other", "child_says"]
    settings.SAFEHOLD_MAP_PANELS = []
    assert map_panels() == []


def test_a_panel_listed_twice_is_a_mistake(settings):
    settings.SAFEHOLD_MAP_PANELS = [CHILD_PANEL, CHILD_PANEL]
    with pytest.raises(ImproperlyConfigured):
        map_panels()


def test_the_map_shows_each_child_s_latest_words_beside_the_columns(case, child, caseworker, client_for, map_url):
    brother = PersonFactory(case=case, role="child", first_name="Anton")
    earlier = Conversation.objects.create(case=case, child=child, held_on=date(2026, 1, 5))
    latest = Conversation.objects.create(case=case, child=child, held_on=date(2026, 3, 1))
    his = Conversation.objects.create(case=case, child=brother, held_on=date(2026, 2, 1))
    _said(earlier, ("worries", "What I said long ago", "worker"))
    _said(latest, ("worries", "When dad shouts at night", "worker"), ("good", "Football with grandma", "parents"),
          ("dreams", "A dog", "network"))
    _said(his, ("worries", "The dark", "worker"))

    page = client_for(caseworker).get(map_url).content.decode()

    assert "What the child says" in page
    assert "What I said long ago" not in page
    said = {column.column: [s.text for s in column.statements] for column in child_says(case)["said"]}
    assert said == {"worries": ["The dark", "When dad shouts at night"], "working": ["Football with grandma"],
                    "needs": ["A dog"]}  # children by name; the worker sees what only the worker may see
    statement = latest.statements.get(text="When dad shouts at night")
    link = reverse("child_voice:conversation", kwargs={"case_id": case.pk, "conversation_id": latest.pk})
    assert f"{link}#statement-{statement.pk}" in page


def test_nothing_is_shown_before_a_child_has_said_anything(case, child, caseworker, client_for, map_url):
    Conversation.objects.create(case=case, child=child, held_on=date(2026, 3, 1))

    page = client_for(caseworker).get(map_url).content.decode()

    assert child_says(case) == {"said": []}
    assert "What the child says" not in page


def test_without_panels_the_map_shows_none(settings, case, child, caseworker, client_for, map_url):
    _said(Conversation.objects.create(case=case, child=child, held_on=date(2026, 3, 1)),
          ("worries", "When dad shouts at night", "worker"))
    settings.SAFEHOLD_MAP_PANELS = []

    page = client_for(caseworker).get(map_url).content.decode()

    assert "When dad shouts at night" not in page
