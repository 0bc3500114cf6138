"""Schemathesis against the live OpenAPI description: every GET route, as a reviewer and
as the seed plan's editor (each with a personal API token), through the project's own
WSGI application and the test database holding the seed plan.

For each route it sends the description's own examples (the seed plan's slug) and then
a bounded number of generated requests, valid and invalid (schemathesis's positive and
negative modes), and checks each answer:
no server error, a status the route documents, a JSON body and headers that match the
schema. SCHEMATHESIS_EXAMPLES raises the count for a longer run.
"""

import os

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import openapi as schemathesis_openapi
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.recommendations.api.api_support import openapi, token_client

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
SCHEMA = schemathesis_openapi.from_dict(openapi())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


def SETTINGS(count: int) -> settings:  # noqa: N802 - a decorator, named as one
    return settings(
        max_examples=max(count, 1),
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )


# An owner's id differs from one database to the next: the description gives no example.
NO_EXAMPLE = {"/api/v1/owners/{id}/"}


@pytest.fixture(scope="module")
def wsgi_app():
    """The project's WSGI application, answering within the test's transaction: as the
    test client does, requests must not close the database connection they share."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_get_route_is_exercised():
    routes = {(op.method.upper(), op.path) for op in OPERATIONS}
    assert {method for method, _ in routes} == {"GET"}
    assert len(routes) == len(openapi()["paths"]) == 11


@pytest.mark.parametrize("role", ["reviewer", "editor"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.path)
@override_settings(ALLOWED_HOSTS=["localhost"], API_TOKEN_RATE="1000000/minute")
def test_the_api_agrees_with_its_schema(seeded, wsgi_app, operation, role):
    _client, secret = token_client(seeded[role], name=f"schemathesis {role}")
    headers = {"Authorization": f"Bearer {secret}"}

    statuses: set[int] = set()

    def check(case):
        response = case.call_and_validate(app=wsgi_app, headers=headers, checks=CHECKS)
        statuses.add(response.status_code)

    examples = operation.get_strategies_from_examples()
    generated = [operation.as_strategy(mode) for mode in GenerationMode]
    for strategies, count in [(examples, len(examples)), (generated, EXAMPLES)]:
        if strategies:
            # A fresh function each time: Hypothesis settles one test's settings once.
            given(case=st.one_of(strategies))(SETTINGS(count)(lambda case: check(case)))()
    # Not only refusals: the description's examples reach the seed plan itself.
    if operation.path not in NO_EXAMPLE:
        assert 200 in statuses, f"{operation.path}: only {sorted(statuses)}"
