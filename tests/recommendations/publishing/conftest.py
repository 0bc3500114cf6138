"""Fixtures for the recommendations tests: the seed plan's published renders, made once."""

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="session")
def seed(django_db_setup, django_db_blocker):
    """The seed plan rendered now and at its first submission, in a rolled-back load:
    once for the session, shared by the publishing test modules (each render takes
    seconds). Imported here, not at the top, so that only the tests asking for it
    depend on the publishing code."""
    from recommendations.models import ActionPlan
    from tests.recommendations.publishing.publishing_support import (
        FIRST_SUBMISSION,
        SEED_DATA,
        Rendered,
    )

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_plan", verbosity=0)
        plan = ActionPlan.objects.get(slug=SEED_DATA["slug"])
        renders = {"now": Rendered(plan), "first": Rendered(plan, FIRST_SUBMISSION)}
        transaction.set_rollback(True)
    return renders
