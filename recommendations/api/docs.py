"""The API's documentation page (Swagger UI from our own static files) and its OpenAPI
description, generated from the code by drf-spectacular."""

from django.conf import settings
from django.urls import reverse
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import IsAuthenticated

from . import security  # noqa: F401 - registers the token scheme with drf-spectacular
from .base import ReadOnlyView

# Swagger UI's stylesheet draws its icons as data: images, and it styles elements as it
# renders them; scripts stay this site's own, as everywhere.
DOCS_CSP_EXTRA = {"img-src": ["'self'", "data:"], "style-src": ["'self'", "'unsafe-inline'"]}


def docs_csp() -> dict:
    return {**settings.SECURE_CSP, **DOCS_CSP_EXTRA}


class OpenApiView(ReadOnlyView, SpectacularJSONAPIView):
    """The OpenAPI 3 description: for anyone signed in or holding a token (401 else)."""

    permission_classes = [IsAuthenticated]
    pagination_class = None


class DocsView(TemplateView):
    """A page for people: signed-in users only (sign-in first, like every page)."""

    template_name = "api/docs.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response._csp_config = docs_csp()  # read by Django's CSP middleware
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(schema_url=reverse("api:schema"), **kwargs)
