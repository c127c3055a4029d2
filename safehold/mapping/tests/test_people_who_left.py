"""Someone's words and presence stay on the record after they leave the case, and can still be worked with."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from safehold.cases import services as case_services
from safehold.cases.models import CaseAssignment
from safehold.mapping import services
from safehold.mapping.models import Part


def test_an_entry_in_the_words_of_someone_who_left_can_still_be_edited(case, caseworker, consultant):
    map_ = services.map_create(actor=caseworker, case=case)
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"user:{consultant.pk}",
                                  part=Part.STRENGTHS, text="Grandma comes every day")
    CaseAssignment.objects.filter(case=case, user=consultant).delete()
    services.entry_update(actor=caseworker, case=case, entry=entry, expected_version=entry.version,
                          text="Grandma comes every day after school")
    entry.refresh_from_db()
    assert entry.text == "Grandma comes every day after school" and entry.voice_key == f"user:{consultant.pk}"


def test_a_map_whose_meeting_had_someone_who_left_can_still_be_renamed(case, caseworker, parent):
    took_part = [f"person:{parent.pk}", f"user:{caseworker.pk}"]
    map_ = services.map_create(actor=caseworker, case=case, meeting_kind="network", participants=took_part)
    case_services.person_delete(actor=caseworker, case=case, person=parent)
    services.map_update(actor=caseworker, case=case, map_=map_, expected_version=map_.version,
                        drawn_on=map_.drawn_on, title="Network meeting", meeting_kind="network",
                        participants=took_part)
    map_.refresh_from_db()
    assert map_.title == "Network meeting"
    assert map_.meeting.participants.count() == 2


def test_a_case_someone_may_change_does_not_lend_their_rights_to_another(case, caseworker, auditor):
    with pytest.raises(PermissionDenied):
        services.map_create(actor=auditor, case=case)


def test_the_edit_form_keeps_the_words_of_someone_who_left(client_for, caseworker, consultant, case):
    map_ = services.map_create(actor=caseworker, case=case, meeting_kind="network",
                               participants=[f"user:{consultant.pk}"])
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"user:{consultant.pk}",
                                  part=Part.STRENGTHS, text="Grandma comes every day")
    CaseAssignment.objects.filter(case=case, user=consultant).delete()
    client = client_for(caseworker)
    edit = client.get(f"/cases/{case.pk}/maps/{map_.pk}/entries/{entry.pk}/edit/").content.decode()
    assert f'value="user:{consultant.pk}" selected' in edit
    header = client.get(f"/cases/{case.pk}/maps/{map_.pk}/edit/").content.decode()
    assert f'value="user:{consultant.pk}"' in header and "checked" in header
