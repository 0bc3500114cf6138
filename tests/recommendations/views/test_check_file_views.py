"""Check a downloaded plan: a PDF or HTML file named as the submission it is, by SHA-256."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from recommendations.models import SubmissionRecord
from tests.conftest import client_as

pytestmark = pytest.mark.django_db

URL = "/check/"


@pytest.fixture
def reviewer(seed_plan, people):
    return client_as(people, "reviewer")


def upload(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def submission(plan, number) -> SubmissionRecord:
    return SubmissionRecord.objects.get(plan=plan, number=number)


def field_error(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and 'href="#id_file"' in html
    assert "govuk-form-group--error" in html and "govuk-file-upload--error" in html
    start = html.index('class="govuk-error-message"')
    return html[start : html.index("</p>", start)]


def test_the_page_is_a_gov_uk_file_upload_linked_from_the_plans_list(reviewer):
    assert reverse("recommendations:check-file") == URL
    plans = reviewer.get(reverse("recommendations:plan-list")).content.decode()
    assert f'href="{URL}"' in plans and "Check a downloaded plan" in plans
    page = reviewer.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'class="govuk-file-upload' in page and 'type="file"' in page


def test_a_matching_pdf_is_named_as_its_submission(seed_plan, reviewer):
    response = upload(reviewer, "plan.pdf", bytes(submission(seed_plan, 2).pdf))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"This file is submission 2 of {seed_plan.title}" in html
    assert "submitted on 11 October 2023 by the loaded plan" in html
    assert "It is the PDF of submission 2" in html


def test_a_matching_html_page_is_named_too(seed_plan, reviewer):
    response = upload(reviewer, "plan.html", bytes(submission(seed_plan, 1).html))
    html = response.content.decode()
    assert f"This file is submission 1 of {seed_plan.title}" in html
    assert "submitted on 28 July 2023" in html and "It is the HTML" in html


def test_a_file_submitted_by_someone_names_them(seed_plan, people, background):
    from recommendations import services

    editor = people["editor"]
    milestone = services.plan_submit(
        plan=seed_plan,
        kind="progress_update_submitted",
        label="Update",
        date=seed_plan.milestones.last().date,
        user=editor,
    )
    background()  # the worker renders the submission's PDF
    milestone.frozen_record.refresh_from_db()
    response = upload(client_as(people, "reviewer"), "p.pdf", bytes(milestone.frozen_record.pdf))
    assert f"submitted on {milestone.date:%-d %B %Y} by editor" in response.content.decode()


def test_a_changed_file_matches_no_submission(seed_plan, reviewer):
    changed = bytes(submission(seed_plan, 1).pdf) + b"\n%changed"
    html = upload(reviewer, "plan.pdf", changed).content.decode()
    assert "This file matches no submission" in html
    assert "govuk-error-summary" not in html


def test_a_user_who_may_read_no_plan_learns_nothing(seed_plan, django_user_model):
    stranger = Client()
    stranger.force_login(django_user_model.objects.create_user("stranger", password="pw"))
    html = upload(stranger, "plan.pdf", bytes(submission(seed_plan, 1).pdf)).content.decode()
    assert "This file matches no submission" in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "must be a PDF or an HTML file"),
        ("notes.txt", b"%PDF-1.7 but a text file", "must be a PDF or an HTML file"),
        ("page.pdf", b"<!DOCTYPE html><html></html>", "must be a PDF or an HTML file"),
        ("plan.docx", b"PK\x03\x04", "must be a PDF or an HTML file"),
        ("empty.pdf", b"", "The selected file is empty"),
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "must be smaller than 20MB"),
    ],
)
def test_a_bad_file_gets_an_error_beside_the_field(reviewer, name, data, message):
    assert message in field_error(upload(reviewer, name, data))


def test_no_file_asks_for_one(reviewer):
    assert "Select a PDF or HTML file" in field_error(reviewer.post(URL, {}))


def test_a_body_far_over_the_limit_gets_the_413_page_not_a_500(reviewer):
    response = upload(reviewer, "huge.pdf", b"%PDF-" + b"0" * (26 * 1024 * 1024))
    assert response.status_code == 413
