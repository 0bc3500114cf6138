"""The seed plan, loaded through the documented command, holds what the published plan holds."""

import pytest
from django.core.management import call_command

from recommendations.models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
)
from recommendations.snapshots import plan_snapshot

pytestmark = pytest.mark.django_db


def rec(plan, reference) -> Recommendation:
    return Recommendation.objects.get(group__plan=plan, reference=reference)


def owner_names(instance) -> list[str]:
    through = instance.owners.through.objects.filter(**{instance._meta.model_name: instance})
    return [row.owner.name for row in through.order_by("id")]


def test_twenty_recommendations_under_seven_headings_in_order(seed_plan):
    headings = list(
        AddresseeGroup.objects.filter(plan=seed_plan)
        .order_by("position")
        .values_list("heading", flat=True)
    )
    assert headings == [
        "The Ministry of Justice should:",
        "The Home Office and Ministry of Justice should:",
        "His Majesty's Prison and Probation Service should:",
        "The Joint Extremism Unit should:",
        "The Probation Service should:",
        "The Prison Service should:",
        "Counter Terrorism Policing:",
    ]
    references = [rec.reference for rec in plan_snapshot(plan=seed_plan).recommendations]
    assert references == [str(n) for n in range(1, 22) if n != 13]


@pytest.mark.parametrize(("reference", "count"), [("7", 5), ("9", 4), ("14", 3), ("1", 1)])
def test_recommendations_keep_every_action(seed_plan, reference, count):
    assert rec(seed_plan, reference).actions.count() == count


def test_each_action_keeps_its_own_target_date(seed_plan):
    targets = list(rec(seed_plan, "7").actions.values_list("target_text", flat=True))
    assert targets == [
        "September 2023",
        "September 2023",
        "December 2023",
        "April 2024",
        "April 2024",
    ]
    assert list(rec(seed_plan, "9").actions.values_list("target_text", flat=True)) == [
        "Completed",
        "August 2023",
        "June 2024",
        "June 2025",
    ]


def test_actions_of_one_recommendation_can_have_different_owners(seed_plan):
    owners = {name for action in rec(seed_plan, "15").actions.all() for name in owner_names(action)}
    assert owners == {
        "Deputy Director SRO OMiC Review, Reset & Relaunch Project",
        "Deputy Director Resource and Process Group",
    }


def test_one_cell_can_name_several_owners_in_order(seed_plan):
    assert owner_names(rec(seed_plan, "3").actions.get()) == [
        "SRO MAPPS Programme",
        "T/Det Supt CT Nominal Management",
        "Deputy Director Joint Extremism Unit (JEXU)",
    ]


def test_owners_are_shared_records(seed_plan):
    jexu = Owner.objects.get(name="Deputy Director Joint Extremism Unit (JEXU)")
    recommendations_held = {a.recommendation.reference for a in jexu.actions.all()}
    assert {"1", "2", "6", "7", "16"} <= recommendations_held


def test_revised_target_keeps_the_original_and_the_reason(seed_plan):
    action = rec(seed_plan, "6").actions.get()
    revision = action.revisions.get()
    assert action.target_text == "June 2024"
    assert revision.target_text == "January 2025"
    assert revision.revision_reason == "internal resourcing pressures"
    assert revision.round.label == "July 2024"


def test_moved_dates_recorded_by_the_update(seed_plan):
    moved = {
        (r.recommendation.reference, r.revises_action.target_text, r.target_text)
        for r in ProgressUpdate.objects.filter(revises_action__isnull=False)
    }
    assert {
        ("6", "June 2024", "January 2025"),
        ("11", "December 2023", "December 2024"),
        ("14", "March 2024", "October 2024"),
    } <= moved


def test_several_progress_entries_in_one_round(seed_plan):
    entries = rec(seed_plan, "7").progress_updates.order_by("position")
    assert entries.count() == 4
    assert {e.status for e in entries} == {"completed"}
    assert {name for e in entries for name in owner_names(e)} == {
        "Deputy Director Joint Extremism Unit (JEXU)"
    }


def test_the_only_partly_agreed_recommendation_names_operational_reasons(seed_plan):
    partly = Recommendation.objects.get(group__plan=seed_plan, agreement="partly_agreed")
    assert partly.reference == "16"
    assert partly.reasons == ["operational"]
    assert partly.rationale.startswith("The recommendation is partly agreed for operational")


def test_front_matter_milestones_in_order(seed_plan):
    milestones = [(m.label, m.date.isoformat()) for m in seed_plan.milestones.all()]
    assert milestones == [
        ("Report Published", "2023-07-20"),
        ("Action Plan Submitted", "2023-07-28"),
        ("Updated Action Plan Submitted", "2023-10-11"),
        ("12 Month Update Action Plan Submitted", "2024-08-09"),
    ]
    assert [m.label for m in Milestone.objects.filter(submitted_at__isnull=False)] == [
        "Action Plan Submitted",
        "Updated Action Plan Submitted",
        "12 Month Update Action Plan Submitted",
    ]


def test_introduction_and_categorisation_table(seed_plan):
    assert seed_plan.introduction.startswith("HM Inspectorate of Prisons (HMIP)")
    terms = [(t.get_term_display(), t.definition[:40]) for t in seed_plan.categorisation.all()]
    assert terms == [
        ("Agreed", "All of the recommendation is agreed with"),
        ("Partly Agreed", "Only part of the recommendation is agree"),
        ("Not Agreed", "The recommendation is not agreed and wil"),
    ]


def test_summary_is_computed_not_copied(seed_plan):
    summary = plan_snapshot(plan=seed_plan).summary
    assert (summary.agreed, summary.partly_agreed, summary.not_agreed, summary.total) == (
        19,
        1,
        0,
        20,
    )


def test_the_numbering_gap_is_reported_not_filled(seed_plan):
    assert plan_snapshot(plan=seed_plan).gaps == ["13"]
    assert not Recommendation.objects.filter(reference="13").exists()


def test_loading_twice_does_not_duplicate(seed_plan, capsys):
    counts = (
        Recommendation.objects.count(),
        Action.objects.count(),
        Owner.objects.count(),
        ProgressUpdate.objects.count(),
    )

    call_command("load_plan")

    assert "already loaded; nothing changed" in capsys.readouterr().out
    assert ActionPlan.objects.count() == 1
    assert (
        Recommendation.objects.count(),
        Action.objects.count(),
        Owner.objects.count(),
        ProgressUpdate.objects.count(),
    ) == counts
