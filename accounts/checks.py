"""Deployment checks (manage.py check --deploy) for what the accounts app relies on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """The sign-in throttle counts failures in the cache: a per-process cache would let
    each server process allow its own quota of guesses."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("locmem.LocMemCache", "dummy.DummyCache")):
        return [
            Warning(
                "The default cache is per-process or does nothing, so sign-in throttling "
                "is not shared between server processes.",
                hint="Set CACHE_URL to a shared cache, such as dbcache://django_cache "
                "(then run manage.py createcachetable) or redis://...",
                id="accounts.W001",
            )
        ]
    return []
