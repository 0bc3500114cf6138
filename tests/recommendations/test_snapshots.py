"""A plan read now and as it stood at a submission, from its revision history."""

import datetime

import pytest

from recommendations import services
from recommendations.models import Owner, Recommendation, ReportingRound
from recommendations.snapshots import plan_snapshot

pytestmark = pytest.mark.django_db

FIRST_SUBMISSION = datetime.datetime(2023, 7, 28, 17, tzinfo=datetime.UTC)
UPDATE_SUBMISSION = datetime.datetime(2024, 8, 9, 17, tzinfo=datetime.UTC)


def test_the_live_plan_matches_the_database(seed_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        view = plan_snapshot(plan=seed_plan)
    assert [r.reference for r in view.recommendations][:3] == ["1", "2", "3"]
    assert view.summary.total == 20 and view.gaps == ["13"]
    rec3 = next(r for r in view.recommendations if r.reference == "3")
    assert rec3.actions[0].owners == [
        "SRO MAPPS Programme",
        "T/Det Supt CT Nominal Management",
        "Deputy Director Joint Extremism Unit (JEXU)",
    ]


def test_the_first_submission_holds_the_plan_without_progress(seed_plan):
    view = plan_snapshot(plan=seed_plan, as_of=FIRST_SUBMISSION)
    assert len(view.recommendations) == 20
    assert all(not r.progress for r in view.recommendations)
    assert [m.label for m in view.milestones] == ["Report Published", "Action Plan Submitted"]
    rec6 = next(r for r in view.recommendations if r.reference == "6")
    assert rec6.actions[0].current_target_text == "June 2024"
    rec3 = next(r for r in view.recommendations if r.reference == "3")
    assert rec3.actions[0].owners == [
        "SRO MAPPS Programme",
        "T/Det Supt CT Nominal Management",
        "Deputy Director Joint Extremism Unit (JEXU)",
    ]


def test_the_update_submission_holds_the_progress_and_moved_dates(seed_plan):
    view = plan_snapshot(plan=seed_plan, as_of=UPDATE_SUBMISSION)
    moved = {
        (r.reference, a.target_text, a.current_target_text, a.months_slipped)
        for r in view.recommendations
        for a in r.actions
        if a.is_revised
    }
    assert {
        ("6", "June 2024", "January 2025", 7),
        ("11", "December 2023", "December 2024", 12),
        ("14", "March 2024", "October 2024", 7),
    } <= moved
    rec7 = next(r for r in view.recommendations if r.reference == "7")
    assert [len(p.updates) for p in rec7.progress] == [4]


def test_a_later_edit_is_absent_from_the_past(seed_plan):
    rec = Recommendation.objects.get(group__plan=seed_plan, reference="2")
    round_ = ReportingRound.objects.get(plan=seed_plan)
    services.progress_update_add(
        recommendation=rec,
        round_label=round_.label,
        text="A later entry.",
        owner_names=[Owner.objects.first().name],
        status="in_progress",
        target_text="July 2026",
    )
    now = plan_snapshot(plan=seed_plan)
    then = plan_snapshot(plan=seed_plan, as_of=UPDATE_SUBMISSION)

    def texts(view):
        return [
            u.text
            for r in view.recommendations
            if r.reference == "2"
            for p in r.progress
            for u in p.updates
        ]

    assert "A later entry." in texts(now)
    assert "A later entry." not in texts(then)


def test_overdue_uses_the_current_target_and_the_latest_status(seed_plan):
    view = plan_snapshot(plan=seed_plan)
    today = datetime.date(2025, 2, 15)
    overdue = {
        (r.reference, a.current_target_text)
        for r in view.recommendations
        for a in r.actions
        if a.is_overdue(today)
    }
    assert ("6", "January 2025") in overdue  # delayed, revised date passed
    assert not any(ref == "7" for ref, _ in overdue)  # every entry of the round completed
    assert ("3", "July 2025") not in overdue  # not yet due
