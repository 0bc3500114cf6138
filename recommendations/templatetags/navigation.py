"""The service navigation: the sections a user may use, the current one marked."""

from django import template
from django.urls import reverse

from .. import permissions

register = template.Library()


def _sections(user) -> list[tuple[str, str]]:
    # No user yet on pages answered before sign-in is read (the 413 page, say).
    role = permissions.role_of(user) if user is not None else ""
    sections = [
        ("Dashboard", reverse("recommendations:dashboard")),
        ("Action plans", reverse("recommendations:plan-list")),
        ("Owners", reverse("recommendations:owner-list")),
    ]
    if role:
        sections.append(("Slipped and overdue", reverse("recommendations:slippage-report")))
    if role == permissions.ADMIN:
        sections.append(("Responding bodies", reverse("recommendations:body-list")))
        sections.append(("Archive", reverse("recommendations:archived-list")))
        sections.append(("Messages", reverse("recommendations:message-list")))
    return sections


def _current(path: str, sections: list[tuple[str, str]], in_app: bool) -> str | None:
    """The section this page belongs to: the dashboard only on itself (every path starts
    with its "/"), another by the start of the path, and the plans section for every
    other page of the app."""
    home, plans = sections[0][1], sections[1][1]
    if path == home:
        return home
    current = next((url for _, url in sections[1:] if path.startswith(url)), None)
    return current or (plans if in_app else None)


@register.inclusion_tag("includes/govuk/service_navigation_items.html", takes_context=True)
def service_navigation(context) -> dict:
    """Each section with whether it is the current one and whether this page is its
    front page."""
    request = context.get("request")
    path = request.path if request else ""
    sections = _sections(getattr(request, "user", None))
    match = getattr(request, "resolver_match", None)
    in_app = match is not None and match.namespace == "recommendations"
    current = _current(path, sections, in_app)
    return {
        "items": [
            {"label": label, "url": url, "active": url == current, "page": url == path}
            for label, url in sections
        ]
    }
