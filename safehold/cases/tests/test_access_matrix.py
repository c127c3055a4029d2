"""Walk every URL of the application as every kind of user and check what each is answered.

URL patterns are discovered from the URL configuration, so a new view is tested the moment it exists:
- a case-scoped URL (one with <case_id>) must answer 404 to users of another organisation, to colleagues
  not on the case and to organisation admins, whatever the method; it must be listed in EXPECTED with
  what the assigned users get, or this test fails and asks for it;
- every other URL must require login, unless it is listed in PUBLIC.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from PIL import Image

from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import CaseAssignment, Person
from safehold.child_voice import services as child_voice
from safehold.mapping import services as mapping
from safehold.network import services as network
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.coverage import CELLS
from safehold.words_pictures import services as words_pictures

PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    template: str  # e.g. "cases/<int:case_id>/edit/"
    name: str

    @property
    def params(self) -> list[str]:
        return PARAM.findall(self.template)

    @property
    def is_api(self) -> bool:
        return self.template.startswith("api/")

    def url(self, values: dict[str, int | str]) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m.group(1)]), self.template)


def discover(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> list[Route]:
    routes: list[Route] = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += discover(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            routes.append(Route(prefix + str(entry.pattern), f"{namespace}{entry.name or ''}"))
    return routes


ALL_ROUTES = [r for r in discover() if not r.template.startswith(("admin/", "static/"))]
CASE_ROUTES = [r for r in ALL_ROUTES if "case_id" in r.params]
OTHER_ROUTES = [r for r in ALL_ROUTES if "case_id" not in r.params]

# Reachable without logging in.
PUBLIC = {
    "healthz", "accounts:login", "accounts:set_language", "accounts:password_reset",
    "accounts:password_reset_done", "accounts:password_reset_confirm", "accounts:password_reset_complete",
    "api-v1:openapi-json", "api-v1:token_create",
    "api-v1:api-root",  # ninja's root answers 404 to everyone
}

# What the assigned caseworker, the consultant, the team lead and the auditor get on GET for each
# case-scoped URL (the others always get 404). 405 means the URL takes no GET.
EXPECTED = {
    #                           caseworker consultant team_lead auditor
    "cases:detail":              (200, 200, 200, 403),
    "cases:edit":                (200, 200, 200, 403),
    "cases:transition":          (200, 200, 200, 403),
    "cases:reopen":              (200, 200, 200, 403),
    "cases:assignments":         (403, 403, 200, 403),
    "cases:assignment_remove":   (405, 405, 405, 405),
    "cases:person_create":       (200, 200, 200, 403),
    "cases:person_detail":       (200, 200, 200, 403),
    "cases:person_edit":         (200, 200, 200, 403),
    "cases:person_delete":       (200, 200, 200, 403),
    "cases:access_log":          (403, 403, 200, 200),
    "api-v1:get_case":           (200, 200, 200, 403),
    "api-v1:patch_case":         (200, 200, 200, 403),
    "api-v1:transition_case":    (405, 405, 405, 405),
    "api-v1:reopen_case":        (405, 405, 405, 405),
    "api-v1:list_people":        (200, 200, 200, 403),
    "api-v1:create_person":      (200, 200, 200, 403),
    "api-v1:get_person":         (200, 200, 200, 403),
    "api-v1:patch_person":       (200, 200, 200, 403),
    "api-v1:delete_person":      (200, 200, 200, 403),
    "api-v1:list_maps":          (200, 200, 200, 403),
    "api-v1:create_map":         (200, 200, 200, 403),
    "api-v1:get_map":            (200, 200, 200, 403),
    "api-v1:patch_map":          (200, 200, 200, 403),
    "api-v1:map_pdf":            (200, 200, 200, 403),
    "api-v1:case_scaling":       (200, 200, 200, 403),
    "mapping:maps":              (200, 200, 200, 403),
    "mapping:map_create":        (200, 200, 200, 403),
    "mapping:compare":           (200, 200, 200, 403),
    "mapping:map_detail":        (200, 200, 200, 403),
    "mapping:map_edit":          (200, 200, 200, 403),
    "mapping:map_pdf":           (200, 200, 200, 403),
    "mapping:part":              (302, 302, 302, 403),  # a fragment for htmx; a full request goes to the map
    "mapping:entry_create":      (200, 200, 200, 403),
    "mapping:danger_create":     (200, 200, 200, 403),
    "mapping:entry":             (302, 302, 302, 403),
    "mapping:entry_edit":        (200, 200, 200, 403),
    "mapping:entry_move":        (405, 405, 405, 405),
    "mapping:entry_delete":      (405, 405, 405, 405),
    "mapping:entry_restore":     (405, 405, 405, 405),
    "mapping:stance_create":     (200, 200, 200, 403),
    "mapping:stance_delete":     (405, 405, 405, 405),
    "mapping:scale_set":         (200, 200, 200, 403),
    "mapping:scale_delete":      (405, 405, 405, 405),
    "api-v1:list_safety_plans":      (200, 200, 200, 403),
    "api-v1:create_safety_plan":     (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_safety_plan":        (200, 200, 200, 403),
    "api-v1:patch_safety_plan":      (200, 200, 200, 403),
    "api-v1:transition_safety_plan": (405, 405, 405, 405),
    "api-v1:safety_plan_coverage":   (200, 200, 200, 403),
    "api-v1:safety_plan_pdf":        (200, 200, 200, 403),
    "api-v1:create_sign_off":        (405, 405, 405, 405),
    "api-v1:list_check_ins":         (200, 200, 200, 403),
    "api-v1:create_check_in":        (200, 200, 200, 403),
    "api-v1:list_conversations":    (200, 200, 200, 403),
    "api-v1:create_conversation":   (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_conversation":      (200, 200, 200, 403),
    "api-v1:patch_conversation":    (200, 200, 200, 403),
    "api-v1:conversation_pdf":      (200, 200, 200, 403),
    "api-v1:list_safety_houses":    (200, 200, 200, 403),
    "api-v1:create_safety_house":   (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_safety_house":      (200, 200, 200, 403),
    "api-v1:patch_safety_house":    (200, 200, 200, 403),
    "api-v1:safety_house_pdf":      (200, 200, 200, 403),
    "safety_plans:plans":           (200, 200, 200, 403),
    "safety_plans:plan_create":     (405, 405, 405, 405),
    "safety_plans:compare":         (200, 200, 200, 403),
    "safety_plans:plan_detail":     (200, 200, 200, 403),
    "safety_plans:plan_edit":       (200, 200, 200, 403),
    "safety_plans:plan_transition": (405, 405, 405, 405),
    "safety_plans:rules":           (302, 302, 302, 403),  # a fragment for htmx; a full request goes to the plan
    "safety_plans:rule_create":     (200, 200, 200, 403),
    "safety_plans:rule_edit":       (200, 200, 200, 403),
    "safety_plans:rule_delete":     (405, 405, 405, 405),
    "safety_plans:contact_add":     (200, 200, 200, 403),
    "safety_plans:agreement_add":   (200, 200, 200, 403),
    "safety_plans:contact_edit":    (200, 200, 200, 403),
    "safety_plans:contact_delete":  (405, 405, 405, 405),
    "safety_plans:agreement_edit":  (200, 200, 200, 403),
    "safety_plans:agreement_delete": (405, 405, 405, 405),
    "safety_plans:sign_off":        (200, 200, 200, 403),
    "safety_plans:check_in_create": (200, 200, 200, 403),
    "safety_plans:plan_pdf":        (200, 200, 200, 403),
    "uploads:file":                 (200, 200, 200, 403),
    "uploads:file_delete":          (200, 200, 200, 403),  # GET is the confirmation page
    "child_voice:overview":                 (200, 200, 200, 403),
    "child_voice:conversation_create":      (200, 200, 200, 403),
    "child_voice:conversation":             (200, 200, 200, 403),
    "child_voice:conversation_edit":        (200, 200, 200, 403),
    "child_voice:conversation_delete":      (200, 200, 200, 403),  # GET asks for confirmation
    "child_voice:areas":                    (302, 302, 302, 403),  # a fragment for htmx
    "child_voice:statement_create":         (200, 200, 200, 403),
    "child_voice:statement_edit":           (200, 200, 200, 403),
    "child_voice:statement_visibility":     (405, 405, 405, 405),
    "child_voice:statement_delete":         (405, 405, 405, 405),
    "child_voice:conversation_drawing_add": (200, 200, 200, 403),
    "child_voice:house_create":             (200, 200, 200, 403),
    "child_voice:house":                    (200, 200, 200, 403),
    "child_voice:house_edit":               (200, 200, 200, 403),
    "child_voice:house_score":              (200, 200, 200, 403),
    "child_voice:house_areas":              (302, 302, 302, 403),  # a fragment for htmx
    "child_voice:item_create":              (200, 200, 200, 403),
    "child_voice:item_edit":                (200, 200, 200, 403),
    "child_voice:item_visibility":          (405, 405, 405, 405),
    "child_voice:item_delete":              (405, 405, 405, 405),
    "child_voice:house_drawing_add":        (200, 200, 200, 403),
    "child_voice:drawing_edit":             (200, 200, 200, 403),
    "child_voice:drawing_delete":           (200, 200, 200, 403),  # GET asks for confirmation
    "child_voice:house_delete":             (200, 200, 200, 403),  # GET asks for confirmation
    "child_voice:conversation_pdf":         (200, 200, 200, 403),
    "child_voice:conversation_svg":         (200, 200, 200, 403),
    "child_voice:safety_house_pdf":         (200, 200, 200, 403),
    "child_voice:safety_house_svg":         (200, 200, 200, 403),
    "api-v1:list_stories":          (200, 200, 200, 403),
    "api-v1:create_story":          (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_story":             (200, 200, 200, 403),
    "api-v1:patch_story":           (200, 200, 200, 403),
    "api-v1:transition_story":      (405, 405, 405, 405),
    "api-v1:story_pdf":             (200, 200, 200, 403),
    "words_pictures:stories":       (200, 200, 200, 403),
    "words_pictures:story_create":  (405, 405, 405, 405),
    "words_pictures:story_detail":  (200, 200, 200, 403),
    "words_pictures:story_edit":    (200, 200, 200, 403),
    "words_pictures:story_agree":   (200, 200, 200, 403),
    "words_pictures:story_read":    (200, 200, 200, 403),
    "words_pictures:story_pdf":     (200, 200, 200, 403),
    "words_pictures:panels":        (302, 302, 302, 403),  # a fragment for htmx; a full request goes to the story
    "words_pictures:panel_create":  (200, 200, 200, 403),
    "words_pictures:panel_edit":    (200, 200, 200, 403),
    "words_pictures:panel_move":    (405, 405, 405, 405),
    "words_pictures:panel_delete":  (405, 405, 405, 405),
    "words_pictures:panel_picture": (200, 200, 200, 403),
    "words_pictures:panel_picture_remove": (405, 405, 405, 405),
    "api-v1:list_relationships":      (200, 200, 200, 403),
    "api-v1:create_relationship":     (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_relationship":        (200, 200, 200, 403),
    "api-v1:patch_relationship":      (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:delete_relationship":     (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:get_network":             (200, 200, 200, 403),
    "api-v1:set_network_coordinator": (405, 405, 405, 405),  # PUT only
    "api-v1:place_in_circle":         (405, 405, 405, 405),
    "api-v1:genogram_svg":            (200, 200, 200, 403),
    "api-v1:ecomap_svg":              (200, 200, 200, 403),
    "network:overview":               (200, 200, 200, 403),
    "network:board":                  (302, 302, 302, 403),  # a fragment for htmx; a full request goes to the page
    "network:person_add":             (200, 200, 200, 403),
    "network:relationship_add":       (200, 200, 200, 403),
    "network:relationship_edit":      (200, 200, 200, 403),
    "network:relationship_delete":    (405, 405, 405, 405),
    "network:coordinator_set":        (405, 405, 405, 405),
    "network:circle_place":           (405, 405, 405, 405),
    "network:genogram_svg":           (200, 200, 200, 403),
    "network:ecomap_svg":             (200, 200, 200, 403),
    "network:circles_svg":            (200, 200, 200, 403),
    "network:genogram_png":           (200, 200, 200, 403),
    "network:ecomap_png":             (200, 200, 200, 403),
    "network:circles_png":            (200, 200, 200, 403),
}
DENIED = (404, 405)  # 405: the method does not exist on that URL, which says nothing about the case

# Well-formed bodies, so that API writes get past schema validation and reach the access check.
VALID_BODIES = {
    ("post", "transition"): {"status": "closed", "outcome": "placed"},
    ("post", "reopen"): {"status": "assessment", "reason": "new worries"},
    ("post", "people"): {"role": "child", "first_name": "Intruder"},
    ("patch", "case_id"): {"version": 1, "family_name": "Intruder"},
    ("patch", "person_id"): {"version": 1, "first_name": "Intruder"},
    ("patch", "plan_id"): {"version": 1, "minimum_requirements": "Intruder"},
    ("patch", "story_id"): {"version": 1, "title": "Intruder"},
    ("patch", "conversation_id"): {"version": 1, "note": "Intruder"},
    ("patch", "house_id"): {"version": 1, "note": "Intruder"},
    ("post", "checkins"): {"source": "call"},
    ("post", "sign-offs"): {"person": 1, "how": "phone"},
    ("post", "relationships"): {"person_a": 1, "person_b": 2, "kind": "sibling"},
    ("patch", "relationship_id"): {"version": 1, "note": "Intruder"},
    ("post", "circles"): {"person": 1, "circle": "inner"},
}
# Where the last segment of the URL is not enough to tell the body apart.
VALID_BODIES_BY_ROUTE = {
    ("post", "api-v1:transition_safety_plan"): {"status": "proposed"},
    ("post", "api-v1:transition_story"): {"status": "read_with_children"},
}


def _body(route: Route, method: str) -> dict:
    if (method, route.name) in VALID_BODIES_BY_ROUTE:
        return VALID_BODIES_BY_ROUTE[(method, route.name)]
    last = route.template.rstrip("/").rsplit("/", 1)[-1]
    key = last.strip("<>").split(":")[-1]
    return VALID_BODIES.get((method, key), {})


@pytest.fixture
def values(case, child, parent, caseworker, team_lead, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assignment = CaseAssignment.objects.get(case=case, user=caseworker)
    token, _key = token_create(user=team_lead)
    loaded = legacy_access_case(caseworker, case.pk, Perm.CHANGE)
    map_ = mapping.map_create(actor=caseworker, case=loaded, title="First")
    entry = mapping.entry_create(actor=caseworker, case=loaded, map_=map_, voice=f"person:{child.pk}",
                                 part="strengths", text="Freja goes to school every day")
    stance = mapping.stance_set(actor=caseworker, case=loaded, entry=entry, voice=f"user:{caseworker.pk}",
                                agrees=True)
    scale = mapping.scale_set(actor=caseworker, case=loaded, map_=map_, voice=f"person:{child.pk}", score=5)
    plan = safety_plans.plan_create(actor=caseworker, case=loaded)
    rule = safety_plans.rule_create(actor=caseworker, case=loaded, plan=plan, text="Grandma stays in the house",
                                    responsible=child.pk, periods=list(CELLS))
    contact = safety_plans.contact_add(actor=caseworker, case=loaded, plan=plan, person=child.pk)
    agreement = safety_plans.agreement_add(actor=caseworker, case=loaded, plan=plan, agency="School",
                                           agreement="Calls the social worker when Freja is absent")
    story = words_pictures.story_create(actor=caseworker, case=loaded)
    panel = words_pictures.panel_create(actor=caseworker, case=loaded, story=story, section="what_happened",
                                        text="Mum and Dad shouted a lot", figures=["adult", "house"])
    conversation = child_voice.conversation_create(actor=caseworker, case=loaded, child=child.pk)
    statement = child_voice.statement_create(actor=caseworker, case=loaded, conversation=conversation,
                                             area="good", text="Playing football with dad")
    house = child_voice.safety_house_create(actor=caseworker, case=loaded, child=child.pk)
    relationship = network.relationship_create(actor=caseworker, case=loaded, person_a=parent.pk,
                                               person_b=child.pk, kind="parent")
    item = child_voice.house_item_create(actor=caseworker, case=loaded, house=house, area="roof",
                                         text="Nobody shouts")
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(png, "PNG")
    drawing = child_voice.drawing_add(actor=caseworker, case=loaded, conversation=conversation,
                                      upload=SimpleUploadedFile("house.png", png.getvalue(), "image/png"))
    return {
        "conversation_id": conversation.pk, "statement_id": statement.pk, "house_id": house.pk, "item_id": item.pk,
        "drawing_id": drawing.pk, "file_id": drawing.file_id,
        "case_id": case.pk, "person_id": child.pk, "assignment_id": assignment.pk, "token_id": token.pk,
        "user_id": caseworker.pk, "basis_id": 1, "uidb64": "MQ", "token": "set-password",
        "map_id": map_.pk, "entry_id": entry.pk, "stance_id": stance.pk, "scale_id": scale.pk, "part": "strengths",
        "plan_id": plan.pk, "rule_id": rule.pk, "contact_id": contact.pk, "agreement_id": agreement.pk,
        "kind": "family", "story_id": story.pk, "panel_id": panel.pk,
        "audience": "parents", "relationship_id": relationship.pk,
    }


def _get(user, route: Route, values, client_for, api_client_for):
    client = api_client_for(user) if route.is_api else client_for(user)
    return client.get(route.url(values))


def test_the_walk_finds_the_case_urls():
    names = {r.name for r in CASE_ROUTES}
    assert {"cases:detail", "cases:person_edit", "api-v1:get_case", "api-v1:get_person"} <= names


def test_every_case_url_is_in_the_expected_table():
    missing = sorted({r.name for r in CASE_ROUTES} - set(EXPECTED))
    assert not missing, f"new case-scoped URLs; add what each role gets to EXPECTED: {missing}"


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_case_urls_answer_assigned_users_as_expected(route, values, case, caseworker, consultant, team_lead, auditor,
                                                       client_for, api_client_for):
    expected = EXPECTED[route.name]
    got = []
    for user in (caseworker, consultant, team_lead, auditor):
        reads = AuditEvent.objects.filter(actor=user, action__in=["view", "export"], case_id=case.pk)
        before = reads.count()
        response = _get(user, route, values, client_for, api_client_for)
        got.append(response.status_code)
        if response.status_code == 200:
            # Every read (or download) of a case's data leaves its trace in the audit trail.
            after = reads.count()
            assert after == before + 1, f"{route.name} read by {user.username} was not audited"
    assert tuple(got) == expected


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_case_urls_answer_404_to_everyone_else(route, method, values, colleague, org_admin, stranger, case,
                                               client_for, api_client_for):
    people_before = Person.objects.filter(case=case).count()
    for user in (colleague, org_admin, stranger):
        client = api_client_for(user) if route.is_api else client_for(user)
        if method == "get":
            response = client.get(route.url(values))
        else:
            response = getattr(client, method)(route.url(values), data=_body(route, method),
                                               content_type="application/json")
        assert response.status_code in DENIED, f"{user.username} {method.upper()} {route.url(values)}"
        assert b"S\xc3\xb8rensen" not in response.content  # nothing of the case leaks into the answer
    assert Person.objects.filter(case=case).count() == people_before


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_a_case_of_another_organisation_is_404_even_for_its_own_kind_of_role(route, values, stranger,
                                                                             client_for, api_client_for):
    # The stranger is a caseworker too: the role alone never opens a case.
    response = _get(stranger, route, values, client_for, api_client_for)
    assert response.status_code in DENIED


@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda r: r.name or r.template)
def test_everything_but_the_public_pages_needs_a_login(route, values, client):
    if route.name in PUBLIC:
        return
    response = client.get(route.url(values))
    if route.is_api:
        assert response.status_code in (401, 405), route.template
    else:
        assert response.status_code in (302, 405), route.template
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


def test_the_public_list_names_only_existing_urls():
    assert {r.name for r in ALL_ROUTES} >= PUBLIC


@pytest.mark.parametrize("route", [r for r in OTHER_ROUTES if r.name not in PUBLIC], ids=lambda r: r.name)
def test_no_other_page_shows_case_content_to_those_who_may_not_see_it(route, values, case, child, colleague,
                                                                       org_admin, auditor, stranger, client_for,
                                                                       api_client_for):
    # A new list, report or export page must not show a family's or child's name to the wrong people.
    for user in (colleague, org_admin, auditor, stranger):
        response = _get(user, route, values, client_for, api_client_for)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for marker in (case.family_name, child.first_name):
            assert marker.encode() not in content, f"{user.username} sees {marker!r} on {route.template}"
