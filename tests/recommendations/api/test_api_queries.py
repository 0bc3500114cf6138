"""A plan through the API in a fixed number of queries, whatever its size: the same
count for a plan of 20 recommendations as for one of 500, read live (its editor), from
the history (a reviewer, where a submission was never frozen) and as frozen."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.importing.yaml_plan import plan_import
from recommendations.models import Milestone
from recommendations.services import freezing
from tests.conftest import client_as
from tests.recommendations.api.api_support import api_get

pytestmark = pytest.mark.django_db
SIZES = (20, 500)


def synthetic_plan(size: int) -> dict:
    """A plan of `size` recommendations under 5 headings, two actions each, submitted
    and then given one round of progress that revises every third action's target."""
    start = datetime.date(2023, 1, 1)
    groups = []
    for g in range(5):
        recs = []
        for n in range(g * size // 5 + 1, (g + 1) * size // 5 + 1):
            progress = [
                {
                    "round": "July 2024",
                    "owners": [f"Owner {n % 7}"],
                    "text": f"Progress on {n}.",
                    "target": "December 2025" if n % 3 == 0 else "Completed",
                    "status": "delayed" if n % 3 == 0 else "completed",
                    **(
                        {"revises_action": 1, "revision_reason": "resourcing"} if n % 3 == 0 else {}
                    ),
                }
            ]
            recs.append(
                {
                    "reference": str(n),
                    "text": f"Recommendation {n}: improve the arrangements.",
                    "agreement": "agreed" if n % 4 else "partly_agreed",
                    **(
                        {}
                        if n % 4
                        else {
                            "rationale": "Partly, for operational reasons.",
                            "reasons": ["operational"],
                        }
                    ),
                    "actions": [
                        {
                            "text": f"Action {a} for {n}.",
                            "owners": [f"Owner {(n + a) % 7}"],
                            "target": f"March {2024 + a}",
                            "status": "in_progress",
                        }
                        for a in (1, 2)
                    ],
                    "progress": progress,
                }
            )
        groups.append({"heading": f"Addressee {g + 1} should:", "recommendations": recs})
    return {
        "slug": f"synthetic-{size}",
        "title": f"A plan of {size} recommendations",
        "report": {"title": f"A report of {size} recommendations", "published": start},
        "bodies": [{"name": "HM Prison & Probation Service", "short_name": "HMPPS"}],
        "milestones": [
            {"kind": "report_published", "label": "Report Published", "date": start},
            {
                "kind": "plan_submitted",
                "label": "Action Plan Submitted",
                "date": datetime.date(2023, 2, 1),
            },
            {
                "kind": "progress_update_submitted",
                "label": "12 Month Update",
                "date": datetime.date(2024, 8, 1),
            },
        ],
        "rounds": [{"label": "July 2024", "month": "2024-07"}],
        "groups": groups,
    }


@pytest.fixture(scope="module")
def plans(django_db_setup, django_db_blocker):
    """The two plans, loaded once for the module, with one user per role."""
    from django.db import transaction

    from tests.factories import make_role_users

    with django_db_blocker.unblock(), transaction.atomic():
        users = make_role_users()
        for size in SIZES:
            plan_import(data=synthetic_plan(size), freeze=False)
        yield users
        transaction.set_rollback(True)


def queries_for(client, url: str) -> tuple[int, dict]:
    # Once first: the session's first request renews it (a write measured by neither).
    api_get(client, "/api/v1/")
    with CaptureQueriesContext(connection) as captured:
        response = api_get(client, url)
    assert response.status_code == 200, url
    return len(captured), response.json()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_a_plan_in_the_same_queries_whatever_its_size(plans, role):
    client = client_as(plans, role)
    counts = {}
    for size in SIZES:
        counts[size], data = queries_for(client, f"/api/v1/plans/synthetic-{size}/")
        assert data["summary"]["total"] == size
        assert (
            len([a for h in data["headings"] for r in h["recommendations"] for a in r["actions"]])
            == 2 * size
        )
    assert counts[20] == counts[500], counts
    assert counts[20] <= 40, counts


def test_a_frozen_submission_in_the_same_queries_whatever_its_size(plans, monkeypatch):
    # The PDF is not what is measured here: a stand-in keeps freezing 500 rows quick.
    monkeypatch.setattr(freezing, "render_pdf", lambda html: b"%PDF-1.7 stand-in")
    for size in SIZES:
        latest = Milestone.objects.filter(
            plan__slug=f"synthetic-{size}", submitted_at__isnull=False
        ).order_by("submitted_at")
        for milestone in latest:
            freezing.submission_freeze(milestone=milestone)
    client = client_as(plans, "reviewer")
    counts = {size: queries_for(client, f"/api/v1/plans/synthetic-{size}/")[0] for size in SIZES}
    assert counts[20] == counts[500], counts
    documents = {
        size: queries_for(client, f"/api/v1/plans/synthetic-{size}/submissions/2/")[0]
        for size in SIZES
    }
    assert documents[20] == documents[500], documents
