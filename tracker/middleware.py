"""Request size limit with a GOV.UK answer."""

from django.conf import settings
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the upload limit with 413 and a clear page.

    Django itself only notices when a view reads the body, and then answers 400 with
    no explanation; checking the declared length first lets us say what went wrong.
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
            return render(request, "413.html", {"limit_mb": limit / 1024 / 1024}, status=413)
        return self.get_response(request)
