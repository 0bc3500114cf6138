"""Who an API request is from, for Django REST framework: `Authorization: Bearer
<secret>` with a personal API token (accounts/tokens.py), and how often a token may ask.

A request with no Authorization header is left to the next class (the browser session).
A header that names a bad, expired or revoked token is refused with 401 and a JSON body,
whatever else the request carries.
"""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken
from .tokens import api_token_for, api_token_used

KEYWORD = b"bearer"
REFUSED = "The API token is not valid: it may be mistyped, expired or revoked."


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the token as 'Authorization: Bearer <token>', with no spaces in it."
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        token = api_token_for(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(REFUSED)
        api_token_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenRateThrottle(SimpleRateThrottle):
    """Requests made with a token, counted per token (settings.API_TOKEN_RATE). Pages
    that call the API with the browser's session are not counted."""

    scope = "api_token"

    def get_rate(self):
        return settings.API_TOKEN_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
