import pytest
from django.core.management import call_command

from recommendations.models import ActionPlan

SEED_SLUG = "ct-joint-inspection-2023"


@pytest.fixture
def seed_plan(db) -> ActionPlan:
    """The published counter-terrorism plan, loaded through the documented command."""
    call_command("load_plan", verbosity=0)
    return ActionPlan.objects.get(slug=SEED_SLUG)


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.gov.uk", "pw")
