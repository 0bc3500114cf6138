"""A snapshot as plan data: for the seed, exactly the data of its YAML fixture."""

import copy
import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from recommendations.importing.yaml_plan import plan_import
from recommendations.models import ActionPlan
from recommendations.snapshots import plan_data_from_snapshot, plan_snapshot
from tests.conftest import SEED_SLUG
from tests.recommendations.snapshots.snapshot_support import comparable, differences

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml"


@pytest.fixture(scope="module")
def fixture_data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def seed_view(seeded):
    return plan_snapshot(plan=ActionPlan.objects.get(slug=SEED_SLUG))


def test_the_seed_gives_back_its_fixture_field_by_field(seed_view, fixture_data):
    data = plan_data_from_snapshot(seed_view)
    assert differences(data, fixture_data) == []
    # Nothing needed normalising: the YAML leaves out what is empty, and so does this.
    assert data == fixture_data


def test_the_converter_keeps_what_the_seed_shows(seed_view):
    data = plan_data_from_snapshot(seed_view)
    assert data["report"]["published"] == datetime.date(2023, 7, 20)
    assert data["rounds"] == [{"label": "July 2024", "month": "2024-07"}]
    rec_7 = data["groups"][3]["recommendations"][1]
    assert rec_7["reference"] == "7" and len(rec_7["actions"]) == 5
    assert len(rec_7["progress"]) == 4
    rec_14 = next(r for g in data["groups"] for r in g["recommendations"] if r["reference"] == "14")
    revision = next(p for p in rec_14["progress"] if "revises_action" in p)
    assert revision["revises_action"] == 3 and revision["target"] == "October 2024"
    assert rec_14["actions"][2]["target"] == "March 2024"


def test_importing_the_data_under_another_slug_gives_the_same_snapshot(seed_view):
    data = copy.deepcopy(plan_data_from_snapshot(seed_view))
    data["slug"] = "ct-joint-inspection-2023-copy"
    plan, created = plan_import(data=data)
    assert created
    assert differences(comparable(plan_snapshot(plan=plan)), comparable(seed_view)) == []


def test_front_matter_the_seed_lacks_is_carried_too(seed_view):
    view = copy.deepcopy(seed_view)
    view.caveat = "Target dates may move."
    view.report_inspection_period = "23 April – 3 May 2019"
    view.milestones[0].change_note = "Dates checked."
    view.bodies[1].logo_alt = "COUNTER TERRORISM POLICING"
    data = plan_data_from_snapshot(view)
    assert data["caveat"] == "Target dates may move."
    assert data["report"]["inspection_period"] == "23 April – 3 May 2019"
    assert data["milestones"][0]["change_note"] == "Dates checked."
    assert data["bodies"][1] == {
        "name": "Counter Terrorism Policing",
        "logo_alt": "COUNTER TERRORISM POLICING",
    }
