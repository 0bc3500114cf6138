"""Downloading the published plan: who gets which version, names and ETags. A PDF is
never rendered in the request: until the background worker has made it, the download
answers "This PDF is being prepared" (tests/recommendations/publishing/test_background.py
covers that page); here the worker's due tasks are run, then the file downloaded."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pdfminer.high_level import extract_text

from recommendations import publishing, services
from recommendations.importing.yaml_plan import plan_import
from recommendations.models import Owner, Recommendation

pytestmark = pytest.mark.django_db

SLUG = "small-plan"
OWNER = "Head of Offender Management"
ADDED_LATER = "Regional leads trained after the plan was submitted"


@pytest.fixture
def small_plan(people):
    """A one-recommendation HMPPS plan (so the seed's editor edits it), submitted once."""
    plan, _ = plan_import(
        data={
            "slug": SLUG,
            "title": "Thematic inspection of offender management",
            "report": {"title": "Thematic inspection of offender management"},
            "bodies": [{"name": "HM Prison & Probation Service"}],
            "milestones": [
                {
                    "kind": "plan_submitted",
                    "label": "Action Plan Submitted",
                    "date": datetime.date(2024, 2, 1),
                },
            ],
            "rounds": [{"label": "July 2024", "month": "2024-07"}],
            "groups": [
                {
                    "heading": "The Probation Service should:",
                    "recommendations": [
                        {
                            "reference": "1",
                            "text": "Train every regional lead.",
                            "actions": [
                                {
                                    "text": "Design the course.",
                                    "owners": [OWNER],
                                    "target": "May 2024",
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    )
    return plan


@pytest.fixture
def renders(monkeypatch):
    """A spy on the PDF renderer: records each call, then renders for real."""
    from recommendations.publishing import render

    calls = []
    real = render.render_pdf

    def spy(html):
        calls.append(html)
        return real(html)

    # Where downloads call it: render.py, which the package's name re-exports.
    monkeypatch.setattr(render, "render_pdf", spy)
    return calls


def pdf_url(slug=SLUG, **query):
    url = reverse("recommendations:plan-pdf", args=[slug])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def html_url(slug=SLUG, **query):
    url = reverse("recommendations:plan-publication", args=[slug])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


@pytest.fixture
def download(background):
    """GET a PDF as a reader would: if it is being prepared, let the worker make it
    (run its due tasks), then ask again."""

    def get(client, url, **headers):
        response = client.get(url, headers=headers)
        if response.status_code == 202:
            assert "This PDF is being prepared" in response.content.decode()
            background()
            response = client.get(url, headers=headers)
        return response

    return get


def pdf_text(response) -> str:
    # A file response streams its content once: keep what was read.
    if not hasattr(response, "pdf_bytes"):
        response.pdf_bytes = response.getvalue()
    return " ".join(extract_text(io.BytesIO(response.pdf_bytes)).split())


def add_progress_after_submission(plan, user):
    rec = Recommendation.objects.get(group__plan=plan, reference="1")
    return services.progress_update_add(
        recommendation=rec,
        round_label=plan.rounds.get().label,
        text=ADDED_LATER,
        owner_names=[OWNER],
        status="in_progress",
        target_text="March 2026",
        user=user,
    )


# --- Links ------------------------------------------------------------------------------

PLAN_PAGE = Path(settings.BASE_DIR) / "templates" / "recommendations" / "plan_detail.html"
SNIPPET = '{% include "publish/includes/download_links.html" %}'


@pytest.mark.skipif(
    SNIPPET not in PLAN_PAGE.read_text(encoding="utf-8"),
    reason="plan_detail.html does not include publish/includes/download_links.html yet",
)
@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_the_plan_page_links_to_the_downloads(client_for, small_plan, role):
    response = client_for(role).get(reverse("recommendations:plan-detail", args=[SLUG]))
    assert response.status_code == 200
    assert f'href="{pdf_url()}"'.encode() in response.content
    assert reverse("recommendations:plan-downloads", args=[SLUG]).encode() in response.content


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_the_downloads_page_links_to_each_submission(client_for, seed_plan, role):
    response = client_for(role).get(
        reverse("recommendations:plan-downloads", args=[seed_plan.slug])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{pdf_url(seed_plan.slug)}"' in html
    for number in (1, 2, 3):
        assert f'href="{pdf_url(seed_plan.slug, submission=number)}"' in html
        assert f'href="{html_url(seed_plan.slug, submission=number)}"' in html
    assert "?submission=4" not in html
    assert "28 July 2023" in html and "9 August 2024" in html


# --- The PDF download --------------------------------------------------------------------


def test_the_pdf_is_an_attachment_named_after_the_plan(client_for, small_plan, download):
    response = download(client_for("editor"), pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.7")
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_a_submission_and_a_reviewers_version_are_named_for_their_moment(
    client_for, small_plan, download
):
    client = client_for("reviewer")
    response = download(client, pdf_url())
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-as-at-2024-02-01.pdf"'
    response = download(client, pdf_url(submission=1))
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-submission-1.pdf"'


def test_an_unchanged_plan_has_the_same_etag_and_a_revalidation_gets_304(
    client_for, small_plan, renders, download
):
    client = client_for("editor")
    first = download(client, pdf_url())
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 66

    revalidated = client.get(pdf_url(), headers={"if-none-match": etag})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == etag

    again = client.get(pdf_url())
    assert again.status_code == 200 and again["ETag"] == etag
    assert again.getvalue() == first.getvalue()
    # Rendered once (by the worker): the 304 and the repeat were answered from storage.
    assert len(renders) == 1


def test_a_change_to_the_plan_changes_the_etag_and_the_pdf(
    client_for, small_plan, people, renders, download
):
    client = client_for("editor")
    before = download(client, pdf_url())

    owner = Owner.objects.get(name=OWNER)
    owner.name = "Director of Offender Management"
    owner.save()
    renamed = download(client, pdf_url(), if_none_match=before["ETag"])
    assert renamed.status_code == 200
    assert renamed["ETag"] != before["ETag"]
    assert "Director of Offender Management" in pdf_text(renamed)
    assert OWNER not in pdf_text(renamed)

    owner.name = OWNER
    owner.save()
    add_progress_after_submission(small_plan, people["editor"])
    updated = download(client, pdf_url())
    assert updated["ETag"] not in (before["ETag"], renamed["ETag"])
    assert ADDED_LATER in pdf_text(updated)
    # The submission's PDF, then one per version downloaded.
    assert len(renders) == 3


def test_the_html_and_the_pdf_of_one_version_have_different_etags(client_for, small_plan, download):
    client = client_for("editor")
    assert download(client, pdf_url())["ETag"] != client.get(html_url())["ETag"]


# --- Who reads which version --------------------------------------------------------------


@pytest.mark.parametrize("role", ["reviewer", "other_editor"])
def test_a_reviewer_downloads_the_submitted_version_never_the_draft(
    client_for, small_plan, people, role, download
):
    add_progress_after_submission(small_plan, people["editor"])

    assert ADDED_LATER in pdf_text(download(client_for("editor"), pdf_url()))
    client = client_for(role)
    assert ADDED_LATER not in pdf_text(download(client, pdf_url()))
    assert "Design the course." in pdf_text(client.get(pdf_url()))
    # Naming a submission gives that submitted version, not the working one.
    assert ADDED_LATER not in pdf_text(download(client, pdf_url(submission=1)))
    assert ADDED_LATER not in client.get(html_url()).content.decode()
    assert ADDED_LATER not in client.get(html_url(submission=1)).content.decode()


def test_a_reviewer_sees_nothing_of_a_plan_never_submitted(client_for, people):
    plan = services.plan_create(
        report_title="Unsubmitted report",
        report_published_on=None,
        slug="unsubmitted",
        title="Unsubmitted report",
        bodies=[people["editor"].membership.bodies.get()],
    )
    assert client_for("reviewer").get(pdf_url(plan.slug)).status_code == 403
    assert client_for("reviewer").get(html_url(plan.slug)).status_code == 403
    assert client_for("editor").get(html_url(plan.slug)).status_code == 200


@pytest.mark.parametrize("number", ["0", "2", "abc", ""])
def test_a_submission_that_does_not_exist_is_not_found(client_for, small_plan, number):
    assert client_for("reviewer").get(pdf_url(submission=number)).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client_for, small_plan):
    response = client_for("anonymous").get(pdf_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_is_refused(client, small_plan, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="pw"))
    assert client.get(pdf_url()).status_code == 403
    assert client.get(reverse("recommendations:plan-downloads", args=[SLUG])).status_code == 403


# --- The published web page ------------------------------------------------------------------


def test_the_published_page_is_the_print_document(client_for, small_plan, renders):
    client = client_for("editor")
    response = client.get(html_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{SLUG}.html"'
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert "<h1>A Response to: Thematic inspection of offender management</h1>" in html
    assert html == publishing.plan_publication_html(plan=small_plan)
    assert client.get(html_url(), headers={"if-none-match": response["ETag"]}).status_code == 304
    assert renders == []  # the web page never waits for WeasyPrint
