"""Writing a whole plan in bulk: the rows and history of saving row by row, every
problem of the data reported with where, and nothing written unless all of it is."""

import copy
import datetime
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.exceptions import ValidationError

from recommendations.importing import writer
from recommendations.importing.checks import PlanDataError, plan_data_check
from recommendations.importing.reading import Problem
from recommendations.importing.writer import plan_import
from recommendations.models import (
    Action,
    ActionPlan,
    Owner,
    ProgressUpdate,
    Recommendation,
)

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "ct-joint-inspection-2023.yaml"
REASON = "Imported from plan.docx"
UTC = datetime.UTC


def seed_data() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def recs_of(data: dict) -> list[dict]:
    return [r for g in data["groups"] for r in g.get("recommendations") or []]


def distinct(names: list[str]) -> list[str]:
    """A cell's owners as the published plan means them: each role once, in order."""
    kept = []
    for name in names:
        name = " ".join(name.split())
        if name.casefold() not in [k.casefold() for k in kept]:
            kept.append(name)
    return kept


@pytest.fixture
def importer(django_user_model):
    return django_user_model.objects.create_user("importer")


def test_seed_history_rows_are_those_of_saving_row_by_row(importer):
    data = seed_data()
    plan, created = plan_import(data=data, user=importer, reason=REASON, freeze=False)
    assert created
    # The plan as first submitted (28 July 2023) dates the content, in the morning;
    # the July 2024 round's progress is dated by the update submitted on 9 August 2024.
    submitted = datetime.datetime(2023, 7, 28, 9, tzinfo=UTC)
    reported = datetime.datetime(2024, 8, 9, 9, tzinfo=UTC)
    recs = recs_of(data)
    actions = [a for r in recs for a in r["actions"]]
    progress = [p for r in recs for p in r.get("progress") or []]

    history = Recommendation.history.filter(group__plan=plan)
    assert history.count() == len(recs) == 20
    assert set(history.values_list("history_type", "history_date")) == {("+", submitted)}

    # An action is created ("+"), then its owners named, as one more revision ("~").
    history = Action.history.filter(recommendation__group__plan=plan)
    assert history.count() == 2 * len(actions)
    assert sorted(history.values_list("history_type", flat=True)) == ["+"] * len(actions) + [
        "~"
    ] * len(actions)
    assert set(history.values_list("history_date", flat=True)) == {submitted}

    history = ProgressUpdate.history.filter(recommendation__group__plan=plan)
    assert history.count() == 2 * len(progress)
    assert set(history.values_list("history_date", flat=True)) == {reported}

    names = {name.casefold() for row in actions + progress for name in distinct(row["owners"])}
    assert Owner.history.count() == Owner.objects.count() == len(names)

    # Every history row of the import names who and why.
    for model in apps.get_app_config("recommendations").get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user"):
            rows = model.objects.all()
            assert set(rows.values_list("history_user", "history_change_reason")) <= {
                (importer.pk, REASON)
            }, model.__name__


def test_each_owner_revision_names_the_owners_in_the_order_of_the_cell(importer):
    data = seed_data()
    plan, _ = plan_import(data=data, user=importer, freeze=False)
    expected = [
        (r["reference"], a_index, distinct(a["owners"]))
        for r in recs_of(data)
        for a_index, a in enumerate(r["actions"])
    ]
    found = []
    for revision in Action.history.filter(
        recommendation__group__plan=plan, history_type="~"
    ).order_by("recommendation__group__position", "recommendation__position", "position"):
        owners = revision.owners.order_by("m2m_history_id")
        found.append(
            (
                revision.instance.recommendation.reference,
                revision.position,
                [Owner.objects.get(pk=row.owner_id).name for row in owners],
            )
        )
    assert found == expected
    total = sum(len(names) for _, _, names in expected)
    assert Action.owners.through.objects.count() == total


def test_without_a_reason_history_has_none_as_saving_row_by_row_had():
    plan, _ = plan_import(data=small_plan(), freeze=False)
    reasons = set(Recommendation.history.values_list("history_change_reason", flat=True))
    reasons |= set(Action.history.values_list("history_change_reason", flat=True))
    assert reasons == {None}
    assert plan.milestones.filter(submitted_at__isnull=False).count() == 1


def test_the_submissions_are_frozen_unless_asked_not_to():
    plan, _ = plan_import(data=small_plan())
    assert plan.submission_records.count() == 1
    later, _ = plan_import(data=small_plan(slug="later"), freeze=False)
    assert later.submission_records.count() == 0


def small_plan(slug: str = "small") -> dict:
    return {
        "slug": slug,
        "title": "A small plan",
        "report": {"title": "A small report"},
        "bodies": [{"name": "HM Prison & Probation Service"}],
        "milestones": [
            {"kind": "plan_submitted", "label": "Plan Submitted", "date": datetime.date(2024, 1, 5)}
        ],
        "rounds": [{"label": "July 2024", "month": "2024-07"}],
        "groups": [
            {
                "heading": "The Ministry should:",
                "recommendations": [
                    {
                        "reference": str(n),
                        "text": f"Recommendation {n}",
                        "actions": [
                            {"text": "Do it", "owners": ["Head of Policy"], "target": "March 2025"},
                            {"text": "Then this", "owners": ["Head of Data"], "target": "May 2025"},
                        ],
                        "progress": [
                            {
                                "round": "July 2024",
                                "text": "Going well",
                                "status": "in_progress",
                                "owners": ["Head of Policy"],
                            }
                        ],
                    }
                    for n in (1, 2, 3)
                ],
            }
        ],
    }


def test_check_reports_every_problem_with_where():
    data = small_plan()
    data["rounds"].append({"label": "Summer", "month": "Summer 2024"})
    recs = data["groups"][0]["recommendations"]
    recs[0]["agreement"] = "maybe"
    recs[0]["actions"][1]["status"] = "stalled"
    recs[0]["actions"][1]["target"] = "Soon"
    recs[1]["reference"] = "1"
    recs[1]["progress"][0]["round"] = "January 2025"
    recs[1]["progress"][0]["revises_action"] = 3
    recs[2]["agreement"] = "partly_agreed"
    recs[2]["reasons"] = ["policy"]
    del recs[2]["text"]
    recs[2]["actions"][0]["owners"] = ["  "]
    recs[2]["progress"][0].update(revises_action=1, target="Later")

    assert plan_data_check(data=data) == [
        Problem("rounds[1]", "'Summer 2024' is not a month (YYYY-MM)"),
        Problem(
            "recommendation 1", "agreement 'maybe' is not one of: agreed, partly_agreed, not_agreed"
        ),
        Problem(
            "recommendation 1, action 2",
            "status 'stalled' is not one of: in_progress, completed, completed_ongoing, delayed, "
            "superseded, implemented, not_implemented",
        ),
        Problem(
            "recommendation 1, action 2",
            (
                "target: Enter a target date that includes a month and year, such as March 2024 "
                "or end of 2023-24"
            ),
        ),
        Problem("recommendation 1", "the reference '1' is used twice in this plan"),
        Problem(
            "recommendation 1, progress entry 1",
            "round 'January 2025' is not listed under rounds",
        ),
        Problem("recommendation 1, progress entry 1", "revises_action 3 is not an action"),
        Problem("recommendation 3", "'text' is missing"),
        Problem(
            "recommendation 3",
            "rationale: Explain which part of the recommendation will be implemented and why "
            "not all of it",
        ),
        Problem("recommendation 3, action 1", "'owners' names no responsible owner"),
        Problem(
            "recommendation 3, progress entry 1",
            "target: Enter the revised target date, including a month and year, such as "
            "January 2025",
        ),
        Problem(
            "recommendation 3, progress entry 1",
            "revision_reason: Enter the reason the target date has changed",
        ),
    ]


def test_a_valid_plan_has_no_problems():
    assert plan_data_check(data=small_plan()) == []
    assert plan_data_check(data=seed_data()) == []


def test_an_existing_slug_is_refused_and_the_plan_left_as_it_is():
    plan, _ = plan_import(data=small_plan(), freeze=False)
    again = small_plan()
    again["title"] = "Another title"
    assert plan_data_check(data=again) == [
        Problem(
            "plan", "A plan with the slug 'small' already exists: importing never merges into it"
        )
    ]
    assert plan_import(data=again, freeze=False) == (plan, False)
    plan.refresh_from_db()
    assert plan.title == "A small plan"
    assert Recommendation.objects.count() == 3


def test_plan_import_refuses_data_with_a_problem_naming_the_first():
    data = small_plan()
    data["groups"][0]["recommendations"][1]["actions"][0]["target"] = "Whenever"
    data["groups"][0]["recommendations"][2]["agreement"] = "maybe"
    with pytest.raises(PlanDataError) as refused:
        plan_import(data=data, freeze=False)
    assert str(refused.value) == (
        "recommendation 2, action 1: target: Enter a target date that includes a month and "
        "year, such as March 2024 or end of 2023-24"
    )
    assert not ActionPlan.objects.exists()


def test_the_plan_is_written_whole_or_not_at_all(monkeypatch):
    """Past the check (taken away here), the models' validation refuses the last
    recommendation's progress entry after everything before it is written: none stays."""
    data = copy.deepcopy(small_plan())
    data["groups"][0]["recommendations"][-1]["progress"][0].update(
        revises_action=1, target="June 2025", revision_reason=""
    )
    monkeypatch.setattr(writer, "plan_data_check", lambda data: [])
    with pytest.raises(ValidationError, match="reason the target date has changed"):
        plan_import(data=data, freeze=False)
    assert not ActionPlan.objects.exists()
    assert not Owner.objects.exists()
    assert not Action.objects.exists()
    for model in apps.get_app_config("recommendations").get_models():
        if model.__name__.startswith("Historical"):
            assert not model.objects.exists(), model.__name__
