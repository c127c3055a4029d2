"""A change of a whole map in one go (what the API's PATCH sends): all of it or nothing, every refused item named,
and a conflict showing the record as committed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.changes import EntryChange, ScaleChange, StanceChange, map_change
from safehold.mapping.models import Entry, Part
from safehold.testing.factories import voice_key


@pytest.fixture
def map_(case, caseworker, parent):
    map_ = services.map_create(actor=caseworker, case=case, title="Erstes Treffen")
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent), part=Part.STRENGTHS,
                          text="Mama kocht")
    return map_


def test_every_item_is_applied_in_one_go(case, caseworker, parent, child, map_):
    cooks = map_.entries.get()

    map_change(actor=caseworker, case=case, map_=map_, version=1, header={"title": "Zweites Treffen"},
               entries=[EntryChange(fields={"text": "Mama kocht jeden Tag"}, id=cooks.pk, version=1,
                                    stances=[StanceChange(voice=voice_key(child), agrees=True)]),
                        EntryChange(fields={"part": Part.PAST_HARM, "text": "Papa hat geschlagen",
                                            "voice": voice_key(child)})],
               scales=[ScaleChange(voice=voice_key(parent), score=6)])

    map_.refresh_from_db()
    cooks.refresh_from_db()
    assert (map_.title, cooks.text, cooks.stances.get().voice_key) == ("Zweites Treffen", "Mama kocht jeden Tag",
                                                                       voice_key(child))
    assert map_.entries.filter(part=Part.PAST_HARM).exists()
    assert map_.scales.get().score == 6


def test_one_refused_item_keeps_everything_else_from_being_saved_and_each_is_named(case, caseworker, parent,
                                                                                   map_):
    cooks = map_.entries.get()
    since = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as error:
        map_change(actor=caseworker, case=case, map_=map_, header={"title": "Ohne Version"},
                   entries=[EntryChange(fields={"text": "Neu"}, id=cooks.pk, version=1),
                            EntryChange(fields={"part": Part.STRENGTHS, "voice": voice_key(parent)}),
                            EntryChange(fields={}, id=0, version=1)],
                   removed_entries=[0], removed_scales=[0],
                   scales=[ScaleChange(voice=voice_key(parent), score=11)])

    assert error.value.message_dict == {
        "version": ["Send the version of the map you read to change its date, title or meeting."],
        "removed_entries.0": ["There is no such entry on this map."],
        "entries.1.text": ["Write the statement: an entry cannot be empty."],
        "entries.2.id": ["There is no such entry on this map."],
        "removed_scales.0": ["There is no such scale on this map."],
        "scales.0.score": ["Choose a whole number from 0 to 10."],
    }
    cooks.refresh_from_db()
    assert (cooks.text, cooks.version) == ("Mama kocht", 1)
    assert AuditEvent.objects.count() == since


def test_a_conflict_undoes_everything_and_carries_the_record_as_committed(case, caseworker, parent, map_):
    cooks = map_.entries.get()
    services.entry_update(actor=caseworker, case=case, entry=Entry.objects.get(pk=cooks.pk), expected_version=1,
                          text="Mama kocht oft")

    with pytest.raises(ConflictError) as conflict:
        map_change(actor=caseworker, case=case, map_=map_,
                   entries=[EntryChange(fields={"text": "Erst geändert, dann zurückgenommen"}, id=cooks.pk,
                                        version=2),
                            EntryChange(fields={"text": "Veraltet"}, id=cooks.pk, version=2)])

    current = conflict.value.current
    assert isinstance(current, Entry)
    assert (current.text, current.version) == ("Mama kocht oft", 2)  # not the first item's, undone with it
