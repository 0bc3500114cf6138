"""Oversized and simultaneous requests get a clear answer, never a 500.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default, files
excepted) by raising RequestDataTooBig when the view (or the CSRF check) reads
request.POST. The service should answer that with 413 Content Too Large and a GOV.UK
page saying the entry was too long and nothing was saved (or, for a form, with the form
again and an error); more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is a bad request
(400 or 413) with a GOV.UK page.

Editors posting at the same moment (bench/load.py does it with 20) must each get
their answer too: the first progress updates of a new reporting round all create it.
"""

import re
import threading
import urllib.parse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from recommendations.models import (
    ActionPlan,
    ProgressUpdate,
    Recommendation,
    ResponsibleBody,
)
from tests.conftest import SEED_SLUG

pytestmark = pytest.mark.django_db

FIVE_MB = 5 * 1024 * 1024
TOO_LARGE_WORDING = re.compile(r"\btoo (large|long|big|much)\b", re.IGNORECASE)


def progress_url(plan):
    rec = Recommendation.objects.get(group__plan=plan, reference="6")
    return reverse("recommendations:progress-add", args=[plan.slug, rec.pk])


def progress_form(text):
    return {
        "round": "July 2025",
        "text": text,
        "owner_1": "SRO MAPPS Programme",
        "status": "in_progress",
    }


def assert_clear_too_large_answer(response):
    """413 with a GOV.UK page that says what went wrong, or the form with an error."""
    html = response.content.decode(errors="replace")
    assert response.status_code != 500
    if response.status_code == 200:
        assert "govuk-error-summary" in html, "a 200 answer must be the form with its errors"
        return
    assert response.status_code == 413, (
        f"expected 413 Content Too Large (or the form with an error), got "
        f"{response.status_code}: {re.sub(r'\s+', ' ', html)[:200]!r}"
    )
    assert 'class="govuk-header' in html, "the 413 answer must be a GOV.UK page"
    assert TOO_LARGE_WORDING.search(html), "the page must say the entry was too large"


def test_settings_keep_the_default_limit_or_a_stated_one():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < FIVE_MB


def test_a_5_mb_urlencoded_post_to_a_form(seed_plan, client_for):
    before = ProgressUpdate.objects.count()
    body = urllib.parse.urlencode(progress_form("x" * FIVE_MB))
    response = client_for("editor").post(
        progress_url(seed_plan), body, content_type="application/x-www-form-urlencoded"
    )
    assert_clear_too_large_answer(response)
    assert ProgressUpdate.objects.count() == before


def test_a_5_mb_multipart_post_to_a_form(seed_plan, client_for):
    before = ProgressUpdate.objects.count()
    response = client_for("editor").post(progress_url(seed_plan), progress_form("x" * FIVE_MB))
    assert_clear_too_large_answer(response)
    assert ProgressUpdate.objects.count() == before


def test_a_5_mb_sign_in_with_the_csrf_check_on(db):
    """As in production: the CSRF check reads the body before any view does."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        reverse("login"),
        {"csrfmiddlewaretoken": token, "username": "x" * FIVE_MB, "password": "pw"},
    )
    assert_clear_too_large_answer(response)


def test_too_many_fields_is_a_clear_bad_request(seed_plan, client_for):
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10)}
    body = urllib.parse.urlencode({**progress_form("Progress"), **fields})
    response = client_for("editor").post(
        progress_url(seed_plan), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {400, 413}
    assert b'class="govuk-header' in response.content


def test_a_body_under_the_limit_is_a_form_answer(seed_plan, client_for):
    """2 MB of text (under the limit) in a field with a maximum length: a form error."""
    data = {**progress_form("Progress"), "round": "x" * (2 * 1024 * 1024)}
    response = client_for("editor").post(progress_url(seed_plan), data)
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_a_5_mb_file_on_a_form_without_files(seed_plan, client_for):
    """No form takes files: a 5 MB file is ignored (saved without it) or refused (413)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = ProgressUpdate.objects.count()
    upload = SimpleUploadedFile("big.bin", b"\0" * FIVE_MB)
    data = {**progress_form("Progress with a file"), "attachment": upload}
    response = client_for("editor").post(progress_url(seed_plan), data)
    if response.status_code == 302:
        assert ProgressUpdate.objects.filter(text="Progress with a file").count() == 1
    else:
        assert_clear_too_large_answer(response)
        assert ProgressUpdate.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_updates_of_a_new_round_are_all_saved(django_user_model):
    """Sixteen editors add the first progress updates of "August 2025" at the same moment:
    each is saved (302), and the plan has the round once."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time")
    call_command("load_plan", verbosity=0)
    plan = ActionPlan.objects.get(slug=SEED_SLUG)
    hmpps = ResponsibleBody.objects.get(short_name="HMPPS")
    user = django_user_model.objects.create_user("concurrent-editor", password="pw")
    Membership.objects.create(user=user, role=Membership.Role.EDITOR).bodies.set([hmpps])
    recs = list(Recommendation.objects.filter(group__plan=plan).order_by("id")[:16])
    barrier = threading.Barrier(len(recs))
    answers: dict[int, object] = {}

    def add_update(rec):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(
                reverse("recommendations:progress-add", args=[plan.slug, rec.pk]),
                {**progress_form(f"Simultaneous {rec.pk}"), "round": "August 2025"},
            )
            answers[rec.pk] = response.status_code
        except Exception as error:  # noqa: BLE001 - reported below
            answers[rec.pk] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        finally:
            connection.close()

    threads = [threading.Thread(target=add_update, args=[rec]) for rec in recs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer == 302 for answer in answers.values()), answers
    assert plan.rounds.filter(label="August 2025").count() == 1
    assert ProgressUpdate.objects.filter(text__startswith="Simultaneous ").count() == len(recs)
