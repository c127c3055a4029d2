"""Entries on the map: the parts they go in, whose words they are, danger statements and the goals that answer
them, order within a part, edits, moves between parts, undoable deletion and views on an entry."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.core.validation import SHORT, TEXT
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.compare import compare_maps
from safehold.mapping.models import COLUMNS, PART_ORDER, Column, Entry, GoalKind, Map, Part, Stance, WorriedNumber
from safehold.mapping.selectors import map_content
from safehold.testing.factories import CaseFactory, PersonFactory, voice_key


@pytest.fixture
def map_(case, caseworker):
    return services.map_create(actor=caseworker, case=case)


@pytest.fixture
def add(case, caseworker, map_):
    """add(part, text, who=caseworker, **extra) → a new entry on `map_`."""

    def make(part: str, text: str = "", who=None, on: Map | None = None, **extra) -> Entry:
        return services.entry_create(actor=caseworker, case=case, map_=on or map_,
                                     voice=voice_key(who or caseworker), part=part, text=text, **extra)

    return make


def _update(actor, case, entry: Entry, **changes) -> list[str]:
    return services.entry_update(actor=actor, case=case, entry=entry, expected_version=entry.version, **changes)


def _danger_parts(**overrides) -> dict[str, str]:
    # As the form asks: the behaviour and the impact go on from "dass", the verb last.
    return {"worried": "Das Jugendamt und die Schule", "worried_number": WorriedNumber.SEVERAL,
            "behaviour": "Papa Freja schlägt, wenn er trinkt",
            "impact": "Freja verletzt wird und Angst hat, nach Hause zu gehen", **overrides}


# --- parts and voices ------------------------------------------------------------------------------------


def test_the_map_has_seven_parts_in_three_columns_and_grey_areas():
    assert COLUMNS == {
        Column.WORRIES: (Part.PAST_HARM, Part.FUTURE_DANGER, Part.COMPLICATING),
        Column.WORKING: (Part.STRENGTHS, Part.EXISTING_SAFETY),
        Column.NEEDS: (Part.GOALS, Part.NEXT_STEPS),
    }
    assert PART_ORDER[-1] == Part.GREY_AREAS
    assert sorted(PART_ORDER) == sorted(Part.values)


def test_an_entry_goes_in_any_part_and_is_shown_in_its_column(add, map_):
    for part in Part.values:
        add(part, f"Etwas zu {part}")
    content = map_content(map_)
    assert [c.column for c in content.columns] == ["worries", "working", "needs"]
    assert [[p.part for p in c.parts] for c in content.columns] == [list(parts) for parts in COLUMNS.values()]
    for view in content.parts:
        assert [e.text for e in view.entries] == [f"Etwas zu {view.part}"]
    assert content.grey_areas.entries[0].text == "Etwas zu grey_areas"


@pytest.mark.parametrize("role", ["child", "parent", "caregiver", "network", "professional"])
def test_an_entry_records_whose_words_it_is(role, add, case):
    person = PersonFactory(case=case, role=role, first_name="Birte")
    entry = add(Part.STRENGTHS, "Sie hört zu", who=person)
    assert (entry.voice_kind, entry.voice_person_id, entry.voice_key) == (role, person.pk, voice_key(person))
    assert entry.voice_name == person.full_name


def test_an_entry_in_a_worker_s_words(add, consultant):
    entry = add(Part.COMPLICATING, "Die Familie zieht oft um", who=consultant)
    assert (entry.voice_kind, entry.voice_user_id) == ("worker", consultant.pk)


def test_an_entry_in_the_words_of_someone_not_on_the_case_is_refused(add, organisation, colleague, map_):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation))
    for who in (outsider, colleague):
        with pytest.raises(ValidationError) as error:
            add(Part.STRENGTHS, "Text", who=who)
        assert set(error.value.message_dict) == {"voice"}
    assert not map_.entries.exists()


def test_an_entry_must_say_whose_words_it_is(case, caseworker, map_):
    with pytest.raises(ValidationError) as error:
        services.entry_create(actor=caseworker, case=case, map_=map_, voice="", part=Part.STRENGTHS, text="x")
    assert set(error.value.message_dict) == {"voice"}


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x07"])
def test_an_empty_statement_is_refused(text, add, map_):
    with pytest.raises(ValidationError) as error:
        add(Part.STRENGTHS, text)
    assert set(error.value.message_dict) == {"text"}
    assert not map_.entries.exists()


def test_an_over_long_statement_is_refused_and_the_longest_allowed_is_kept(add):
    with pytest.raises(ValidationError) as error:
        add(Part.PAST_HARM, "x" * (TEXT + 1))
    assert set(error.value.message_dict) == {"text"}
    assert len(add(Part.PAST_HARM, "x" * TEXT).text) == TEXT


def test_an_unknown_part_and_unknown_fields_are_refused(add):
    with pytest.raises(ValidationError) as error:
        add("wishes", "Text")
    assert "part" in error.value.message_dict
    with pytest.raises(TypeError):
        add(Part.STRENGTHS, "Text", colour="red")


def test_statements_are_cleaned_of_control_characters(add):
    entry = add(Part.STRENGTHS, "  Mama\r\nkocht\x00 jeden Tag\x1b\t gut  ")
    assert entry.text == "Mama\nkocht jeden Tag\t gut"


def test_adding_an_entry_is_audited_with_the_case(add, case, map_):
    entry = add(Part.STRENGTHS, "Oma hilft")
    event = AuditEvent.objects.get(object_type="mapping.entry", action="create")
    assert (event.case_id, event.object_id) == (case.pk, str(entry.pk))
    assert {"part", "text", "voice"} <= set(event.changed_fields)


def test_a_new_entry_goes_to_the_end_of_its_part(add):
    first, second = add(Part.STRENGTHS, "Eins"), add(Part.STRENGTHS, "Zwei")
    elsewhere = add(Part.PAST_HARM, "Anderswo")
    assert (first.position, second.position, elsewhere.position) == (1, 2, 1)


# --- danger statements ----------------------------------------------------------------------------------


def test_a_danger_statement_is_written_from_its_three_parts(add):
    entry = add(Part.FUTURE_DANGER, **_danger_parts())
    assert entry.is_danger_statement
    assert "Das Jugendamt und die Schule" in entry.text
    assert "Papa Freja schlägt, wenn er trinkt" in entry.text
    assert "Freja verletzt wird und Angst hat, nach Hause zu gehen" in entry.text


def test_the_danger_statement_is_written_in_the_case_s_language_not_the_reader_s(add, case):
    assert case.language == "de"
    with translation.override("en"):
        entry = add(Part.FUTURE_DANGER, **_danger_parts())
    assert entry.text == (
        "Das Jugendamt und die Schule machen sich Sorgen, dass Papa Freja schlägt, wenn er trinkt. "
        "Wenn sich nichts ändert, besteht die Gefahr, dass Freja verletzt wird und Angst hat, nach Hause zu gehen.")


def test_a_danish_case_gets_a_danish_danger_statement(add, case):
    case.language = "da"
    entry = add(Part.FUTURE_DANGER, worried="Kommunen", behaviour="far drikker", impact="Freja kommer til skade")
    assert entry.text == ("Kommunen er bekymret for, at far drikker. "
                          "Hvis intet ændrer sig, er der fare for, at Freja kommer til skade.")


def test_one_worried_party_is_the_default_and_the_number_is_kept(add):
    parts = {name: value for name, value in _danger_parts(worried="Die Schule").items() if name != "worried_number"}
    entry = add(Part.FUTURE_DANGER, **parts)
    assert entry.worried_number == WorriedNumber.ONE
    entry = add(Part.FUTURE_DANGER, **_danger_parts())
    entry.refresh_from_db()
    assert entry.worried_number == WorriedNumber.SEVERAL


def test_a_number_of_worried_parties_that_is_neither_one_nor_several_is_refused(add, map_):
    with pytest.raises(ValidationError) as error:
        add(Part.FUTURE_DANGER, "Freier Text", **_danger_parts(worried_number="many"))
    assert set(error.value.message_dict) == {"worried_number"}
    assert not map_.entries.exists()


def test_saying_that_several_are_worried_writes_the_sentence_again(add, case, caseworker):
    with translation.override("en"):  # the sentence follows the case's language, whatever the reader's
        entry = add(Part.FUTURE_DANGER, **_danger_parts(worried_number=WorriedNumber.ONE))
        changed = _update(caseworker, case, entry, worried_number=WorriedNumber.SEVERAL)
    entry.refresh_from_db()
    assert "worried_number" in changed and "text" in changed
    assert entry.text == services.compose_danger_statement(
        entry.worried, entry.behaviour, entry.impact, worried_number=WorriedNumber.SEVERAL, language="de")


def test_a_change_that_leaves_the_parts_as_they_are_keeps_the_sentence_as_it_was_saved(add, case, caseworker,
                                                                                          parent):
    entry = add(Part.FUTURE_DANGER, **_danger_parts())
    # Saved before the wording of the sentences changed, and perhaps agreed with the family in those words.
    Entry.objects.filter(pk=entry.pk).update(text="So wurde es mit der Familie besprochen.")
    entry.refresh_from_db()
    _update(caseworker, case, entry, voice=voice_key(parent))
    entry.refresh_from_db()
    assert entry.text == "So wurde es mit der Familie besprochen."
    assert entry.is_danger_statement


def test_the_danger_statements_saved_before_the_number_was_asked_read_as_they_were_composed(add):
    """They were all composed with "are worried": the migration records them as several, so that an edit
    of their words writes the same verb again."""
    migration = importlib.import_module("safehold.mapping.migrations.0003_entry_worried_number")
    statement = add(Part.FUTURE_DANGER, **_danger_parts(worried_number=WorriedNumber.ONE))
    worry = add(Part.PAST_HARM, "Es ist passiert")
    migration.several_for_the_statements_written_before(django_apps, None)
    statement.refresh_from_db()
    worry.refresh_from_db()
    assert (statement.worried_number, worry.worried_number) == (WorriedNumber.SEVERAL, WorriedNumber.ONE)


def test_the_number_of_worried_parties_means_nothing_outside_a_danger_statement(add):
    entry = add(Part.PAST_HARM, "Es ist passiert", worried_number=WorriedNumber.SEVERAL)
    assert entry.worried_number == WorriedNumber.ONE
    create = AuditEvent.objects.get(object_type="mapping.entry", action="create")
    assert "worried_number" not in create.changed_fields


@pytest.mark.parametrize("missing", ["worried", "behaviour", "impact"])
def test_once_one_part_of_a_danger_statement_is_given_all_three_are_needed(missing, add, map_):
    with pytest.raises(ValidationError) as error:
        add(Part.FUTURE_DANGER, "Freier Text", **_danger_parts(**{missing: "  "}))
    assert set(error.value.message_dict) == {missing}
    assert not map_.entries.exists()


def test_a_free_worry_in_future_danger_is_not_a_danger_statement(add):
    entry = add(Part.FUTURE_DANGER, "Es könnte wieder passieren")
    assert not entry.is_danger_statement


def test_danger_statement_parts_outside_future_danger_are_dropped(add):
    entry = add(Part.PAST_HARM, "Es ist passiert", **_danger_parts())
    assert (entry.worried, entry.behaviour, entry.impact) == ("", "", "")
    assert entry.text == "Es ist passiert"


def test_who_is_worried_has_a_length_limit(add):
    with pytest.raises(ValidationError) as error:
        add(Part.FUTURE_DANGER, **_danger_parts(worried="x" * (SHORT + 1)))
    assert "worried" in error.value.message_dict


def test_a_danger_statement_too_long_to_write_is_refused(add):
    with pytest.raises(ValidationError):
        add(Part.FUTURE_DANGER, **_danger_parts(behaviour="x" * TEXT))


def test_rewording_a_danger_statement_writes_the_sentence_again(add, case, caseworker):
    entry = add(Part.FUTURE_DANGER, **_danger_parts())
    _update(caseworker, case, entry, impact="Freja kommt ins Krankenhaus")
    entry.refresh_from_db()
    assert entry.is_danger_statement
    assert "Freja kommt ins Krankenhaus" in entry.text


def test_rewriting_a_danger_statement_s_text_freely_makes_it_a_plain_worry(add, case, caseworker):
    entry = add(Part.FUTURE_DANGER, **_danger_parts())
    _update(caseworker, case, entry, text="Wir wissen es noch nicht genau")
    entry.refresh_from_db()
    assert (entry.text, entry.worried, entry.is_danger_statement) == ("Wir wissen es noch nicht genau", "", False)


# --- goals ----------------------------------------------------------------------------------------------


def test_a_goal_is_a_safety_goal_unless_it_is_the_family_s(add):
    assert add(Part.GOALS, "Freja ist sicher").goal_kind == GoalKind.SAFETY
    assert add(Part.GOALS, "Wir wollen zusammen wohnen", goal_kind="family").goal_kind == GoalKind.FAMILY


def test_an_unknown_kind_of_goal_is_refused(add):
    with pytest.raises(ValidationError) as error:
        add(Part.GOALS, "Ziel", goal_kind="dream")
    assert set(error.value.message_dict) == {"goal_kind"}


def test_a_goal_answers_a_danger_statement_of_the_same_map(add):
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    goal = add(Part.GOALS, "Papa trinkt nicht, wenn er auf Freja aufpasst", answers=danger.pk)
    assert goal.answers == danger
    assert list(danger.goals.all()) == [goal]


def test_a_goal_cannot_answer_a_plain_worry_a_deleted_statement_or_another_map_s(add, case, caseworker):
    worry = add(Part.FUTURE_DANGER, "Nur eine Sorge")
    deleted = add(Part.FUTURE_DANGER, **_danger_parts())
    services.entry_delete(actor=caseworker, case=case, entry=deleted)
    other_map = services.map_create(actor=caseworker, case=case, copy_latest=False)
    foreign = add(Part.FUTURE_DANGER, on=other_map, **_danger_parts())
    strength = add(Part.STRENGTHS, "Eine Stärke")
    for answers in (worry, deleted, foreign, strength):
        with pytest.raises(ValidationError) as error:
            add(Part.GOALS, "Ziel", answers=answers.pk)
        assert set(error.value.message_dict) == {"answers"}


def test_goal_fields_are_dropped_outside_goals(add):
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    entry = add(Part.STRENGTHS, "Stärke", goal_kind="family", answers=danger.pk, responsible="Mama",
                due_on=date(2030, 1, 1))
    assert (entry.goal_kind, entry.answers, entry.responsible, entry.due_on) == ("", None, "", None)


def test_a_next_step_says_who_does_what_by_when(add):
    step = add(Part.NEXT_STEPS, "Termin bei der Suchtberatung", responsible="Papa", due_on=date(2030, 5, 1))
    assert (step.responsible, step.due_on) == ("Papa", date(2030, 5, 1))
    with pytest.raises(ValidationError) as error:
        add(Part.NEXT_STEPS, "Termin", responsible="x" * 201)
    assert "responsible" in error.value.message_dict


@pytest.mark.parametrize("due_on", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_next_step_due_when_no_case_can_be_is_refused_on_its_date(add, due_on):
    with pytest.raises(ValidationError) as error:
        add(Part.NEXT_STEPS, "Termin", due_on=due_on)
    assert error.value.message_dict == {"due_on": ["Enter a date between 1900 and 2199."]}


@pytest.mark.parametrize("answers", [0, -1, 2**63 - 1])
def test_a_goal_answering_no_entry_at_all_is_refused_on_answers(add, answers):
    with pytest.raises(ValidationError) as error:
        add(Part.GOALS, "Ziel", answers=answers)
    assert error.value.message_dict == {"answers": ["Choose a danger statement of this map."]}


def test_a_goal_can_be_reworded_after_the_danger_statement_it_answers_is_deleted(add, case, caseworker):
    """Deleting is undoable, so the goal keeps its link; it must still be editable meanwhile."""
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    goal = add(Part.GOALS, "Freja ist sicher", answers=danger.pk)
    services.entry_delete(actor=caseworker, case=case, entry=danger)
    goal = Entry.objects.get(pk=goal.pk)
    assert _update(caseworker, case, goal, text="Freja ist jeden Tag sicher") == ["text"]
    services.entry_restore(actor=caseworker, case=case, entry=danger)
    goal.refresh_from_db()
    assert goal.answers_id == danger.pk


def test_the_map_does_not_show_a_goal_answering_a_deleted_statement(add, case, caseworker, map_):
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    add(Part.GOALS, "Freja ist sicher", answers=danger.pk)
    services.entry_delete(actor=caseworker, case=case, entry=danger)
    goal = map_content(map_).entries[0]
    assert goal.answers is None


# --- order within a part ---------------------------------------------------------------------------------


def _order(map_, part=Part.STRENGTHS) -> list[str]:
    return [e.text for e in map_content(map_).parts[PART_ORDER.index(part)].entries]


def test_an_entry_moves_up_and_down_within_its_part(add, case, caseworker, map_):
    a, _, c = add(Part.STRENGTHS, "A"), add(Part.STRENGTHS, "B"), add(Part.STRENGTHS, "C")
    add(Part.PAST_HARM, "elsewhere")
    assert services.entry_move(actor=caseworker, case=case, entry=c, offset=-1) is True
    assert _order(map_) == ["A", "C", "B"]
    assert services.entry_move(actor=caseworker, case=case, entry=a, offset=+1) is True
    assert _order(map_) == ["C", "A", "B"]
    assert _order(map_, Part.PAST_HARM) == ["elsewhere"]
    event = AuditEvent.objects.filter(object_type="mapping.entry", action="update").first()
    assert (event.changed_fields, event.case_id) == (["position"], case.pk)


def test_an_entry_at_an_end_of_its_part_does_not_move_further(add, case, caseworker, map_):
    a, b = add(Part.STRENGTHS, "A"), add(Part.STRENGTHS, "B")
    assert services.entry_move(actor=caseworker, case=case, entry=a, offset=-1) is False
    assert services.entry_move(actor=caseworker, case=case, entry=b, offset=+1) is False
    assert _order(map_) == ["A", "B"]
    assert not AuditEvent.objects.filter(object_type="mapping.entry", action="update").exists()


def test_deleted_entries_do_not_count_when_moving(add, case, caseworker, map_):
    _, gone, c = add(Part.STRENGTHS, "A"), add(Part.STRENGTHS, "weg"), add(Part.STRENGTHS, "C")
    services.entry_delete(actor=caseworker, case=case, entry=gone)
    assert services.entry_move(actor=caseworker, case=case, entry=c, offset=-1) is True
    assert _order(map_) == ["C", "A"]


def test_a_deleted_entry_cannot_be_moved(add, case, caseworker):
    entry = add(Part.STRENGTHS, "A")
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    with pytest.raises(ValidationError):
        services.entry_move(actor=caseworker, case=case, entry=entry, offset=-1)


def test_an_entry_someone_else_moved_to_another_part_moves_in_its_new_part(add, case, caseworker, map_):
    a = add(Part.STRENGTHS, "A")
    add(Part.EXISTING_SAFETY, "X")
    stale = Entry.objects.get(pk=a.pk)
    _update(caseworker, case, a, part=Part.EXISTING_SAFETY)
    assert services.entry_move(actor=caseworker, case=case, entry=stale, offset=-1) is True
    assert _order(map_, Part.EXISTING_SAFETY) == ["A", "X"]


# --- editing and moving between parts ------------------------------------------------------------------


def test_editing_an_entry_returns_audits_and_versions_what_changed(add, case, caseworker, parent):
    entry = add(Part.STRENGTHS, "Oma hilft")
    changed = _update(caseworker, case, entry, text="Oma hilft jeden Tag", voice=voice_key(parent))
    assert set(changed) == {"text", "voice_kind", "voice_person_id", "voice_user_id", "voice_name", "voice_key"}
    entry.refresh_from_db()
    assert (entry.text, entry.voice_kind, entry.version) == ("Oma hilft jeden Tag", "parent", 2)
    event = AuditEvent.objects.get(object_type="mapping.entry", action="update")
    assert event.changed_fields == ["text", "voice_key", "voice_kind", "voice_name", "voice_person", "voice_user"]
    assert event.case_id == case.pk


def test_saving_an_entry_unchanged_changes_nothing(add, case, caseworker):
    entry = add(Part.STRENGTHS, "Oma hilft")
    assert _update(caseworker, case, entry, text=" Oma hilft ") == []
    entry.refresh_from_db()
    assert entry.version == 1


def test_an_edit_cannot_empty_an_entry_or_give_it_to_a_stranger(add, case, caseworker, stranger):
    entry = add(Part.STRENGTHS, "Oma hilft")
    with pytest.raises(ValidationError) as error:
        _update(caseworker, case, entry, text=" ", voice=voice_key(stranger))
    assert set(error.value.message_dict) == {"text", "voice"}
    entry.refresh_from_db()
    assert (entry.text, entry.version) == ("Oma hilft", 1)


def test_moving_an_entry_to_another_part_puts_it_at_the_end_there(add, case, caseworker, map_):
    add(Part.EXISTING_SAFETY, "Schon da 1")
    add(Part.EXISTING_SAFETY, "Schon da 2")
    entry = add(Part.STRENGTHS, "Oma ist immer da, wenn Papa trinkt")
    changed = _update(caseworker, case, entry, part=Part.EXISTING_SAFETY)
    assert {"part", "position"} <= set(changed)
    assert _order(map_, Part.EXISTING_SAFETY) == ["Schon da 1", "Schon da 2", "Oma ist immer da, wenn Papa trinkt"]
    assert _order(map_) == []


def test_moving_a_goal_out_of_goals_drops_what_only_goals_have(add, case, caseworker):
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    goal = add(Part.GOALS, "Wir wollen zusammen wohnen", goal_kind="family", answers=danger.pk)
    _update(caseworker, case, goal, part=Part.GREY_AREAS)
    goal.refresh_from_db()
    assert (goal.part, goal.goal_kind, goal.answers_id) == (Part.GREY_AREAS, "", None)


def test_moving_a_next_step_out_of_next_steps_drops_who_and_when(add, case, caseworker):
    step = add(Part.NEXT_STEPS, "Termin", responsible="Papa", due_on=date(2030, 5, 1))
    _update(caseworker, case, step, part=Part.STRENGTHS)
    step.refresh_from_db()
    assert (step.responsible, step.due_on) == ("", None)


def test_moving_a_danger_statement_out_of_future_danger_keeps_its_words(add, case, caseworker):
    danger = add(Part.FUTURE_DANGER, **_danger_parts())
    _update(caseworker, case, danger, part=Part.PAST_HARM)
    danger.refresh_from_db()
    assert not danger.is_danger_statement
    assert "Papa Freja schlägt" in danger.text


def test_moving_an_entry_into_goals_makes_it_a_safety_goal(add, case, caseworker):
    entry = add(Part.GREY_AREAS, "Freja schläft bei Oma, wenn Papa trinkt")
    _update(caseworker, case, entry, part=Part.GOALS)
    entry.refresh_from_db()
    assert entry.goal_kind == GoalKind.SAFETY


# --- optimistic locking ---------------------------------------------------------------------------------


def test_an_edit_based_on_an_old_version_is_refused_carrying_the_current_entry(add, case, caseworker, consultant):
    entry = add(Part.STRENGTHS, "Version 1")
    mine = Entry.objects.get(pk=entry.pk)
    _update(caseworker, case, entry, text="Version 2")
    with pytest.raises(ConflictError) as conflict:
        services.entry_update(actor=consultant, case=case, entry=mine, expected_version=1, text="Version 3",
                              part=Part.GREY_AREAS)
    assert (conflict.value.current.pk, conflict.value.current.text, conflict.value.current.version) == (
        entry.pk, "Version 2", 2)
    entry.refresh_from_db()
    assert (entry.text, entry.part, entry.version) == ("Version 2", Part.STRENGTHS, 2)
    assert AuditEvent.objects.filter(object_type="mapping.entry", action="update").count() == 1


def test_an_edit_is_refused_when_the_stored_entry_moved_on(add, case, caseworker):
    entry = add(Part.STRENGTHS, "Version 1")
    Entry.objects.filter(pk=entry.pk).update(version=7, text="Woanders geändert")
    with pytest.raises(ConflictError) as conflict:
        services.entry_update(actor=caseworker, case=case, entry=entry, expected_version=1, text="Meins")
    assert conflict.value.current.text == "Woanders geändert"
    entry.refresh_from_db()
    assert entry.text == "Woanders geändert"


# --- undoable deletion ------------------------------------------------------------------------------------


def test_deleting_hides_the_entry_and_restoring_brings_it_back_both_audited(add, case, caseworker, map_):
    entry = add(Part.STRENGTHS, "Oma hilft")
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    entry.refresh_from_db()
    assert entry.deleted_at is not None
    assert entry.deleted_by == caseworker
    assert map_content(map_).entries == []
    deleted = AuditEvent.objects.get(object_type="mapping.entry", action="delete")
    assert (deleted.case_id, deleted.object_id) == (case.pk, str(entry.pk))

    services.entry_restore(actor=caseworker, case=case, entry=entry)
    entry.refresh_from_db()
    assert entry.deleted_at is None
    assert [e.pk for e in map_content(map_).entries] == [entry.pk]
    restored = AuditEvent.objects.get(object_type="mapping.entry", action="update")
    assert (restored.case_id, restored.object_id, restored.changed_fields) == (
        case.pk, str(entry.pk), ["deleted_at"])


def test_deleting_twice_or_restoring_a_live_entry_records_nothing(add, case, caseworker):
    entry = add(Part.STRENGTHS, "Oma hilft")
    services.entry_restore(actor=caseworker, case=case, entry=entry)
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    assert AuditEvent.objects.filter(object_type="mapping.entry").exclude(action="create").count() == 1


def test_a_deleted_entry_cannot_be_edited_until_restored(add, case, caseworker):
    entry = add(Part.STRENGTHS, "Oma hilft")
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    with pytest.raises(ValidationError):
        _update(caseworker, case, entry, text="Neu")


def test_a_deleted_entry_leaves_the_comparison(add, case, caseworker, map_):
    kept, gone = add(Part.STRENGTHS, "Bleibt"), add(Part.STRENGTHS, "Geht")
    new = services.map_create(actor=caseworker, case=case)
    services.entry_delete(actor=caseworker, case=case, entry=new.entries.get(lineage=gone.lineage))
    comparison = compare_maps(map_, new)
    assert [(c.change, c.entry.text) for c in comparison.entries] == [("removed", "Geht")]
    services.entry_delete(actor=caseworker, case=case, entry=gone)
    assert compare_maps(map_, new).is_empty
    assert kept.lineage in {e.lineage for e in map_content(new).entries}


# --- views on an entry -----------------------------------------------------------------------------------


def test_someone_who_disagrees_says_so_in_their_words(add, case, caseworker, parent):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    with pytest.raises(ValidationError) as error:
        services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent), agrees=False,
                            words="  ")
    assert set(error.value.message_dict) == {"words"}
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent),
                                 agrees=False, words="Das war nur einmal")
    assert (stance.voice_kind, stance.agrees, stance.words) == ("parent", False, "Das war nur einmal")
    assert Entry.objects.prefetch_related("stances").get(pk=entry.pk).is_contested
    event = AuditEvent.objects.get(object_type="mapping.entry", action="update")
    assert (event.changed_fields, event.case_id) == (["stances"], case.pk)


def test_agreeing_needs_no_words_and_does_not_contest(add, case, caseworker, child):
    entry = add(Part.STRENGTHS, "Mama kocht")
    services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(child), agrees=True)
    assert not Entry.objects.get(pk=entry.pk).is_contested


def test_a_second_view_from_the_same_voice_replaces_the_first(add, case, caseworker, parent, child):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent), agrees=False,
                        words="Stimmt nicht")
    services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(child), agrees=True)
    services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent), agrees=True)
    assert sorted(entry.stances.values_list("voice_key", "agrees")) == sorted(
        [(voice_key(parent), True), (voice_key(child), True)])
    assert not Entry.objects.get(pk=entry.pk).is_contested


def test_a_view_from_someone_not_on_the_case_is_refused(add, case, caseworker, stranger):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    with pytest.raises(ValidationError) as error:
        services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(stranger), agrees=True)
    assert set(error.value.message_dict) == {"voice"}
    assert not Stance.objects.exists()


def test_over_long_words_are_refused(add, case, caseworker, parent):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    with pytest.raises(ValidationError) as error:
        services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent), agrees=False,
                            words="x" * (TEXT + 1))
    assert set(error.value.message_dict) == {"words"}


def test_a_view_on_a_deleted_entry_is_refused(add, case, caseworker, parent):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    services.entry_delete(actor=caseworker, case=case, entry=entry)
    with pytest.raises(ValidationError):
        services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent), agrees=True)


def test_a_view_can_be_taken_back(add, case, caseworker, parent):
    entry = add(Part.PAST_HARM, "Papa hat Freja geschlagen")
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(parent),
                                 agrees=False, words="Nein")
    services.stance_remove(actor=caseworker, case=case, stance=stance)
    assert not Stance.objects.exists()
    assert AuditEvent.objects.filter(object_type="mapping.entry", action="update").count() == 2
