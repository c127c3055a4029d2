"""The forms on the map page, where several are open at once and each is swapped in and out by htmx."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from safehold.mapping import services
from safehold.mapping.models import Part

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def map_(case, caseworker, parent):
    map_ = services.map_create(actor=caseworker, case=case)
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{parent.pk}",
                          part=Part.STRENGTHS, text="Mum walks Freja to school every morning")
    return map_


def url(name, case, map_, **kwargs):
    return reverse(f"mapping:{name}", kwargs={"case_id": case.pk, "map_id": map_.pk, **kwargs})


def _ids(page: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', page)


def test_the_forms_of_the_map_page_give_their_fields_ids_of_their_own(client_for, caseworker, case, map_):
    client = client_for(caseworker)
    entry = map_.entries.get()
    board = client.get(url("map_detail", case, map_)).content.decode()
    opened = [client.get(url("entry_create", case, map_) + f"?part={part}", **HTMX).content.decode()
              for part in ("past_harm", "strengths")]
    opened.append(client.get(url("danger_create", case, map_), **HTMX).content.decode())
    opened.append(client.get(url("stance_create", case, map_, entry_id=entry.pk), **HTMX).content.decode())
    editing = client.get(url("entry_edit", case, map_, entry_id=entry.pk), **HTMX).content.decode()
    assert _ids(editing)[0] == f"entry-{entry.pk}"  # the edit form takes the entry's place, and its id
    ids = [i for page in (board, *opened) for i in _ids(page)] + _ids(editing)[1:]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert 'for="new-past_harm-text"' in opened[0] and 'for="scale-voice"' in board


def test_a_form_opened_in_place_takes_the_focus_until_it_comes_back_with_errors(client_for, caseworker, case, map_):
    client = client_for(caseworker)
    opened = client.get(url("entry_create", case, map_) + "?part=past_harm", **HTMX).content.decode()
    assert re.search(r'<textarea[^>]*autofocus[^>]*id="new-past_harm-text"', opened)
    refused = client.post(url("entry_create", case, map_), {"part": "past_harm", "text": "",
                                                            "voice": f"user:{caseworker.pk}"}, **HTMX)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "autofocus" not in page  # safehold.js focuses the field in error instead
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*id="new-past_harm-text"', page)
    assert "Write the statement: an entry cannot be empty." in page


def test_the_statement_and_the_parts_of_a_danger_statement_are_not_called_optional(client_for, caseworker, case,
                                                                                   map_):
    client = client_for(caseworker)
    entry_form = client.get(url("entry_create", case, map_) + "?part=past_harm", **HTMX).content.decode()
    danger_form = client.get(url("danger_create", case, map_), **HTMX).content.decode()
    for page, field in ((entry_form, "new-past_harm-text"), (danger_form, "new-danger-worried"),
                        (danger_form, "new-danger-behaviour"), (danger_form, "new-danger-impact")):
        label = re.search(rf'<label class="kern-label" for="{field}">(.*?)</label>', page, re.S)
        assert label and "optional" not in label.group(1), field


def test_a_goal_names_the_behaviour_of_the_danger_statement_it_answers(client_for, caseworker, case, map_):
    danger = services.entry_create(
        actor=caseworker, case=case, map_=map_, voice=f"user:{caseworker.pk}", part=Part.FUTURE_DANGER,
        worried="The social worker, the school and the grandmother", behaviour="dad hits Freja when he drinks",
        impact="Freja could be badly hurt")
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"user:{caseworker.pk}", part=Part.GOALS,
                          text="Dad stays sober when he looks after Freja", answers=danger.pk)
    page = client_for(caseworker).get(url("map_detail", case, map_)).content.decode()
    assert re.search(r'class="sh-entry__meta">[^<]*: dad hits Freja when he drinks</p>', page)


def test_a_conflict_shows_the_version_typed_next_to_the_one_saved(client_for, caseworker, consultant, case, map_,
                                                                  parent):
    entry = map_.entries.get()
    form = {"part": "strengths", "voice": f"person:{parent.pk}", "version": entry.version}
    client_for(caseworker).post(url("entry_edit", case, map_, entry_id=entry.pk),
                                {**form, "text": "Mum walks Freja to school"}, **HTMX)
    second = client_for(consultant).post(url("entry_edit", case, map_, entry_id=entry.pk),
                                         {**form, "text": "Mum and grandma take turns"}, **HTMX)
    assert second.status_code == 409
    page = second.content.decode()
    conflict = page[page.index('class="sh-conflict"'):page.index('class="kern-form-input')]
    assert "Mum walks Freja to school" in conflict and "Mum and grandma take turns" in conflict
