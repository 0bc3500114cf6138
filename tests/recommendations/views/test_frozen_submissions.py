"""A submission reads as it was submitted, whatever changes later: bodies and owners
renamed, the print template changed. Reviewers' pages and downloads, and export_plan,
serve the bytes and hashes frozen when it was made."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from recommendations.models import Owner, ResponsibleBody, SubmissionRecord
from recommendations.publishing import render
from tests.conftest import SEED_SLUG, client_as

pytestmark = pytest.mark.django_db

CHANGED = "<p>The template has changed since</p>"


def served(client, name, number=1):
    url = reverse(f"recommendations:{name}", args=[SEED_SLUG])
    response = client.get(url, {"submission": number})
    assert response.status_code == 200
    return response.content, response["ETag"]


def exported(tmp_path, fmt, number=1) -> bytes:
    out = tmp_path / f"export.{fmt}"
    call_command(
        "export_plan",
        SEED_SLUG,
        "--format",
        fmt,
        "-o",
        str(out),
        "--submission",
        str(number),
        stdout=io.StringIO(),
    )
    return out.read_bytes()


def test_renames_and_a_new_template_leave_an_earlier_submission_as_it_was(
    seed_plan, people, monkeypatch, tmp_path
):
    record = SubmissionRecord.objects.get(plan=seed_plan, number=1)
    reviewer = client_as(people, "reviewer")
    before = {
        "pdf": served(reviewer, "plan-pdf"),
        "html": served(reviewer, "plan-publication"),
        "export_pdf": exported(tmp_path, "pdf"),
        "export_html": exported(tmp_path, "html"),
    }
    page_before = reviewer.get(reverse("recommendations:plan-detail", args=[SEED_SLUG]))
    body = seed_plan.bodies.first()
    old_body_name = body.name
    assert old_body_name in page_before.content.decode()

    body.name = "A Renamed Body"
    body.save()
    owner = Owner.objects.filter(actions__recommendation__group__plan=seed_plan).first()
    old_owner_name = owner.name
    owner.name = "A Renamed Owner"
    owner.save()
    original = render.render_to_string
    monkeypatch.setattr(
        render,
        "render_to_string",
        lambda *a, **k: original(*a, **k).replace("</body>", CHANGED + "</body>"),
    )

    # The live plan shows every change...
    editor = client_as(people, "editor")
    live = editor.get(reverse("recommendations:plan-publication", args=[SEED_SLUG])).content
    assert CHANGED.encode() in live and b"A Renamed Body" in live

    # ...the submission none of them: the same bytes, the same hashes.
    assert served(reviewer, "plan-pdf") == before["pdf"]
    assert served(reviewer, "plan-publication") == before["html"]
    assert before["pdf"] == (bytes(record.pdf), f'"{record.pdf_sha256}"')
    assert before["html"] == (bytes(record.html), f'"{record.html_sha256}"')
    assert exported(tmp_path, "pdf") == before["export_pdf"] == bytes(record.pdf)
    assert exported(tmp_path, "html") == before["export_html"] == bytes(record.html)
    assert old_owner_name.encode() in bytes(record.html)
    record.refresh_from_db()
    assert record.record_sha256 == record.chain_digest()

    # A reviewer's pages read the latest submission as frozen too.
    page = reviewer.get(reverse("recommendations:plan-detail", args=[SEED_SLUG])).content.decode()
    assert old_body_name in page and "A Renamed Body" not in page
    downloads = reviewer.get(reverse("recommendations:plan-downloads", args=[SEED_SLUG]))
    assert "A Renamed Body" not in downloads.content.decode()


def test_a_reviewer_compares_the_stored_documents(seed_plan, client_for):
    ResponsibleBody.objects.filter(pk=seed_plan.bodies.first().pk).update(name="Renamed")
    reviewer = client_for("reviewer")
    first, last = [r.milestone.pk for r in seed_plan.submission_records.order_by("number")][::2]
    response = reviewer.get(
        reverse("recommendations:plan-compare", args=[SEED_SLUG]), {"old": first, "new": last}
    )
    assert response.status_code == 200
    assert response.context["comparison"] is not None
    assert response.context["comparison"].old.bodies[0].name != "Renamed"


def test_an_etag_match_answers_304_with_the_stored_hash(seed_plan, client_for):
    reviewer = client_for("reviewer")
    record = SubmissionRecord.objects.get(plan=seed_plan, number=2)
    url = reverse("recommendations:plan-pdf", args=[SEED_SLUG])
    response = reviewer.get(url, {"submission": 2}, HTTP_IF_NONE_MATCH=f'"{record.pdf_sha256}"')
    assert response.status_code == 304
