import pytest

from recommendations.selectors import plan_summary
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
    summary = plan_summary(plan=group.plan)
    assert (summary.agreed, summary.partly_agreed, summary.not_agreed, summary.total) == (
        1,
        0,
        1,
        2,
    )
