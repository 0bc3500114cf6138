"""The service navigation: the sections a user may use, the current one marked."""

from django import template
from django.urls import reverse

from .. import permissions

register = template.Library()


def _sections(user) -> list[tuple[str, str]]:
    # No user yet on pages answered before sign-in is read (the 413 page, say).
    role = permissions.role_of(user) if user is not None else ""
    sections = [
        ("Action plans", reverse("recommendations:plan-list")),
        ("Owners", reverse("recommendations:owner-list")),
    ]
    if role:
        sections.append(("Slipped and overdue", reverse("recommendations:slippage-report")))
    if role == permissions.ADMIN:
        sections.append(("Responding bodies", reverse("recommendations:body-list")))
        sections.append(("Archive", reverse("recommendations:archived-list")))
    return sections


@register.inclusion_tag("includes/govuk/service_navigation_items.html", takes_context=True)
def service_navigation(context) -> dict:
    """Each section with whether it is the current one (the plans section holds every
    page of the app that belongs to no other) and whether this page is its front page."""
    request = context.get("request")
    path = request.path if request else ""
    sections = _sections(getattr(request, "user", None))
    current = next((url for _, url in sections[1:] if path.startswith(url)), None)
    match = getattr(request, "resolver_match", None)
    if current is None and match is not None and match.namespace == "recommendations":
        current = sections[0][1]
    return {
        "items": [
            {"label": label, "url": url, "active": url == current, "page": url == path}
            for label, url in sections
        ]
    }
