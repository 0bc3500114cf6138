"""Request size limit, and the database's outages, with GOV.UK answers."""

import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.views import defaults


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the upload limit with 413 and a clear page.

    Django itself only notices when a view reads the body, and then answers 400 with
    no explanation; checking the declared length first lets us say what went wrong.
    A view that takes files names its own, larger limit (`request_max_bytes`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            limit = max(limit, upload_limit(request))
        if limit is not None and length > limit:
            return render(request, "413.html", {"limit_mb": limit / 1024 / 1024}, status=413)
        return self.get_response(request)


def upload_limit(request) -> int:
    """The larger body a file upload view allows (its `request_max_bytes`), or 0."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return 0
    view_class = getattr(match.func, "view_class", None)
    return getattr(view_class, "request_max_bytes", 0)


# --- The database unavailable: GOV.UK's "service unavailable" answer ---------------------

# What a dropped or refused database connection raises, whichever layer notices it:
# Django wraps psycopg's own OperationalError and InterfaceError in these.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
API_UNAVAILABLE = "The service is unavailable. Try again shortly."


def server_error(request):
    """The 500 handler (handler500 in tracker/urls.py), which tells a database outage
    from a fault in the service.

    Not a middleware, though that would seem the natural place: Django wraps every
    middleware in its own exception-to-response conversion, so an error raised by the
    session or authentication middleware (both read the database) has already become a
    500 response before any outer middleware could look at it. The 500 handler is the
    one place every such error reaches, views' and middleware's alike, and it is called
    inside the `except` block, so the exception is at hand. Django has logged it already
    at error level, with its traceback (django.request, "Service Unavailable: /path").

    Nothing here touches the database or the session: they may be what failed. The
    pages are rendered with no request, as Django renders 500.html.
    """
    error = sys.exception()
    if not isinstance(error, DATABASE_UNAVAILABLE):
        return defaults.server_error(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": API_UNAVAILABLE}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    # Connections are replaced at the end of this request (close_old_connections closes
    # one that has failed), so the next request after the database is back succeeds.
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
