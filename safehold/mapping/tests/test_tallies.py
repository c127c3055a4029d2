"""The danger statements counted on each map (mapping.tallies) stay what the entries say, whatever service
changes them: the practice-fidelity report reads these counts instead of the entries."""

import pytest
from django.core.management import call_command

from safehold.demo.load import generate_load_data
from safehold.mapping import services
from safehold.mapping.models import Entry, GoalKind, Map, Part
from safehold.testing.factories import voice_key


def counted(map_: Map) -> tuple[int, int]:
    """What the entries say, counted in Python from `Entry.is_danger_statement`."""
    live = [e for e in Entry.objects.filter(map=map_, deleted_at__isnull=True)]
    statements = [e for e in live if e.is_danger_statement]
    answered = {g.answers_id for g in live if g.goal_kind == GoalKind.SAFETY}
    return len(statements), sum(1 for s in statements if s.pk in answered)


def kept(map_: Map) -> tuple[int, int]:
    map_.refresh_from_db()
    return map_.danger_statement_count, map_.answered_statement_count


def statement(actor, case, map_, voice, **fields):
    values = {"worried": "Die Lehrerin", "behaviour": "Papa schlägt zu, wenn er trinkt",
              "impact": "Lea wird verletzt", **fields}
    return services.entry_create(actor=actor, case=case, map_=map_, voice=voice, part=Part.FUTURE_DANGER,
                                 text="", **values)


def goal(actor, case, map_, voice, answers, kind=GoalKind.SAFETY):
    return services.entry_create(actor=actor, case=case, map_=map_, voice=voice, part=Part.GOALS,
                                 text="Lea ist sicher, auch wenn Papa trinkt", goal_kind=kind, answers=answers.pk)


@pytest.mark.django_db
def test_every_entry_service_keeps_the_counts(case, caseworker, parent):
    voice = voice_key(parent)
    map_ = services.map_create(actor=caseworker, case=case)
    assert kept(map_) == (0, 0)

    first = statement(caseworker, case, map_, voice)
    second = statement(caseworker, case, map_, voice)
    assert kept(map_) == counted(map_) == (2, 0)

    answer = goal(caseworker, case, map_, voice, first)
    assert kept(map_) == counted(map_) == (2, 1)
    goal(caseworker, case, map_, voice, second, kind=GoalKind.FAMILY)  # a family goal answers none
    assert kept(map_) == counted(map_) == (2, 1)

    services.entry_delete(actor=caseworker, case=case, entry=answer)
    assert kept(map_) == counted(map_) == (2, 0)
    services.entry_restore(actor=caseworker, case=case, entry=answer)
    assert kept(map_) == counted(map_) == (2, 1)

    second.refresh_from_db()
    services.entry_update(actor=caseworker, case=case, entry=second, expected_version=second.version,
                          text="Papa trinkt")
    assert kept(map_) == counted(map_) == (1, 1)  # rewritten freely: no longer a danger statement

    services.entry_delete(actor=caseworker, case=case, entry=first)
    assert kept(map_) == counted(map_) == (0, 0)

    services.entry_restore(actor=caseworker, case=case, entry=first)
    copy = services.map_create(actor=caseworker, case=case)  # starts as a copy of the latest map
    assert kept(copy) == counted(copy) == kept(map_) == (1, 1)


@pytest.mark.django_db
def test_a_goal_moved_out_of_the_goals_answers_nothing(case, caseworker, parent):
    voice = voice_key(parent)
    map_ = services.map_create(actor=caseworker, case=case)
    answer = goal(caseworker, case, map_, voice, statement(caseworker, case, map_, voice))
    assert kept(map_) == (1, 1)
    services.entry_update(actor=caseworker, case=case, entry=answer, expected_version=answer.version,
                          part=Part.STRENGTHS)
    assert kept(map_) == counted(map_) == (1, 0)


@pytest.mark.django_db
def test_the_load_data_writes_the_counts_the_services_keep():
    generate_load_data(cases=12, seed=3)
    maps = list(Map.objects.all())
    assert sum(m.danger_statement_count for m in maps) > 0
    assert all((m.danger_statement_count, m.answered_statement_count) == counted(m) for m in maps)


@pytest.mark.django_db
def test_the_demo_data_has_its_counts(settings):
    call_command("seed_demo", verbosity=0)
    maps = list(Map.objects.all())
    assert any(m.answered_statement_count for m in maps)
    assert all((m.danger_statement_count, m.answered_statement_count) == counted(m) for m in maps)
