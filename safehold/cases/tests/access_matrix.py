"""What the access-matrix tests (test_access_matrix*.py) share: the URLs, what each role is answered, and a world
of cases to walk them in, built once per test module.

URL patterns are discovered from the URL configuration, so a new view is walked the moment it exists.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from PIL import Image

from safehold.accounts.models import Role, User
from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, CaseAssignment
from safehold.cases.tests import (
    access_matrix_directory,
    access_matrix_grants,
    access_matrix_help_plan,
    access_matrix_meetings,
    access_matrix_perspective,
    access_matrix_referrals,
    access_matrix_screening,
    access_matrix_subject_access,
)
from safehold.child_voice import services as child_voice
from safehold.mapping import services as mapping
from safehold.network import services as network
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.coverage import CELLS
from safehold.testing.factories import (
    AssignmentFactory,
    CaseFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
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
    def nested_ids(self) -> list[str]:
        """The ids in the URL of things inside the case (a map, a rule…)."""
        return [p for p in self.params if p.endswith("_id") and p != "case_id"]

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


def one_per_path(routes: Iterable[Route]) -> list[Route]:
    """The API names each method of a path as a route of its own ("get_case", "patch_case"); one will do when
    every method is tried on it."""
    seen: dict[str, Route] = {}
    for route in routes:
        seen.setdefault(route.template, route)
    return list(seen.values())


ALL_ROUTES = [r for r in discover() if not r.template.startswith(("admin/", "static/"))]
CASE_ROUTES = [r for r in ALL_ROUTES if "case_id" in r.params]
OTHER_ROUTES = [r for r in ALL_ROUTES if "case_id" not in r.params]

# Reachable without logging in.
PUBLIC = {
    "healthz", "favicon", "accounts:login", "accounts:set_language", "accounts:password_reset",
    "accounts:password_reset_done", "accounts:password_reset_confirm", "accounts:password_reset_complete",
    "api-v1:token_create",
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
    "cases:person_create":       (302, 302, 302, 403),  # the page is the network's: one register
    "network:person_create":     (200, 200, 200, 403),
    "cases:person_detail":       (200, 200, 200, 403),
    "cases:person_edit":         (200, 200, 200, 403),
    "cases:person_delete":       (200, 200, 200, 403),
    "cases:child_outcome":       (200, 200, 200, 403),  # a child leaves the plan
    "cases:child_outcome_withdraw": (405, 405, 405, 405),
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
    "api-v1:record_child_outcome":   (405, 405, 405, 405),
    "api-v1:withdraw_child_outcome": (405, 405, 405, 405),
    "api-v1:case_file":          (200, 200, 200, 403),
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

# Well-formed bodies, so that API writes get past schema validation and reach the access check. "<name>" is
# the world's value of that name, as in the URLs.
VALID_BODIES = {
    ("post", "transition"): {"status": "closed", "outcome": "placed"},
    ("post", "reopen"): {"status": "assessment", "reason": "new worries"},
    ("post", "outcome"): {"outcome": "moved_away"},
    ("post", "people"): {"role": "child", "first_name": "Intruder"},
    ("patch", "case_id"): {"version": 1, "family_name": "Intruder"},
    ("patch", "person_id"): {"version": 1, "first_name": "Intruder"},
    ("patch", "plan_id"): {"version": 1, "minimum_requirements": "Intruder"},
    ("patch", "story_id"): {"version": 1, "title": "Intruder"},
    ("patch", "conversation_id"): {"version": 1, "note": "Intruder"},
    ("patch", "house_id"): {"version": 1, "note": "Intruder"},
    ("post", "checkins"): {"source": "call"},
    ("post", "sign-offs"): {"person": "<parent_id>", "how": "phone"},
    ("post", "relationships"): {"person_a": "<parent_id>", "person_b": "<person_id>", "kind": "lives_with"},
    ("patch", "relationship_id"): {"version": 1, "note": "Intruder"},
    ("post", "circles"): {"person": "<parent_id>", "circle": "inner"},
    ("put", "coordinator"): {"person": "<parent_id>"},
}
# Where the last segment of the URL is not enough to tell the body apart.
VALID_BODIES_BY_ROUTE = {
    ("post", "api-v1:transition_safety_plan"): {"status": "proposed"},
    ("post", "api-v1:transition_story"): {"status": "read_with_children"},
}

# The tools that keep their rows in a module of their own (access_matrix_<tool>.py, each with EXPECTED,
# VALID_BODIES, VALID_BODIES_BY_ROUTE and fill()), so that a new tool adds its URLs without editing this table.
TOOL_MATRICES = (access_matrix_meetings, access_matrix_perspective, access_matrix_help_plan, access_matrix_screening,
                 access_matrix_referrals, access_matrix_directory, access_matrix_grants,
                 access_matrix_subject_access)
for _tool in TOOL_MATRICES:
    EXPECTED.update(_tool.EXPECTED)
    VALID_BODIES.update(_tool.VALID_BODIES)
    VALID_BODIES_BY_ROUTE.update(_tool.VALID_BODIES_BY_ROUTE)


def body_for(route: Route, method: str, values: dict[str, int | str]) -> dict:
    if (method, route.name) in VALID_BODIES_BY_ROUTE:
        body = VALID_BODIES_BY_ROUTE[(method, route.name)]
    else:
        last = route.template.rstrip("/").rsplit("/", 1)[-1]
        body = VALID_BODIES.get((method, last.strip("<>").split(":")[-1]), {})
    return {key: _value_of(value, values) for key, value in body.items()}


def _value_of(value: object, values: dict[str, int | str]) -> object:
    name = PARAM.fullmatch(value) if isinstance(value, str) else None
    return values[name.group(1)] if name else value


def send(client: Client, route: Route, values: dict[str, int | str], method: str = "get"):
    """One request: the API gets its JSON body; a page gets a plain form post (empty: the policy answers first)."""
    url = route.url(values)
    if method == "get":
        return client.get(url)
    if route.is_api:
        return client.generic(method.upper(), url, data=json.dumps(body_for(route, method, values)),
                              content_type="application/json")
    return client.generic(method.upper(), url)


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the world the matrix walks ----------------------------------------------------------------------------

@dataclass
class World:
    caseworker: User  # alice, assigned to both cases
    consultant: User  # carla, assigned to `case`
    team_lead: User  # tom, leads the team of both cases
    colleague: User  # bob, a caseworker of the same team, on neither case
    org_admin: User
    auditor: User
    stranger: User  # sam, a caseworker of another organisation
    case: Case
    values: dict[str, int | str]  # what each URL parameter is, for `case` and its things
    markers: tuple[str, ...]  # the family's and the child's names
    other_case: Case  # a second case of alice's, with things of its own
    other_values: dict[str, int | str]
    other_markers: tuple[str, ...]  # words only the other case holds


def build_world() -> World:
    """The cast of the root conftest (alice, carla, tom, bob, olga, aud, sam), a case with one of each thing a
    tool keeps on it, and a second case of alice's with its own."""
    organisation = OrganisationFactory(name="Jugendamt Dortmund")
    team = TeamFactory(organisation=organisation, name="ASD Nord")
    other_organisation = OrganisationFactory(name="Roskilde Kommune", country="DK")
    caseworker = UserFactory(username="alice", organisation=organisation, roles=[(Role.CASEWORKER, team)])
    consultant = UserFactory(username="carla", organisation=organisation, roles=[(Role.CONSULTANT, team)])
    team_lead = UserFactory(username="tom", organisation=organisation, roles=[(Role.TEAM_LEAD, team)])
    case = CaseFactory(organisation=organisation, team=team, reference="JA-2026-0001", family_name="Sørensen")
    AssignmentFactory(case=case, user=consultant, role=CaseAssignment.Role.CONSULTANT)
    other_case = CaseFactory(organisation=organisation, team=team, reference="JA-2026-0002", family_name="Lindqvist")
    token, _key = token_create(user=team_lead)
    values = {
        **_fill(case, caseworker, child_name="Freja", parent_name="Camilla", word="football"),
        "token_id": token.pk, "user_id": caseworker.pk, "basis_id": 1, "uidb64": "MQ", "token": "set-password",
        "part": "strengths", "kind": "family", "audience": "parents",
    }
    return World(
        caseworker=caseworker, consultant=consultant, team_lead=team_lead,
        colleague=UserFactory(username="bob", organisation=organisation, roles=[(Role.CASEWORKER, team)]),
        org_admin=UserFactory(username="olga", organisation=organisation, roles=[Role.ORG_ADMIN]),
        auditor=UserFactory(username="aud", organisation=organisation, roles=[Role.AUDITOR]),
        stranger=UserFactory(username="sam", organisation=other_organisation,
                             roles=[(Role.CASEWORKER, TeamFactory(organisation=other_organisation))]),
        case=case, values=values, markers=("Sørensen", "Freja"),
        other_case=other_case,
        other_values={**values, **_fill(other_case, caseworker, child_name="Oskar", parent_name="Maja",
                                        word="Kestrel")},
        other_markers=("Lindqvist", "Oskar", "Kestrel"),
    )


def _fill(case: Case, caseworker: User, *, child_name: str, parent_name: str, word: str) -> dict[str, int | str]:
    """Assign the caseworker and put one of each thing on the case; `word` is in every text."""
    assignment = AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    child = PersonFactory(case=case, role="child", first_name=child_name, last_name=case.family_name)
    parent = PersonFactory(case=case, role="parent", first_name=parent_name, last_name=case.family_name)
    map_ = mapping.map_create(actor=caseworker, case=case, title="First")
    entry = mapping.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{child.pk}",
                                 part="strengths", text=f"{child_name} plays {word} every day")
    stance = mapping.stance_set(actor=caseworker, case=case, entry=entry, voice=f"user:{caseworker.pk}", agrees=True)
    scale = mapping.scale_set(actor=caseworker, case=case, map_=map_, voice=f"person:{child.pk}", score=5)
    plan = safety_plans.plan_create(actor=caseworker, case=case)
    rule = safety_plans.rule_create(actor=caseworker, case=case, plan=plan, text=f"Grandma stays in the house ({word})",
                                    responsible=child.pk, periods=list(CELLS))
    contact = safety_plans.contact_add(actor=caseworker, case=case, plan=plan, person=child.pk)
    agreement = safety_plans.agreement_add(actor=caseworker, case=case, plan=plan, agency="School",
                                           agreement=f"Calls the social worker when {child_name} is absent")
    story = words_pictures.story_create(actor=caseworker, case=case)
    panel = words_pictures.panel_create(actor=caseworker, case=case, story=story, section="what_happened",
                                        text=f"Mum and Dad shouted a lot about {word}", figures=["adult", "house"])
    conversation = child_voice.conversation_create(actor=caseworker, case=case, child=child.pk)
    statement = child_voice.statement_create(actor=caseworker, case=case, conversation=conversation,
                                             area="good", text=f"Playing {word} with dad")
    house = child_voice.safety_house_create(actor=caseworker, case=case, child=child.pk)
    item = child_voice.house_item_create(actor=caseworker, case=case, house=house, area="roof",
                                         text=f"Nobody shouts about {word}")
    relationship = network.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                               kind="parent")
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(png, "PNG")
    drawing = child_voice.drawing_add(actor=caseworker, case=case, conversation=conversation,
                                      upload=SimpleUploadedFile("house.png", png.getvalue(), "image/png"))
    values: dict[str, int | str] = {}
    for tool in TOOL_MATRICES:
        values.update(tool.fill(case, caseworker, child=child, parent=parent, word=word))
    return {
        **values,
        "case_id": case.pk, "person_id": child.pk, "parent_id": parent.pk, "assignment_id": assignment.pk,
        "map_id": map_.pk, "entry_id": entry.pk, "stance_id": stance.pk, "scale_id": scale.pk,
        "plan_id": plan.pk, "rule_id": rule.pk, "contact_id": contact.pk, "agreement_id": agreement.pk,
        "story_id": story.pk, "panel_id": panel.pk,
        "conversation_id": conversation.pk, "statement_id": statement.pk, "house_id": house.pk, "item_id": item.pk,
        "drawing_id": drawing.pk, "file_id": drawing.file_id, "relationship_id": relationship.pk,
    }


# --- "nothing changed" --------------------------------------------------------------------------------------

CONTENT_APPS = ("cases", "meetings", "mapping", "safety_plans", "words_pictures", "child_voice", "network",
                "uploads", "perspective", "screening", "resources")


def snapshot() -> dict[str, tuple]:
    """A cheap fingerprint of everything a case holds: per table the number of rows, the sum of their versions
    and the latest change (a new, deleted or changed row moves one of them), and the writes on the audit trail."""
    prints: dict[str, tuple] = {}
    for model in (m for label in CONTENT_APPS for m in apps.get_app_config(label).get_models()):
        fields = {f.name: f for f in model._meta.concrete_fields}
        aggregates: dict[str, models.Aggregate] = {"rows": models.Count("pk")}
        if "version" in fields:
            aggregates["versions"] = models.Sum("version")
        aggregates |= {name: models.Max(name) for name, f in fields.items() if getattr(f, "auto_now", False)}
        prints[model._meta.label] = tuple(sorted(model._base_manager.aggregate(**aggregates).items()))
    writes = AuditEvent.objects.filter(action__in=["create", "update", "delete"])
    prints["audit.writes"] = (writes.count(),)
    return prints
