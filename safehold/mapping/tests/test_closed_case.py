"""A closed case is read-only: every change of its maps is refused with 403 and the reason, on the page (with
and without htmx) and through the API, and nothing is written. The maps can still be read and printed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Part, Scale, Stance
from safehold.meetings.models import Meeting

HTMX = {"HTTP_HX_REQUEST": "true"}
JSON = "application/json"
CLOSED = "This case is closed. Reopen it to change it."


@pytest.fixture
def drawn(case, caseworker, parent, child):
    """A map with an entry, a view on it, a deleted entry and a score, drawn while the case was open."""
    map_ = services.map_create(actor=caseworker, case=case, title="Before closing")
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{parent.pk}",
                                  part=Part.STRENGTHS, text="Mum cooks every day")
    gone = services.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{parent.pk}",
                                 part=Part.GREY_AREAS, text="Who lives in the house?")
    services.entry_delete(actor=caseworker, case=case, entry=gone)
    stance = services.stance_set(actor=caseworker, case=case, entry=entry, voice=f"person:{child.pk}",
                                 agrees=False, words="Not on Mondays")
    scale = services.scale_set(actor=caseworker, case=case, map_=map_, voice=f"person:{parent.pk}", score=5)
    return {"map": map_, "entry": entry, "gone": gone, "stance": stance, "scale": scale, "parent": parent}


@pytest.fixture
def closed(drawn, closed_case):
    """The map above, on the case since closed."""
    return drawn


def _rows() -> list:
    # The refusals themselves are recorded (audit/refusals.py); nothing else may be.
    return [list(model.objects.order_by("pk").values()) for model in (Map, Entry, Stance, Scale, Meeting)] + [
        list(AuditEvent.objects.exclude(action="refused").order_by("pk").values())]


# name: (URL name, the ids it takes, a form that would be saved were the case open)
POSTS = {
    "map_create": ("map_create", (), lambda w: {"drawn_on": timezone.localdate().isoformat()}),
    "map_edit": ("map_edit", ("map",), lambda w: {"drawn_on": w["map"].drawn_on.isoformat(), "title": "After",
                                                  "version": 1}),
    "entry_create": ("entry_create", ("map",), lambda w: {"part": "strengths", "text": "Grandma helps",
                                                          "voice": f"person:{w['parent'].pk}"}),
    "danger_create": ("danger_create", ("map",), lambda w: {"worried": "The school", "behaviour": "Dad drinks",
                                                            "impact": "Freja is hurt",
                                                            "voice": f"person:{w['parent'].pk}"}),
    "entry_edit": ("entry_edit", ("map", "entry"), lambda w: {"part": "strengths", "text": "Changed",
                                                              "voice": f"person:{w['parent'].pk}", "version": 1}),
    "entry_move": ("entry_move", ("map", "entry"), lambda w: {"direction": "up"}),
    "entry_delete": ("entry_delete", ("map", "entry"), lambda w: {}),
    "entry_restore": ("entry_restore", ("map", "gone"), lambda w: {}),
    "stance_create": ("stance_create", ("map", "entry"), lambda w: {"voice": f"person:{w['parent'].pk}",
                                                                    "agrees": "yes"}),
    "stance_delete": ("stance_delete", ("map", "stance"), lambda w: {}),
    "scale_set": ("scale_set", ("map",), lambda w: {"kind": "safety", "voice": f"person:{w['parent'].pk}",
                                                    "score": "9"}),
    "scale_delete": ("scale_delete", ("map", "scale"), lambda w: {}),
}
ID_NAMES = {"map": "map_id", "entry": "entry_id", "gone": "entry_id", "stance": "stance_id", "scale": "scale_id"}


def _url(name: str, case, world) -> str:
    url_name, ids, _form = POSTS[name]
    return reverse(f"mapping:{url_name}", kwargs={"case_id": case.pk, **{ID_NAMES[i]: world[i].pk for i in ids}})


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("name", POSTS)
def test_every_change_of_a_closed_case_s_map_is_refused_with_the_reason(name, htmx, closed, case, caseworker,
                                                                        client_for):
    client = client_for(caseworker)
    before = _rows()

    response = client.post(_url(name, case, closed), POSTS[name][2](closed), **(HTMX if htmx else {}))

    assert response.status_code == 403
    assert CLOSED in response.content.decode()
    assert _rows() == before


@pytest.mark.parametrize("name", [name for name in POSTS if name not in ("entry_move", "entry_delete",
                                                                         "entry_restore", "stance_delete",
                                                                         "scale_delete")])
def test_the_forms_of_a_closed_case_s_map_are_not_offered(name, closed, case, caseworker, client_for):
    response = client_for(caseworker).get(_url(name, case, closed), **HTMX)

    assert response.status_code == 403
    assert CLOSED in response.content.decode()


def test_a_closed_case_s_map_is_still_read_and_printed(closed, case, caseworker, client_for):
    client = client_for(caseworker)
    map_url = reverse("mapping:map_detail", kwargs={"case_id": case.pk, "map_id": closed["map"].pk})

    page = client.get(map_url)
    printed = client.get(reverse("mapping:map_pdf", kwargs={"case_id": case.pk, "map_id": closed["map"].pk}))

    assert page.status_code == 200 and "Mum cooks every day" in page.content.decode()
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")


@pytest.mark.parametrize("patch", [
    {"version": 1, "title": "After"},
    {"entries": [{"part": "strengths", "text": "Grandma helps", "voice": "person:{parent}"}]},
    {"removed_entries": ["{entry}"]},
    {"scales": [{"voice": "person:{parent}", "score": 9}]},
    {"removed_scales": ["{scale}"]},
], ids=["header", "entries", "removed_entries", "scales", "removed_scales"])
def test_the_api_refuses_every_change_of_a_closed_case_s_map_with_the_reason(patch, closed, case, alice):
    ids = {"parent": closed["parent"].pk, "entry": closed["entry"].pk, "scale": closed["scale"].pk}
    body = {key: [_filled(item, ids) for item in value] if isinstance(value, list) else value
            for key, value in patch.items()}
    before = _rows()

    response = alice.patch(f"/api/v1/cases/{case.pk}/maps/{closed['map'].pk}", body, content_type=JSON)

    assert response.status_code == 403
    assert response.json() == {"message": CLOSED, "errors": {}}
    assert _rows() == before


def _filled(item, ids: dict[str, int]):
    """An item of a body with the ids of this test's records put in."""
    if isinstance(item, str):
        return int(item.format(**ids)) if item.startswith("{") else item.format(**ids)
    return {key: value.format(**ids) if isinstance(value, str) else value for key, value in item.items()}
