"""What the API's tests share: the OpenAPI description (generated once), and GETs whose
every answer is checked against it: its status must be one the route documents, and
its JSON body must match the schema documented for that status."""

import functools
import json
import re

from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_schema_validator import OAS31Validator

from accounts.tokens import api_token_create

SEED = "ct-joint-inspection-2023"


@functools.cache
def openapi() -> dict:
    """The OpenAPI description, exactly as /api/v1/openapi.json serves it."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def _template_regex(template: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")


@functools.cache
def _routes() -> list[tuple[re.Pattern, str]]:
    return [(_template_regex(path), path) for path in openapi()["paths"]]


def operation_for(path: str) -> tuple[str, dict]:
    for regex, template in _routes():
        if regex.match(path):
            return template, openapi()["paths"][template]["get"]
    # No route: the catch-all's JSON 404 (as documented for every route).
    return path, {"responses": {"404": openapi()["paths"]["/api/v1/"]["get"]["responses"]["404"]}}


def check_against_schema(path: str, response) -> None:
    """The answer is one the description documents, body and all."""
    template, operation = operation_for(path)
    status = str(response.status_code)
    documented = operation["responses"]
    assert status in documented, f"GET {path}: {status} is not documented for {template}"
    content = documented[status].get("content")
    if content is None:
        assert not response.content, f"GET {path}: {status} should have no body"
        return
    assert response["Content-Type"].startswith("application/json"), path
    schema = {**content["application/json"]["schema"], "components": openapi()["components"]}
    errors = sorted(OAS31Validator(schema).iter_errors(response.json()), key=str)
    assert not errors, f"GET {path} ({status}) disagrees with the schema: {errors[:3]}"


def api_get(client: Client, url: str, **headers):
    """GET an API URL and check the answer against the OpenAPI description."""
    response = client.get(url, headers=headers)
    check_against_schema(url.split("?")[0], response)
    return response


def token_client(user, name: str = "Test token") -> tuple[Client, str]:
    """A client with no session, sending a fresh personal API token of this user."""
    import datetime

    _token, secret = api_token_create(
        user=user, name=name, expires_on=datetime.date.today() + datetime.timedelta(days=30)
    )
    return Client(headers={"Authorization": f"Bearer {secret}"}), secret
