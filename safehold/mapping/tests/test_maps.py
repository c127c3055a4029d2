"""Maps on a case: dated, tied to a meeting or not, and each new one a copy of the latest."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseAssignment
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Part, Scale, Stance
from safehold.mapping.selectors import case_maps, map_content
from safehold.meetings.models import Meeting
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory, voice_key


def _map(actor, case, **kwargs) -> Map:
    return services.map_create(actor=actor, case=case, **kwargs)


def _danger(actor, case, map_, who) -> Entry:
    return services.entry_create(actor=actor, case=case, map_=map_, voice=voice_key(who), part=Part.FUTURE_DANGER,
                                 worried="Das Jugendamt", behaviour="Papa trinkt und schlägt zu",
                                 impact="Freja wird verletzt")


def test_a_case_has_any_number_of_dated_maps(case, caseworker):
    first = _map(caseworker, case, drawn_on=case.opened_on, title="Erstes Mapping", copy_latest=False)
    second = _map(caseworker, case, title="Zweites")
    assert first.drawn_on == case.opened_on
    assert second.drawn_on == timezone.localdate()
    assert [m.pk for m in case_maps(case)] == [first.pk, second.pk]
    assert first.meeting is None


def test_starting_a_map_is_audited(case, caseworker):
    map_ = _map(caseworker, case)
    event = AuditEvent.objects.get(object_type="mapping.map")
    assert (event.action, event.case_id, event.object_id) == ("create", case.pk, str(map_.pk))
    assert "copied_from" not in event.changed_fields


@pytest.mark.parametrize("kind", ["assessment", "network", "safety_plan", "care_plan", "review"])
def test_a_map_can_be_drawn_in_a_meeting_with_who_took_part(kind, case, caseworker, parent, child):
    map_ = _map(caseworker, case, meeting_kind=kind,
                participants=[voice_key(parent), voice_key(child), voice_key(caseworker)])
    assert map_.meeting.kind == kind
    assert map_.meeting.held_on == map_.drawn_on
    assert sorted(p.voice_kind for p in map_content(map_).participants) == ["child", "parent", "worker"]


def test_someone_of_another_case_cannot_take_part(case, caseworker, organisation, stranger):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    for key in (voice_key(outsider), voice_key(stranger), "person:0"):
        with pytest.raises(ValidationError) as error:
            _map(caseworker, case, meeting_kind="network", participants=[key])
        assert set(error.value.message_dict) == {"participants"}
    assert not Map.objects.exists()
    assert not Meeting.objects.exists()


def test_participants_need_a_meeting(case, caseworker, parent):
    with pytest.raises(ValidationError) as error:
        _map(caseworker, case, participants=[voice_key(parent)])
    assert "meeting_kind" in error.value.message_dict


def test_an_unknown_kind_of_meeting_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _map(caseworker, case, meeting_kind="coffee")
    assert "meeting_kind" in error.value.message_dict


def test_a_map_cannot_be_dated_in_the_future_nor_years_before_the_case(case, caseworker):
    for drawn_on in (timezone.localdate() + timedelta(days=1), case.opened_on - timedelta(days=400)):
        with pytest.raises(ValidationError) as error:
            _map(caseworker, case, drawn_on=drawn_on)
        assert set(error.value.message_dict) == {"drawn_on"}


@pytest.mark.parametrize("drawn_on", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_date_no_case_can_mean_is_refused_with_a_message(case, caseworker, drawn_on):
    with pytest.raises(ValidationError) as error:
        _map(caseworker, case, drawn_on=drawn_on)
    assert error.value.message_dict == {"drawn_on": ["Enter a date between 1900 and 2199."]}
    map_ = _map(caseworker, case)
    with pytest.raises(ValidationError) as error:
        services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1, drawn_on=drawn_on)
    assert set(error.value.message_dict) == {"drawn_on"}


def test_a_case_opened_on_the_29th_of_february_can_have_maps(organisation, team, caseworker):
    leap = CaseFactory(organisation=organisation, team=team, opened_on=date(2024, 2, 29))
    AssignmentFactory(case=leap, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    map_ = _map(caseworker, leap, drawn_on=date(2024, 3, 1))
    assert map_.drawn_on == date(2024, 3, 1)


def test_an_over_long_title_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _map(caseworker, case, title="x" * 201)
    assert "title" in error.value.message_dict


# --- a new map starts as a copy of the latest ----------------------------------------------------------


@pytest.fixture
def drawn(case, caseworker, parent, child):
    """A map with a danger statement, a goal answering it, a contested strength, a deleted entry and scales."""
    map_ = _map(caseworker, case, drawn_on=timezone.localdate() - timedelta(days=14))
    danger = _danger(caseworker, case, map_, caseworker)
    goal = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker),
                                 part=Part.GOALS, text="Freja ist sicher, wenn Papa trinkt", answers=danger.pk)
    strength = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                     part=Part.STRENGTHS, text="Mama bringt Freja pünktlich zur Schule")
    services.stance_set(actor=caseworker, case=case, entry=strength, voice=voice_key(child), agrees=False,
                        words="Nicht immer")
    gone = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                 part=Part.GREY_AREAS, text="Wurde zurückgenommen")
    services.entry_delete(actor=caseworker, case=case, entry=gone)
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(parent), score=6)
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker), score=3,
                       kind="willingness", about=parent.pk, reason="Sagt ja, tut wenig")
    return {"map": map_, "danger": danger, "goal": goal, "strength": strength, "gone": gone}


def test_a_new_map_starts_as_a_copy_of_the_latest(case, caseworker, drawn, child):
    new = _map(caseworker, case)
    assert new.copied_from_id == drawn["map"].pk
    content = map_content(new)
    by_lineage = {e.lineage: e for e in content.entries}
    assert set(by_lineage) == {drawn[name].lineage for name in ("danger", "goal", "strength")}
    danger, goal, strength = (by_lineage[drawn[name].lineage] for name in ("danger", "goal", "strength"))
    assert {danger.pk, goal.pk, strength.pk}.isdisjoint({drawn[n].pk for n in ("danger", "goal", "strength")})
    assert danger.is_danger_statement
    assert (danger.worried, danger.behaviour, danger.impact) == (
        "Das Jugendamt", "Papa trinkt und schlägt zu", "Freja wird verletzt")
    assert goal.answers_id == danger.pk, "the copied goal answers the copied danger statement"
    assert strength.is_contested
    assert [(s.voice_key, s.agrees, s.words) for s in strength.stances.all()] == [
        (voice_key(child), False, "Nicht immer")]
    assert sorted((s.kind, s.score, s.about_name, s.reason) for s in content.scales) == [
        ("safety", 6, "", ""), ("willingness", 3, "Camilla Sørensen", "Sagt ja, tut wenig")]
    assert "copied_from" in AuditEvent.objects.get(object_type="mapping.map", object_id=str(new.pk)).changed_fields


def test_a_copy_is_independent_of_its_original(case, caseworker, drawn):
    new = _map(caseworker, case)
    copy = new.entries.get(lineage=drawn["strength"].lineage)
    services.entry_update(actor=caseworker, case=case, entry=copy, expected_version=copy.version,
                          text="Mama bringt Freja meistens zur Schule")
    drawn["strength"].refresh_from_db()
    assert drawn["strength"].text == "Mama bringt Freja pünktlich zur Schule"
    assert Stance.objects.filter(entry__map=drawn["map"]).count() == 1
    assert Scale.objects.filter(map=drawn["map"]).count() == 2


def test_deleted_entries_are_not_copied(case, caseworker, drawn):
    new = _map(caseworker, case)
    assert not Entry.objects.filter(map=new, lineage=drawn["gone"].lineage).exists()


def test_a_map_can_start_empty(case, caseworker, drawn):
    new = _map(caseworker, case, copy_latest=False)
    assert new.copied_from is None
    assert not new.entries.exists()
    assert not new.scales.exists()


def test_the_copy_is_of_the_latest_map_by_date(case, caseworker, drawn, parent):
    older = _map(caseworker, case, drawn_on=timezone.localdate() - timedelta(days=60), copy_latest=False)
    services.entry_create(actor=caseworker, case=case, map_=older, voice=voice_key(parent),
                          part=Part.PAST_HARM, text="Alt")
    assert _map(caseworker, case).copied_from_id == drawn["map"].pk


# --- changing a map ------------------------------------------------------------------------------------


def test_changing_a_map_returns_and_audits_what_changed(case, caseworker, parent):
    map_ = _map(caseworker, case, drawn_on=timezone.localdate() - timedelta(days=2))
    changed = services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1,
                                  drawn_on=timezone.localdate(), title="Netzwerktreffen",
                                  meeting_kind="network", participants=[voice_key(parent)])
    assert changed == ["drawn_on", "title", "meeting"]
    map_.refresh_from_db()
    assert (map_.version, map_.title, map_.meeting.kind) == (2, "Netzwerktreffen", "network")
    event = AuditEvent.objects.get(object_type="mapping.map", action="update")
    assert event.changed_fields == ["drawn_on", "meeting", "title"]


def test_changing_who_took_part_changes_the_meeting(case, caseworker, parent, child):
    map_ = _map(caseworker, case, meeting_kind="network", participants=[voice_key(parent)])
    changed = services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1,
                                  drawn_on=map_.drawn_on, meeting_kind="network",
                                  participants=[voice_key(child)])
    assert changed == ["meeting"]
    assert list(map_.meeting.participants.values_list("voice_key", flat=True)) == [voice_key(child)]


def test_untying_a_map_from_its_meeting_keeps_the_meeting(case, caseworker, parent):
    map_ = _map(caseworker, case, meeting_kind="review", participants=[voice_key(parent)])
    services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1, drawn_on=map_.drawn_on)
    map_.refresh_from_db()
    assert map_.meeting is None
    assert Meeting.objects.filter(case=case).count() == 1


def test_a_map_saved_unchanged_keeps_its_version(case, caseworker):
    map_ = _map(caseworker, case, title="Gleich")
    assert services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1,
                               drawn_on=map_.drawn_on, title="Gleich") == []
    map_.refresh_from_db()
    assert map_.version == 1


def test_a_map_change_based_on_an_old_version_is_refused_and_changes_nothing(case, caseworker, consultant):
    map_ = _map(caseworker, case, title="A")
    stale = Map.objects.get(pk=map_.pk)
    services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1, drawn_on=map_.drawn_on,
                        title="B")
    with pytest.raises(ConflictError) as conflict:
        services.map_update(actor=caseworker, case=case, map_=stale, expected_version=1,
                            drawn_on=stale.drawn_on, title="C", meeting_kind="network")
    assert conflict.value.current.title == "B"
    map_.refresh_from_db()
    assert (map_.title, map_.version, map_.meeting) == ("B", 2, None)
    assert not Meeting.objects.exists()


def test_a_change_is_refused_when_the_stored_map_moved_on(case, caseworker):
    """The version checked is the one in the database, not only the one the caller holds."""
    map_ = _map(caseworker, case, title="A")
    Map.objects.filter(pk=map_.pk).update(version=5)
    with pytest.raises(ConflictError):
        services.map_update(actor=caseworker, case=case, map_=map_, expected_version=1, drawn_on=map_.drawn_on,
                            title="B")
    map_.refresh_from_db()
    assert map_.title == "A"


def test_a_map_of_another_case_is_a_programming_error(case, caseworker, organisation):
    foreign = Map.objects.create(case=CaseFactory(organisation=organisation))
    with pytest.raises(ValueError):
        services.map_update(actor=caseworker, case=case, map_=foreign, expected_version=1,
                            drawn_on=foreign.drawn_on)
