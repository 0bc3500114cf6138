"""Downloading a plan as a spreadsheet or a Word document: the version the reader may
read (or chose), in a file that reads back as that plan."""

import pytest
from django.urls import reverse

from recommendations import importing, services
from recommendations.models import Recommendation, SubmissionRecord
from recommendations.snapshots import plan_data_from_snapshot, plan_from_document
from tests.conftest import SEED_SLUG, client_as

pytestmark = pytest.mark.django_db

READERS = {"xlsx": "read_xlsx", "ods": "read_ods", "csv": "read_csv", "docx": "read_docx"}


def download(users, role, fmt, query=None):
    url = reverse("recommendations:plan-export", args=[SEED_SLUG, fmt])
    response = client_as(users, role).get(url, query or {})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    result = getattr(importing, READERS[fmt])(response.content)
    assert result.ok, result.problems
    return response, result.data


def frozen(number: int) -> dict:
    record = SubmissionRecord.objects.get(plan__slug=SEED_SLUG, number=number)
    return plan_data_from_snapshot(plan_from_document(bytes(record.document)))


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_reviewer_downloads_the_latest_submission_never_a_draft(seeded, fmt):
    rec = Recommendation.objects.get(group__plan__slug=SEED_SLUG, reference="2")
    services.recommendation_update(
        recommendation=rec, data={"text": "Unsubmitted wording"}, user=seeded["editor"]
    )
    response, data = download(seeded, "reviewer", fmt)
    assert f'filename="{SEED_SLUG}.{fmt}"' in response["Content-Disposition"]
    assert data["groups"] == frozen(3)["groups"]
    assert "Unsubmitted wording" not in str(data)
    _, editors = download(seeded, "editor", fmt)
    assert "Unsubmitted wording" in str(editors)


def test_any_submission_downloads_as_frozen(seeded):
    response, data = download(seeded, "reviewer", "ods", {"submission": "1"})
    assert f'filename="{SEED_SLUG}-submission-1.ods"' in response["Content-Disposition"]
    assert data["groups"] == frozen(1)["groups"]
    assert data["milestones"] == frozen(1)["milestones"]


def test_the_downloads_page_offers_every_format_for_each_version(seeded):
    html = (
        client_as(seeded, "reviewer")
        .get(reverse("recommendations:plan-downloads", args=[SEED_SLUG]))
        .content.decode()
    )
    for fmt in READERS:
        assert reverse("recommendations:plan-export", args=[SEED_SLUG, fmt]) in html
        assert f"/export/{fmt}/?submission=2" in html
