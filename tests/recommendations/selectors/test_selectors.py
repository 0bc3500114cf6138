import pytest

from recommendations import services
from recommendations.models import ProgressUpdate, Recommendation
from recommendations.selectors.editing import recommendation_actions
from recommendations.snapshots import plan_snapshot
from recommendations.summary import numbering_gaps
from tests.factories import GroupFactory, RecommendationFactory


@pytest.mark.parametrize(
    ("references", "gaps"),
    [
        (["1", "2", "4"], ["3"]),
        (["2", "3"], ["1"]),
        (["S40", "1.46", "S41"], []),  # paragraph references have no expected sequence
        ([], []),
        (["1", "2", "3"], []),
    ],
)
def test_numbering_gaps(references, gaps):
    assert numbering_gaps(references) == gaps


@pytest.mark.django_db
def test_summary_counts_each_agreement_status():
    group = GroupFactory()
    RecommendationFactory(group=group)
    RecommendationFactory(
        group=group, agreement="not_agreed", rationale="Not affordable.", reason_affordability=True
    )
    summary = plan_snapshot(plan=group.plan).summary
    assert (summary.agreed, summary.partly_agreed, summary.not_agreed, summary.total) == (
        1,
        0,
        1,
        2,
    )


@pytest.mark.django_db
def test_each_actions_current_target_agrees_with_the_plan_as_read(seed_plan):
    """The progress form's choices (one query) give every action of the seed the same
    current target as the plan page's snapshot, revisions included (rec 6: June 2024
    revised to January 2025)."""
    snapshot = plan_snapshot(plan=seed_plan)
    revised = 0
    for rec in snapshot.recommendations:
        model = Recommendation.objects.get(pk=rec.id)
        choices = recommendation_actions(recommendation=model)
        assert [(c.id, c.current_target_text) for c in choices] == [
            (a.id, a.current_target_text) for a in rec.actions
        ]
        revised += sum(a.is_revised for a in rec.actions)
    assert revised >= 3
    rec6 = next(r for r in snapshot.recommendations if r.reference == "6")
    assert rec6.actions[0].current_target_text == "January 2025"


@pytest.mark.django_db
def test_an_archived_revision_no_longer_sets_the_current_target(seed_plan):
    rec6 = Recommendation.objects.get(group__plan=seed_plan, reference="6")
    revision = ProgressUpdate.objects.filter(revises_action__recommendation=rec6).latest("id")
    services.archive(instance=revision)

    [choice] = recommendation_actions(recommendation=rec6)
    assert choice.current_target_text == "June 2024"
