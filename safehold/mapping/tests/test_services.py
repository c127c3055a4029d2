"""Rules every map service keeps: it writes its audit record, refuses changes to a closed case and refuses
anyone without the right to change the case, whoever hands it the case."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, CaseStatus
from safehold.cases.perms import CaseClosed
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Part, Scale, Stance
from safehold.testing.factories import voice_key


@pytest.fixture
def world(case, caseworker, parent, child) -> dict[str, Any]:
    """A map with a live entry, a deleted one, a view and a scale, drawn by the caseworker."""
    map_ = services.map_create(actor=caseworker, case=case)
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                  part=Part.STRENGTHS, text="Mama kocht")
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                          part=Part.STRENGTHS, text="Papa liest vor")
    deleted = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                    part=Part.GREY_AREAS, text="Unklar")
    services.entry_delete(actor=caseworker, case=case, entry=deleted)
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=voice_key(child),
                                 agrees=False, words="Nicht immer")
    scale = services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(parent), score=5)
    return {"map": map_, "entry": entry, "deleted": deleted, "stance": stance, "scale": scale,
            "parent": voice_key(parent), "child": voice_key(child)}


Call = Callable[[Any, Case, dict[str, Any]], object]

# name: (call, expected audit action, expected audited object type)
CALLS: dict[str, tuple[Call, str, str]] = {
    "map_create": (lambda actor, case, w: services.map_create(actor=actor, case=case), "create", "mapping.map"),
    "map_update": (lambda actor, case, w: services.map_update(
        actor=actor, case=case, map_=w["map"], expected_version=w["map"].version, drawn_on=w["map"].drawn_on,
        title="Neu"), "update", "mapping.map"),
    "entry_create": (lambda actor, case, w: services.entry_create(
        actor=actor, case=case, map_=w["map"], voice=w["parent"], part=Part.PAST_HARM, text="Neu"),
        "create", "mapping.entry"),
    "entry_update": (lambda actor, case, w: services.entry_update(
        actor=actor, case=case, entry=w["entry"], expected_version=w["entry"].version, text="Neu"),
        "update", "mapping.entry"),
    "entry_move": (lambda actor, case, w: services.entry_move(actor=actor, case=case, entry=w["entry"], offset=1),
                   "update", "mapping.entry"),
    "entry_delete": (lambda actor, case, w: services.entry_delete(actor=actor, case=case, entry=w["entry"]),
                     "delete", "mapping.entry"),
    "entry_restore": (lambda actor, case, w: services.entry_restore(actor=actor, case=case, entry=w["deleted"]),
                      "update", "mapping.entry"),
    "stance_set": (lambda actor, case, w: services.stance_set(
        actor=actor, case=case, entry=w["entry"], voice=w["parent"], agrees=True), "update", "mapping.entry"),
    "stance_remove": (lambda actor, case, w: services.stance_remove(actor=actor, case=case, stance=w["stance"]),
                      "update", "mapping.entry"),
    "scale_set": (lambda actor, case, w: services.scale_set(
        actor=actor, case=case, map_=w["map"], voice=w["child"], score=7), "create", "mapping.scale"),
    "scale_update": (lambda actor, case, w: services.scale_set(
        actor=actor, case=case, map_=w["map"], voice=w["parent"], score=8), "update", "mapping.scale"),
    "scale_delete": (lambda actor, case, w: services.scale_delete(actor=actor, case=case, scale=w["scale"]),
                     "delete", "mapping.scale"),
}


def _snapshot() -> list:
    """Every row the map services write, with all its values."""
    return [list(model.objects.order_by("pk").values()) for model in (Map, Entry, Stance, Scale, AuditEvent)]


@pytest.mark.parametrize("name", CALLS)
def test_every_change_writes_its_audit_record(name, world, case, caseworker):
    call, action, object_type = CALLS[name]
    before = AuditEvent.objects.count()
    call(caseworker, case, world)
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() > before
    assert (event.action, event.object_type, event.case_id, event.actor_id) == (
        action, object_type, case.pk, caseworker.pk)


@pytest.mark.parametrize("name", CALLS)
def test_a_closed_case_refuses_every_change(name, world, case, caseworker):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    closed = Case.objects.get(pk=case.pk)
    before = _snapshot()
    with pytest.raises(CaseClosed):
        CALLS[name][0](caseworker, closed, world)
    assert _snapshot() == before


@pytest.mark.parametrize("name", CALLS)
def test_an_auditor_may_not_change_a_map(name, world, case, auditor):
    """An auditor reads the access log of the case, nothing more."""
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        CALLS[name][0](auditor, case, world)
    assert _snapshot() == before


@pytest.mark.parametrize("user", ["colleague", "stranger", "org_admin"])
@pytest.mark.parametrize("name", CALLS)
def test_someone_not_on_the_case_may_not_change_a_map(name, user, world, case, request):
    """The access policy answers them 404; a service handed the case anyway still refuses."""
    actor = request.getfixturevalue(user)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        CALLS[name][0](actor, case, world)
    assert _snapshot() == before


@pytest.mark.parametrize("name", CALLS)
def test_the_lead_of_the_case_s_team_may_change_a_map(name, world, case, team_lead):
    CALLS[name][0](team_lead, case, world)
    assert AuditEvent.objects.order_by("-id").first().actor_id == team_lead.pk
