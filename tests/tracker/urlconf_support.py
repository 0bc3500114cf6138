"""Walking the URLconf: every URL name of the service, for tests that must cover them all."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

# The admin has its own permission system; its URLs are not the service's.
SKIPPED_NAMESPACES = {"admin"}


def _is_static(route: str) -> bool:
    prefixes = [p.lstrip("/") for p in (settings.STATIC_URL, settings.MEDIA_URL) if p]
    return any(p and route.lstrip("^/").startswith(p) for p in prefixes)


def urlconf_names(resolver=None, namespace="", prefix="") -> tuple[set[str], list[str]]:
    """Every URL name in the URLconf (namespaced), and the routes of unnamed patterns."""
    resolver = resolver or get_resolver()
    names, unnamed = set(), []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or _is_static(route):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            more, more_unnamed = urlconf_names(entry, inner, route)
            names |= more
            unnamed += more_unnamed
        elif isinstance(entry, URLPattern) and not _is_static(route):
            if entry.name:
                names.add(namespace + entry.name)
            else:
                unnamed.append(route)
    return names, unnamed
