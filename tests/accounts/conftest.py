import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Sign-in failures are counted in the cache: no test sees another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="right-password")
