"""Request size limit with a GOV.UK answer."""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve


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
