"""Schemathesis against the API's own OpenAPI description, as the caseworker of a case that holds one of each thing:
no answer is a server error and every answer matches the schema, without a field it does not declare (the answers'
schemas are checked with `additionalProperties: false`, strict_schema.py).

The description comes from the NinjaAPI object (not over HTTP, where it is for token holders only); the requests go
through Django's WSGI handler in the test's own transaction. Every path id is that of the case's own thing (random
ids would only meet the access policy's 404, which the access matrix covers), so the generated bodies and queries
reach the services. Bounded for CI: a few examples per operation, derandomised so a run is repeatable.
Run alone with `pytest -m fuzz`; SAFEHOLD_FUZZ_EXAMPLES=200 (for example) runs a longer, random search.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from safehold.accounts.services import token_create
from safehold.api.tests.strict_schema import strict_answers
from safehold.api.urls import api
from safehold.cases.tests.access_matrix import World, build_world

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# A CI run sends at most this many generated requests to each of the API's ~120 operations, and one to each PDF
# (a PDF takes about a second to draw; what varies in its request is checked on the operations that share its code).
EXAMPLES = int(os.environ.get("SAFEHOLD_FUZZ_EXAMPLES", "0")) or None
CI_EXAMPLES, CI_EXAMPLES_PDF = 4, 1

schema = schemathesis.openapi.from_dict(strict_answers(api.get_openapi_schema()))
schema.app = WSGIHandler()
OPERATIONS = {result.ok().label: result.ok() for result in schema.get_all_operations()}


@pytest.fixture(autouse=True)
def _connection_kept_open():
    """The WSGI handler closes the database connection after each answer (as Django's test client does not):
    that would end the test's transaction on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def world(build_once) -> World:
    with build_once():
        return build_world()


@pytest.fixture(scope="module")
def bearer(world, build_once) -> dict[str, str]:
    with build_once():
        _token, key = token_create(user=world.caseworker, name="fuzz")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("label", OPERATIONS)
def test_the_api_answers_within_its_schema_and_never_with_a_server_error(label, world, bearer):
    operation = OPERATIONS[label]
    known = {p.name: world.values[p.name] for p in operation.path_parameters if p.name in world.values}
    # Requests that fit the schema, and requests that break it (which must be refused with a 4xx, not crash).
    valid = operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known)
    invalid = operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=known)

    examples = EXAMPLES or (CI_EXAMPLES_PDF if label.endswith("/pdf") else CI_EXAMPLES)

    @settings(max_examples=examples, derandomize=EXAMPLES is None, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=valid | invalid)
    def answers(case):
        case.call_and_validate(headers=bearer, checks=[not_a_server_error, response_schema_conformance])

    answers()
