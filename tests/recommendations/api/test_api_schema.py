"""The OpenAPI description: valid OpenAPI 3.1 (openapi-spec-validator), served at
/api/v1/openapi.json to anyone signed in or holding a token, generated from the code,
with every route and its errors; and its documentation page, served from the project's
own static files under the Content Security Policy."""

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from tests.conftest import client_as
from tests.recommendations.api.api_support import openapi, token_client

pytestmark = pytest.mark.django_db
ERRORS = {"400", "401", "403", "404", "429"}


def test_the_description_is_valid_openapi():
    schema = openapi()
    assert schema["openapi"].startswith("3.1")
    validate(schema)


def test_every_route_documents_its_errors_and_security():
    schema = openapi()
    assert {"apiToken", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    for path, item in schema["paths"].items():
        assert set(item) == {"get"}, f"{path} answers more than GET"
        assert ERRORS <= set(item["get"]["responses"]), path


def test_the_plan_and_submission_documents_say_they_answer_304():
    paths = openapi()["paths"]
    for path in ["/api/v1/plans/{slug}/", "/api/v1/plans/{slug}/submissions/{number}/"]:
        operation = paths[path]["get"]
        assert "304" in operation["responses"]
        assert "If-None-Match" in {p["name"] for p in operation["parameters"]}


def test_the_served_description_is_the_generated_one(client, django_user_model):
    user = django_user_model.objects.create_user("someone", password="pw")
    assert client.get("/api/v1/openapi.json").status_code == 401
    token, _ = token_client(user)
    served = token.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json() == openapi()


def test_the_docs_page_uses_our_own_files_and_no_inline_script(seeded):
    response = client_as(seeded, "reviewer").get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/static/js/api-docs.js" in html
    assert "<script>" not in html and "http://" not in html.replace("http://testserver", "")
    assert "cdn" not in html.lower()
    for name in [
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "js/api-docs.js",
    ]:
        assert finders.find(name), f"{name} is not among the static files"
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "default-src 'self'" in policy
