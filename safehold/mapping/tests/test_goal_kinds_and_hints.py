"""A new goal is of the kind its speaker would mean (a parent's, the child's or the network's is a family goal, a
worker's or another professional's a safety goal), in the service, the entry form and so the API; and each
part's form shows that part's own hint."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from safehold.mapping import services
from safehold.mapping.models import PART_HINTS, Entry, GoalKind, Part
from safehold.testing.factories import PersonFactory, voice_key

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def map_(case, caseworker):
    return services.map_create(actor=caseworker, case=case)


def url(name, case, map_, **kwargs):
    return reverse(f"mapping:{name}", kwargs={"case_id": case.pk, "map_id": map_.pk, **kwargs})


def _goal(case, caseworker, map_, who, **extra) -> Entry:
    return services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(who), part=Part.GOALS,
                                 text="Wir essen zusammen", **extra)


@pytest.mark.parametrize("role", ["parent", "caregiver", "child", "network"])
def test_a_goal_in_the_familys_words_is_a_family_goal(case, caseworker, map_, role):
    speaker = PersonFactory(case=case, role=role)
    assert _goal(case, caseworker, map_, speaker).goal_kind == GoalKind.FAMILY


def test_a_goal_in_a_workers_or_another_professionals_words_is_a_safety_goal(case, caseworker, map_):
    assert _goal(case, caseworker, map_, caseworker).goal_kind == GoalKind.SAFETY
    school = PersonFactory(case=case, role="professional")
    assert _goal(case, caseworker, map_, school).goal_kind == GoalKind.SAFETY


def test_a_kind_that_is_said_is_kept_whoever_speaks(case, caseworker, parent, map_):
    assert _goal(case, caseworker, map_, parent, goal_kind="safety").goal_kind == GoalKind.SAFETY
    assert _goal(case, caseworker, map_, caseworker, goal_kind="family").goal_kind == GoalKind.FAMILY


def test_a_parents_entry_moved_into_the_goals_becomes_a_family_goal(case, caseworker, parent, map_):
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                  part=Part.GREY_AREAS, text="Wir wollen, dass Oma öfter kommt")
    services.entry_update(actor=caseworker, case=case, entry=entry, expected_version=entry.version,
                          part=Part.GOALS)
    entry.refresh_from_db()
    assert entry.goal_kind == GoalKind.FAMILY


def test_changing_whose_words_a_goal_is_keeps_its_kind(case, caseworker, parent, map_):
    goal = _goal(case, caseworker, map_, caseworker)
    services.entry_update(actor=caseworker, case=case, entry=goal, expected_version=goal.version,
                          voice=voice_key(parent))
    goal.refresh_from_db()
    assert goal.goal_kind == GoalKind.SAFETY  # chosen once; a new speaker does not silently change it


# --- the entry form -------------------------------------------------------------------------------------

def _checked(page: str, name: str = "goal_kind") -> list[str]:
    return [m.group(1) for m in re.finditer(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"[^>]*checked', page)]


def test_the_new_goal_form_presets_no_kind_but_the_speakers(client_for, caseworker, case, map_):
    page = client_for(caseworker).get(url("entry_create", case, map_) + "?part=goals", **HTMX).content.decode()
    assert _checked(page) == [""]  # "as the speaker means it": nothing that a parent's goal would inherit
    assert 'value="safety"' in page and 'value="family"' in page


@pytest.mark.parametrize(("who", "kind"), [("parent", "family"), ("caseworker", "safety")])
def test_a_goal_saved_without_script_and_without_a_kind_takes_the_speakers(client_for, caseworker, parent, case,
                                                                         map_, who, kind):
    speaker = {"parent": parent, "caseworker": caseworker}[who]
    response = client_for(caseworker).post(url("entry_create", case, map_), {
        "part": "goals", "text": "Freja isst mit uns", "voice": voice_key(speaker), "goal_kind": ""})
    assert response.status_code == 302
    assert Entry.objects.get(map=map_, part=Part.GOALS).goal_kind == kind


def test_the_edit_form_of_a_goal_offers_the_two_kinds_with_its_own_chosen(client_for, caseworker, parent, case,
                                                                         map_):
    goal = _goal(case, caseworker, map_, parent)
    page = client_for(caseworker).get(url("entry_edit", case, map_, entry_id=goal.pk), **HTMX).content.decode()
    assert _checked(page) == ["family"]
    assert 'name="goal_kind" value=""' not in page


# --- each part its own hint -----------------------------------------------------------------------------

@pytest.mark.parametrize("part", [p for p in Part if p != Part.FUTURE_DANGER])
def test_each_parts_form_shows_that_parts_hint(client_for, caseworker, case, map_, part):
    client = client_for(caseworker)
    client.cookies["safehold_language"] = "de"
    page = client.get(url("entry_create", case, map_) + f"?part={part}", **HTMX).content.decode()
    with translation.override("de"):
        own = str(PART_HINTS[part])
        others = [str(hint) for p, hint in PART_HINTS.items() if p != part]
        generic = translation.gettext("Short and concrete: what was done or seen, by whom, when.")
    text = " ".join(page.replace("&#x27;", "'").split())
    assert own in text
    assert not [hint for hint in [*others, generic] if hint in text]


def test_the_map_shows_each_part_with_its_own_hint(client_for, caseworker, case, map_):
    page = " ".join(client_for(caseworker).get(url("map_detail", case, map_)).content.decode().split())
    for part in Part:
        section = re.search(rf'<section class="sh-part sh-part--{part.value}".*?</section>', page, re.S)
        assert section and f'<p class="sh-part__hint">{PART_HINTS[part]}</p>' in section.group(0), part


def test_the_edit_form_of_a_goal_points_to_no_hint_it_does_not_show(client_for, caseworker, parent, case, map_):
    goal = _goal(case, caseworker, map_, parent)
    page = client_for(caseworker).get(url("entry_edit", case, map_, entry_id=goal.pk), **HTMX).content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', page):
        for ident in described.split():
            assert f'id="{ident}"' in page, ident
