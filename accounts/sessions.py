"""Sessions end after a period without requests, renewed at most once a minute.

Renewing a session means writing it to the database. Doing that on every request
(SESSION_SAVE_EVERY_REQUEST) costs a write and a commit per page view, so a signed-in
session is renewed only when its last renewal is older than SESSION_RENEW_AFTER_SECONDS.
The session therefore ends between SESSION_COOKIE_AGE minus that interval and
SESSION_COOKIE_AGE after the last request: never later than the stated timeout.

Each request learns how long its session has left (request.session_seconds_left), so
that the page's timeout warning counts down from the server's real expiry.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

RENEWED_AT = "_session_renewed_at"


def renew(session) -> None:
    """Start the session's timeout again from now (it is saved with the response)."""
    session[RENEWED_AT] = int(time.time())


class SessionRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SESSION_KEY) is not None:
            since_renewal = int(time.time()) - session.get(RENEWED_AT, 0)
            if since_renewal >= settings.SESSION_RENEW_AFTER_SECONDS:
                renew(session)
                since_renewal = 0
            request.session_seconds_left = max(0, settings.SESSION_COOKIE_AGE - since_renewal)
        return self.get_response(request)
