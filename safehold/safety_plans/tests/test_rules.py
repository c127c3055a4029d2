"""Rules made with the family: what exactly happens, who keeps it (a person on the case), when it applies
(cells of the week, holidays, a situation) and which danger statement of the case's map it answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.mapping import services as mapping
from safehold.mapping.models import Part
from safehold.safety_plans import services
from safehold.safety_plans.models import Rule
from safehold.testing.factories import CaseFactory, EntryFactory, MapFactory, PersonFactory, voice_key


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


@pytest.fixture
def danger(case, caseworker):
    map_ = mapping.map_create(actor=caseworker, case=case)
    return mapping.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker),
                                part=Part.FUTURE_DANGER, worried="Das Jugendamt",
                                behaviour="Papa schlägt Freja, wenn er getrunken hat",
                                impact="Freja wird verletzt")


def create(actor, case, plan, **data):
    return services.rule_create(actor=actor, case=case, plan=plan, **data)


def test_a_rule_records_what_happens_who_keeps_it_when_and_the_danger_it_answers(plan, case, caseworker,
                                                                                 parent, danger):
    rule = create(caseworker, case, plan, text="  Papa trinkt nicht, wenn er Freja betreut\r\n",
                  responsible=parent.pk, periods=["sun:night", "sat:evening", "sat:evening"], holidays=True,
                  situation="wenn Papa getrunken hat", answers=danger.pk)
    rule.refresh_from_db()
    assert (rule.text, rule.responsible, rule.periods, rule.holidays, rule.situation, rule.answers) == (
        "Papa trinkt nicht, wenn er Freja betreut", parent, ["sat:evening", "sun:night"], True,
        "wenn Papa getrunken hat", danger)
    event = AuditEvent.objects.get(object_type="safety_plans.rule", object_id=str(rule.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert "responsible" in event.changed_fields


def test_rules_are_added_at_the_end(plan, case, caseworker, parent):
    first = create(caseworker, case, plan, text="A", responsible=parent.pk, situation="immer")
    second = create(caseworker, case, plan, text="B", responsible=parent.pk, holidays=True)
    assert list(plan.rules.all()) == [first, second]


def test_a_rule_for_a_situation_alone_needs_no_periods(plan, case, caseworker, parent):
    rule = create(caseworker, case, plan, text="Mama ruft die Oma an", responsible=parent.pk,
                  situation="wenn Papa getrunken hat")
    assert rule.periods == []


def test_a_rule_without_a_responsible_person_is_refused(plan, case, caseworker):
    with pytest.raises(ValidationError) as caught:
        create(caseworker, case, plan, text="Jemand passt auf", periods=["mon:night"])
    assert list(caught.value.message_dict) == ["responsible"]
    assert "responsible" in caught.value.message_dict["responsible"][0]
    assert not Rule.objects.exists()


@pytest.mark.parametrize("responsible", ["abc", 0, -3, 10**30, "9" * 5000, True, 2.0, [1]])
def test_a_responsible_that_is_no_person_is_refused_on_its_field(plan, case, caseworker, responsible):
    with pytest.raises(ValidationError) as caught:
        create(caseworker, case, plan, text="Jemand passt auf", periods=["mon:night"], responsible=responsible)
    assert list(caught.value.message_dict) == ["responsible"]


def test_a_person_of_another_case_cannot_keep_a_rule(plan, case, caseworker, organisation):
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    with pytest.raises(ValidationError) as caught:
        create(caseworker, case, plan, text="Der Nachbar passt auf", periods=["mon:night"],
               responsible=neighbour.pk)
    assert list(caught.value.message_dict) == ["responsible"]
    assert not Rule.objects.exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"text": ""}, "text"),
    ({"text": " \r\n\x00 "}, "text"),
    ({"text": "x" * 2001}, "text"),
    ({"text": 5}, "text"),
    ({"periods": ["mon:lunch"]}, "periods"),
    ({"periods": "mon:morning"}, "periods"),
    ({"periods": [["mon:morning"]]}, "periods"),
    ({"periods": [1, "a"]}, "periods"),
    ({"periods": []}, "periods"),
    ({"situation": "x" * 301}, "situation"),
    ({"situation": ["drinking"]}, "situation"),
])
def test_bad_rules_are_refused_on_their_field(plan, case, caseworker, parent, data, field):
    with pytest.raises(ValidationError) as caught:
        create(caseworker, case, plan, **{"text": "Mama bleibt zu Hause", "responsible": parent.pk,
                                            "periods": ["mon:night"], **data})
    assert field in caught.value.message_dict
    assert not Rule.objects.exists()


def test_a_rule_answers_only_a_danger_statement_of_this_case(plan, case, caseworker, parent, organisation,
                                                             danger):
    strength = EntryFactory(map=danger.map, part=Part.STRENGTHS)
    elsewhere = EntryFactory(map=MapFactory(case=CaseFactory(organisation=organisation)), part=Part.FUTURE_DANGER)
    removed = EntryFactory(map=danger.map, part=Part.FUTURE_DANGER, deleted_at=timezone.now())
    for answers in (strength.pk, elsewhere.pk, removed.pk, 0):
        with pytest.raises(ValidationError) as caught:
            create(caseworker, case, plan, text="Mama bleibt zu Hause", responsible=parent.pk,
                   periods=["mon:night"], answers=answers)
        assert list(caught.value.message_dict) == ["answers"]
    assert not Rule.objects.exists()


def test_unknown_rule_fields_are_a_programming_error(plan, case, caseworker, parent):
    with pytest.raises(TypeError):
        create(caseworker, case, plan, text="A", responsible=parent.pk, situation="immer", owner="Papa")


def test_a_rule_is_changed_with_an_audit_record_of_the_fields(plan, case, caseworker, parent, child):
    rule = create(caseworker, case, plan, text="A", responsible=parent.pk, periods=["mon:night"])
    changed = services.rule_update(actor=caseworker, case=case, rule=rule, expected_version=rule.version,
                                   text="B", periods=["mon:night"], responsible=child.pk)
    assert sorted(changed) == ["responsible", "text"]
    rule.refresh_from_db()
    assert (rule.text, rule.responsible, rule.version) == ("B", child, 2)
    event = AuditEvent.objects.get(object_id=str(rule.pk), action=AuditEvent.Action.UPDATE)
    assert event.changed_fields == ["responsible", "text"]


def test_a_change_to_a_person_of_another_case_is_refused(plan, case, caseworker, parent, organisation):
    rule = create(caseworker, case, plan, text="A", responsible=parent.pk, periods=["mon:night"])
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation))
    with pytest.raises(ValidationError) as caught:
        services.rule_update(actor=caseworker, case=case, rule=rule, expected_version=rule.version,
                             responsible=neighbour.pk)
    assert list(caught.value.message_dict) == ["responsible"]
    assert Rule.objects.get(pk=rule.pk).responsible == parent


def test_a_stale_rule_edit_is_refused_with_the_current_rule_and_changes_nothing(plan, case, caseworker, parent):
    rule = create(caseworker, case, plan, text="A", responsible=parent.pk, periods=["mon:night"])
    stale = Rule.objects.get(pk=rule.pk)
    services.rule_update(actor=caseworker, case=case, rule=rule, expected_version=1, text="B")
    with pytest.raises(ConflictError) as caught:
        services.rule_update(actor=caseworker, case=case, rule=stale, expected_version=1, text="C")
    assert caught.value.current.text == "B"
    assert Rule.objects.get(pk=rule.pk).text == "B"
    assert AuditEvent.objects.filter(object_id=str(rule.pk), action=AuditEvent.Action.UPDATE).count() == 1


def test_a_rule_is_deleted_from_a_draft_with_an_audit_record(plan, case, caseworker, parent):
    rule = create(caseworker, case, plan, text="A", responsible=parent.pk, periods=["mon:night"])
    rule_id = rule.pk
    services.rule_delete(actor=caseworker, case=case, rule=rule)
    assert not Rule.objects.exists()
    assert AuditEvent.objects.filter(object_id=str(rule_id), action=AuditEvent.Action.DELETE).exists()


def test_a_rule_cannot_be_added_by_an_auditor_or_a_colleague(plan, case, parent, auditor, colleague):
    for user in (auditor, colleague):
        with pytest.raises(PermissionDenied):
            create(user, case, plan, text="A", responsible=parent.pk, periods=["mon:night"])
    assert not Rule.objects.exists()
