"""How the OpenAPI description says who may call the API: a personal API token as a
Bearer token, or the browser's session cookie (for the service's own pages)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    # By name: the authentication class lives in the accounts app.
    target_class = "accounts.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the service's “API tokens” page.",
        }
