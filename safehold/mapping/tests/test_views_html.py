"""The map pages as a caseworker uses them: in place with htmx, and as plain pages without script."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.cases.voices import case_voices
from safehold.child_voice.models import Conversation, Statement
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Part, Scale

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def first_map(case, caseworker, child, parent):
    map_ = services.map_create(actor=caseworker, case=case, title="Erstes Treffen", meeting_kind="assessment",
                               participants=[f"person:{parent.pk}", f"user:{caseworker.pk}"])
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{parent.pk}",
                          part=Part.STRENGTHS, text="Mum walks Freja to school every morning")
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=f"person:{child.pk}", score=4,
                       reason="Dad still shouts")
    return map_


def url(name, case, map_=None, **kwargs):
    from django.urls import reverse

    params = {"case_id": case.pk, **({"map_id": map_.pk} if map_ else {}), **kwargs}
    return reverse(f"mapping:{name}", kwargs=params)


def test_a_new_map_starts_as_a_copy_of_the_latest(client_for, caseworker, case, first_map, child):
    response = client_for(caseworker).post(url("map_create", case), {
        "drawn_on": first_map.drawn_on.isoformat(), "title": "Netzwerktreffen", "meeting_kind": "network",
        "participants": [f"person:{child.pk}"], "copy_latest": "on",
    })
    second = Map.objects.exclude(pk=first_map.pk).get(case=case)
    assert response.status_code == 302 and response["Location"] == url("map_detail", case, second)
    assert list(second.entries.values_list("text", flat=True)) == ["Mum walks Freja to school every morning"]
    assert second.scales.get().score == 4
    assert list(second.meeting.participants.values_list("voice_name", flat=True)) == ["Freja Sørensen"]


def test_a_map_in_the_future_is_refused_next_to_the_field(client_for, caseworker, case):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(caseworker).post(url("map_create", case), {"drawn_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "A map cannot be dated in the future." in response.content.decode()
    assert not Map.objects.filter(case=case).exists()


@pytest.mark.parametrize("drawn_on", ["0001-01-01", "2999-01-01"])
def test_a_date_no_case_can_mean_is_refused_next_to_the_field(client_for, caseworker, case, drawn_on):
    response = client_for(caseworker).post(url("map_create", case), {"drawn_on": drawn_on})
    assert response.status_code == 400
    assert "Enter a date between 1900 and 2199." in response.content.decode()
    assert not Map.objects.filter(case=case).exists()


def test_the_map_page_shows_the_three_columns_and_the_entries(client_for, caseworker, case, first_map):
    response = client_for(caseworker).get(url("map_detail", case, first_map))
    page = response.content.decode()
    assert response.status_code == 200
    for heading in ("What are we worried about?", "What&#x27;s working well?", "What needs to happen?",
                    "Past harm", "Future danger", "Complicating factors", "Strengths", "Existing safety",
                    "Safety goals", "Next steps", "Grey areas"):
        assert heading in page, heading
    assert "Mum walks Freja to school every morning" in page
    assert AuditEvent.objects.filter(actor=caseworker, case=case, action="view", object_type="mapping.map").exists()


def test_adding_an_entry_in_place_answers_with_the_part(client_for, caseworker, case, first_map, parent):
    response = client_for(caseworker).post(url("entry_create", case, first_map), {
        "part": "past_harm", "text": "Freja had a bruise on her arm in March", "voice": f"person:{parent.pk}",
    }, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="part-past_harm"' in page and "Freja had a bruise on her arm in March" in page
    assert 'id="undo"' in page and 'hx-swap-oob="true"' in page


def test_an_empty_statement_is_refused_next_to_the_field_and_the_form_stays(client_for, caseworker, case,
                                                                           first_map, parent):
    response = client_for(caseworker).post(url("entry_create", case, first_map), {
        "part": "past_harm", "text": "   ", "voice": f"person:{parent.pk}",
    }, **HTMX)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-past_harm"
    assert "Write the statement: an entry cannot be empty." in response.content.decode()
    assert first_map.entries.count() == 1


def test_an_entry_without_a_voice_is_refused(client_for, caseworker, case, first_map):
    response = client_for(caseworker).post(url("entry_create", case, first_map),
                                           {"part": "strengths", "text": "Grandma helps"})
    assert response.status_code == 400
    assert first_map.entries.count() == 1


def test_a_danger_statement_is_written_from_its_three_parts(client_for, caseworker, case, first_map):
    case.language = "en"  # the sentence is written in the case's language
    case.save(update_fields=["language"])
    response = client_for(caseworker).post(url("danger_create", case, first_map), {
        "worried": "The social worker and the school", "worried_number": "several",
        "behaviour": "dad drinks in the evening and hits Freja", "impact": "Freja will be badly hurt",
        "voice": f"user:{caseworker.pk}",
    }, **HTMX)
    assert response.status_code == 200
    entry = first_map.entries.get(part=Part.FUTURE_DANGER)
    assert entry.is_danger_statement
    assert entry.text == ("The social worker and the school are worried that dad drinks in the evening and hits "
                          "Freja. If nothing changes, there is a danger that Freja will be badly hurt.")


def test_the_danger_statement_form_asks_whether_one_or_several_are_worried(client_for, caseworker, case,
                                                                           first_map):
    client = client_for(caseworker)
    page = client.get(url("danger_create", case, first_map), **HTMX).content.decode()
    assert re.search(r'<input[^>]*name="worried_number"[^>]*value="one"[^>]*checked', page)
    danger = services.entry_create(actor=caseworker, case=case, map_=first_map, voice=f"user:{caseworker.pk}",
                                   part=Part.FUTURE_DANGER, worried="The school and grandmother",
                                   worried_number="several", behaviour="dad hits Freja", impact="Freja is hurt")
    page = client.get(url("entry_edit", case, first_map, entry_id=danger.pk), **HTMX).content.decode()
    assert re.search(r'<input[^>]*name="worried_number"[^>]*value="several"[^>]*checked', page)


def test_a_danger_statement_needs_all_three_parts(client_for, caseworker, case, first_map):
    response = client_for(caseworker).post(url("danger_create", case, first_map), {
        "worried": "The school", "voice": f"user:{caseworker.pk}"}, **HTMX)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Describe the behaviour the worry is about." in page and "Say what it could mean for the child." in page


def test_the_second_save_of_a_changed_entry_is_refused_showing_both_versions(client_for, caseworker, consultant,
                                                                             case, first_map, parent):
    entry = first_map.entries.get()
    form = {"part": "strengths", "voice": f"person:{parent.pk}", "version": entry.version}
    first = client_for(caseworker).post(url("entry_edit", case, first_map, entry_id=entry.pk),
                                        {**form, "text": "Mum walks Freja to school"}, **HTMX)
    assert first.status_code == 200
    second = client_for(consultant).post(url("entry_edit", case, first_map, entry_id=entry.pk),
                                         {**form, "text": "Mum and grandma take turns"}, **HTMX)
    assert second.status_code == 409
    page = second.content.decode()
    assert "Mum walks Freja to school" in page and "Mum and grandma take turns" in page
    assert second["HX-Retarget"] == f"#entry-{entry.pk}"
    entry.refresh_from_db()
    assert entry.text == "Mum walks Freja to school"


def test_moving_an_entry_to_another_part_updates_both_parts(client_for, caseworker, case, first_map, parent):
    entry = first_map.entries.get()
    response = client_for(caseworker).post(url("entry_edit", case, first_map, entry_id=entry.pk), {
        "part": "existing_safety", "text": entry.text, "voice": f"person:{parent.pk}", "version": entry.version,
    }, **HTMX)
    page = response.content.decode()
    assert 'id="part-strengths"' in page
    moved_to = page[page.index('id="part-existing_safety"'):]
    assert moved_to[:moved_to.index(">")].endswith('hx-swap-oob="true"')  # the second part is swapped too
    assert entry.text in moved_to
    entry.refresh_from_db()
    assert entry.part == Part.EXISTING_SAFETY


def test_entries_can_be_reordered(client_for, caseworker, case, first_map, parent):
    second = services.entry_create(actor=caseworker, case=case, map_=first_map, voice=f"person:{parent.pk}",
                                   part=Part.STRENGTHS, text="Grandma visits every weekend")
    client_for(caseworker).post(url("entry_move", case, first_map, entry_id=second.pk), {"direction": "up"}, **HTMX)
    assert list(first_map.entries.filter(part=Part.STRENGTHS).order_by("position").values_list(
        "text", flat=True)) == ["Grandma visits every weekend", "Mum walks Freja to school every morning"]


def test_a_deleted_entry_can_be_restored_in_the_same_session_only(client_for, caseworker, consultant, case,
                                                                  first_map):
    entry = first_map.entries.get()
    client = client_for(caseworker)
    response = client.post(url("entry_delete", case, first_map, entry_id=entry.pk), **HTMX)
    assert "Restore" in response.content.decode()
    assert not first_map.entries.live().exists()
    assert AuditEvent.objects.filter(case=case, action="delete", object_type="mapping.entry").exists()
    other = client_for(consultant).post(url("entry_restore", case, first_map, entry_id=entry.pk), **HTMX)
    assert other.status_code == 404
    restored = client.post(url("entry_restore", case, first_map, entry_id=entry.pk), **HTMX)
    assert restored.status_code == 200
    assert first_map.entries.live().get() == entry


def test_a_disputed_worry_is_marked_contested_with_their_words(client_for, caseworker, case, first_map,
                                                               parent):
    worry = services.entry_create(actor=caseworker, case=case, map_=first_map, voice=f"user:{caseworker.pk}",
                                  part=Part.PAST_HARM, text="Freja was left alone overnight")
    response = client_for(caseworker).post(url("stance_create", case, first_map, entry_id=worry.pk), {
        "voice": f"person:{parent.pk}", "agrees": "no", "words": "I was at the neighbour's, she knew",
    }, **HTMX)
    page = response.content.decode()
    assert "Contested" in page and "I was at the neighbour&#x27;s, she knew" in page


@pytest.mark.parametrize("score", ["11", "-1", "ten", ""])
def test_a_score_outside_0_to_10_is_refused_with_a_message(client_for, caseworker, case, first_map, child, score):
    response = client_for(caseworker).post(url("scale_set", case, first_map), {
        "kind": "safety", "voice": f"person:{child.pk}", "score": score}, **HTMX)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a whole number from 0 to 10." in page
    assert Scale.objects.get(map=first_map).score == 4


def test_a_score_without_a_voice_is_refused(client_for, caseworker, case, first_map):
    response = client_for(caseworker).post(url("scale_set", case, first_map), {"kind": "safety", "score": "5"},
                                           **HTMX)
    assert response.status_code == 400
    assert Scale.objects.filter(map=first_map).count() == 1


def test_the_case_page_and_the_maps_page_chart_two_points_per_voice(client_for, caseworker, case,
                                                                    first_map, child):
    second = services.map_create(actor=caseworker, case=case, title="Review")
    services.scale_set(actor=caseworker, case=case, map_=second, voice=f"person:{child.pk}", score=6)
    for page_url in (f"/cases/{case.pk}/", url("maps", case)):
        page = client_for(caseworker).get(page_url).content.decode()
        chart = page[page.index("<svg viewBox"):page.index("</svg>", page.index("<svg viewBox"))]
        assert chart.count("<polyline") == 1
        assert chart.count("\u2068Freja Sørensen\u2069: 4") == 1 and chart.count("\u2068Freja Sørensen\u2069: 6") == 1


def test_the_comparison_lists_the_scale_that_moved_and_the_entry_that_changed(client_for, caseworker, case,
                                                                              first_map, child):
    second = services.map_create(actor=caseworker, case=case, title="Review")
    services.scale_set(actor=caseworker, case=case, map_=second, voice=f"person:{child.pk}", score=7)
    entry = second.entries.get()
    services.entry_update(actor=caseworker, case=case, entry=entry, expected_version=entry.version,
                          text="Mum and grandma walk Freja to school")
    page = client_for(caseworker).get(url("compare", case), {"before": first_map.pk, "after": second.pk})
    text = page.content.decode()
    assert "4 → 7" in text and "+3" in text
    assert "Mum and grandma walk Freja to school" in text and "<del>Mum walks Freja" in text


def test_the_pdf_is_a_real_pdf_with_the_entries(client_for, caseworker, case, first_map):
    response = client_for(caseworker).get(url("map_pdf", case, first_map))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    assert "Mum walks Freja to school every morning" in page.extract_text().replace("\n", " ")
    assert AuditEvent.objects.filter(case=case, action="export", object_type="mapping.map").exists()


def test_a_german_case_prints_in_german_whatever_the_reader_speaks(client_for, caseworker, case, first_map):
    case.language = "de"
    case.save(update_fields=["language"])
    response = client_for(caseworker).get(url("map_pdf", case, first_map))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).replace("\n", " ")
    assert "Worüber machen wir uns Sorgen?" in text and "What are we worried about?" not in text


def test_a_closed_case_shows_the_map_without_editing(client_for, caseworker, case, first_map):
    case.status = "closed"
    case.save(update_fields=["status"])
    page = client_for(caseworker).get(url("map_detail", case, first_map)).content.decode()
    assert "Mum walks Freja to school every morning" in page
    assert url("entry_create", case, first_map) not in page


def _fill(case, map_, parent, child, caseworker, entries: int) -> None:
    """`entries` more entries on the map, a fifth of them disputed by the child, and as many more conversations
    with the child, each with a statement in every area (the panel beside the map reads them)."""
    voice = next(v for v in case_voices(case) if v.person_id == parent.pk)
    rows = []
    for n in range(entries):
        entry = Entry(map=map_, part=Part.values[n % len(Part.values)], position=100 + n, text=f"Entry {n}")
        entry.set_voice(voice)
        rows.append(entry)
    Entry.objects.bulk_create(rows)
    for entry in Entry.objects.filter(map=map_, stances__isnull=True)[:entries // 5 + 1]:
        services.stance_set(actor=caseworker, case=case, entry=entry, voice=f"person:{child.pk}", agrees=False,
                            words="Not true")
    conversations = Conversation.objects.bulk_create([
        Conversation(case=case, child=child, held_on=timezone.localdate() - timedelta(days=n)) for n in range(entries)])
    Statement.objects.bulk_create([Statement(conversation=c, area=area, text=f"Said {c.pk} {area}")
                                   for c in conversations for area in ("worries", "good", "dreams")])


# Session, user, memberships, case, assignment, map with its meeting, entries, their views, scales, participants,
# voices (people, workers), anchors; beside the map the children's conversations, statements and drawings, and
# where a child who spoke lives (SAFEHOLD_CARE_HOMES); the audit row and the session's save (with its savepoint).
MAP_PAGE_QUERIES = 22  # with the read audit's chain head (audit/chain.py)


def test_the_map_page_runs_a_constant_number_of_queries(client_for, caseworker, case, first_map, parent, child):
    def queries_to_show_it() -> int:
        client = client_for(caseworker)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("map_detail", case, first_map))
        assert response.status_code == 200
        page = response.content.decode()
        assert page.count('class="sh-entry') >= first_map.entries.count()
        assert "What the child says" in page
        return len(queries)

    _fill(case, first_map, parent, child, caseworker, 5)
    few = queries_to_show_it()
    _fill(case, first_map, parent, child, caseworker, 200)

    assert queries_to_show_it() == few <= MAP_PAGE_QUERIES


def test_an_entry_of_two_million_characters_is_refused_next_to_the_field(client_for, caseworker, case, first_map,
                                                                         parent):
    response = client_for(caseworker).post(url("entry_create", case, first_map), {
        "part": "past_harm", "text": "x" * 2_000_001, "voice": f"person:{parent.pk}"})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'<p class="kern-error" id="new-past_harm-text_error"[^>]*>(.*?)</p>', page, re.S)
    assert error and "2000" in error.group(1)
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*id="new-past_harm-text"', page)
    assert first_map.entries.count() == 1


def test_a_view_on_an_entry_is_taken_back_in_place(client_for, caseworker, case, first_map, child):
    entry = first_map.entries.get()
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=f"person:{child.pk}",
                                 agrees=False, words="Not on Mondays")
    response = client_for(caseworker).post(url("stance_delete", case, first_map, stance_id=stance.pk), **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="part-strengths"' in page and "Not on Mondays" not in page
    assert not entry.stances.exists()


def test_a_view_of_another_map_cannot_be_taken_back_here(client_for, caseworker, case, first_map, child):
    other = services.map_create(actor=caseworker, case=case, copy_latest=False)
    entry = services.entry_create(actor=caseworker, case=case, map_=other, voice=f"person:{child.pk}",
                                  part=Part.STRENGTHS, text="Football on Fridays")
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=f"person:{child.pk}", agrees=True)
    response = client_for(caseworker).post(url("stance_delete", case, first_map, stance_id=stance.pk), **HTMX)
    assert response.status_code == 404
    assert entry.stances.exists()
