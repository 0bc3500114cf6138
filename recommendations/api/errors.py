"""Every error of the API in one shape: `{"detail": "..."}`, and for a wrong query
parameter also `"errors": {"parameter": ["message", ...]}` (REST framework would give
the parameters alone, a shape no client could tell from data)."""

from rest_framework import exceptions
from rest_framework.views import exception_handler

BAD_QUERY = "A query parameter is wrong: see errors."


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = response.data
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors}
        response.data = {"detail": BAD_QUERY, "errors": errors}
    return response
