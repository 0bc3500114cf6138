"""The PDF made before anyone asks: a change queues one render, after the plan has been
still; the worker stores it; a download serves it or says it is being prepared; a
submission's PDF is added to its record by the worker, in order."""

import datetime
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from recommendations import services
from recommendations.models import Owner, Recommendation, Render, RenderWanted, SubmissionRecord
from recommendations.publishing import background, tasks
from recommendations.selectors.submissions import submission_problems

pytestmark = pytest.mark.django_db
WORKING_RENDER = "recommendations.publishing.tasks.render_working_plan"


@pytest.fixture
def renders_spy(monkeypatch):
    """Records each PDF render (then renders for real)."""
    from recommendations.publishing import render

    calls, real = [], render.render_pdf
    monkeypatch.setattr(render, "render_pdf", lambda html: calls.append(html) or real(html))
    return calls


def pdf_url(plan, **query):
    url = reverse("recommendations:plan-pdf", args=[plan.slug])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def edit_recommendation(plan, text, user=None):
    rec = Recommendation.objects.get(group__plan=plan, reference="6")
    return services.recommendation_update(
        recommendation=rec, data={"text": text}, user=user, change_reason="Reworded"
    )


def queued_working_renders(plan):
    return DBTaskResult.objects.filter(
        task_path=WORKING_RENDER, args_kwargs__kwargs__plan_id=plan.pk
    ).order_by("run_after")


# --- A change queues one render, after the plan has been still ---------------------------


def test_a_change_queues_the_render_for_when_the_plan_has_been_still(
    seed_plan, django_capture_on_commit_callbacks, settings
):
    settings.RENDER_QUIET_SECONDS = 10
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        edit_recommendation(seed_plan, "The first wording")

    wanted = RenderWanted.objects.get(plan=seed_plan)
    assert before + datetime.timedelta(seconds=10) <= wanted.due_at
    [queued] = queued_working_renders(seed_plan)
    assert queued.run_after == wanted.due_at
    # Not yet due: a worker looking now finds nothing of this plan to do.
    assert not DBTaskResult.objects.ready().filter(pk=queued.pk).exists()


def test_a_burst_of_edits_gives_one_render_after_the_last(
    seed_plan, django_capture_on_commit_callbacks, background
):
    for text in ("First", "Second", "Third"):
        with django_capture_on_commit_callbacks(execute=True):
            edit_recommendation(seed_plan, f"{text} wording")
    # One task waits for the plan, however many edits: each moved the moment on.
    [queued] = queued_working_renders(seed_plan)
    wanted = RenderWanted.objects.get(plan=seed_plan)
    assert queued.run_after < wanted.due_at

    # When the task comes up before the plan has been still long enough, it waits again.
    waited = tasks.render_working_plan.call(**queued.task_result.kwargs)
    assert waited.startswith("the plan changed again")
    again = queued_working_renders(seed_plan).exclude(pk=queued.pk).get()
    assert again.run_after == wanted.due_at
    assert not Render.objects.filter(plan=seed_plan).exists()

    # Once it has been still (its moment now past), the render is made, once.
    RenderWanted.objects.filter(plan=seed_plan).update(
        due_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    outcome = tasks.render_working_plan.call(**again.task_result.kwargs)
    [render] = Render.objects.filter(plan=seed_plan, as_of__isnull=True)
    assert outcome == render.digest and render.state == Render.State.READY
    with default_storage.open(render.pdf.name, "rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF-") and render.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert render.pdf.name == f"renders/{render.pdf_sha256}.pdf"


def test_renaming_an_owner_asks_for_every_plan_that_names_them(
    seed_plan, django_capture_on_commit_callbacks
):
    owner = Owner.objects.filter(actions__recommendation__group__plan=seed_plan).first()
    with django_capture_on_commit_callbacks(execute=True):
        owner.name = f"{owner.name} (renamed)"
        owner.save()
    assert RenderWanted.objects.filter(plan=seed_plan).exists()


def test_a_change_rolled_back_asks_for_nothing(seed_plan, django_capture_on_commit_callbacks):
    from django.db import transaction

    from recommendations.models import PlanEdit

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            edit_recommendation(seed_plan, "Never kept")
            raise RuntimeError("the request failed")
    assert not RenderWanted.objects.filter(plan=seed_plan).exists()
    assert not queued_working_renders(seed_plan).exists()
    assert not PlanEdit.objects.filter(plan=seed_plan, at__gte=before).exists()


# --- A download never renders ------------------------------------------------------------


def test_the_download_says_the_pdf_is_being_prepared_then_serves_the_workers_file(
    seed_plan, client_for, background, renders_spy
):
    client = client_for("editor")
    waiting = client.get(pdf_url(seed_plan))

    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "5"
    page = waiting.content.decode()
    assert '<h1 class="govuk-heading-l">This PDF is being prepared</h1>' in page
    # It checks again by itself (static/js/pdf-preparing.js, every 5 s, no timed page
    # refresh: WCAG 2.2.1), and offers a link to check again without script.
    assert 'data-module="pdf-preparing"' in page and 'data-poll-seconds="5"' in page
    assert 'role="status"' in page and ">Check again now</a>" in page
    assert "http-equiv" not in page
    assert renders_spy == []  # nothing was rendered in the request
    assert Render.objects.get(plan=seed_plan, as_of=None).state == Render.State.QUEUED

    assert client.head(pdf_url(seed_plan)).status_code == 202  # what the page's check asks

    background()
    assert client.head(pdf_url(seed_plan)).status_code == 200
    ready = client.get(pdf_url(seed_plan))
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert ready.getvalue().startswith(b"%PDF-")
    assert len(renders_spy) == 1


def test_while_a_new_version_is_prepared_the_editor_is_offered_the_last_one_ready(
    seed_plan, client_for, background
):
    client = client_for("editor")
    client.get(pdf_url(seed_plan))
    background()
    earlier = Render.objects.get(plan=seed_plan, state=Render.State.READY)

    edit_recommendation(seed_plan, "A newer wording")
    page = client.get(pdf_url(seed_plan)).content.decode()

    link = reverse("recommendations:plan-render-pdf", args=[seed_plan.slug, earlier.digest])
    assert f'href="{link}"' in page
    moment = timezone.localtime(earlier.source_at)
    assert f"as it stood at {moment:%H:%M} on {moment.day} {moment:%B %Y}" in page
    older = client.get(link)
    assert older.status_code == 200 and older.getvalue().startswith(b"%PDF-")
    # Reviewers read submissions only: the working version's render is not theirs.
    assert client_for("reviewer").get(link).status_code == 403


def test_a_render_that_keeps_failing_is_shown_as_failed_not_waited_for_forever(
    seed_plan, client_for
):
    client = client_for("editor")
    client.get(pdf_url(seed_plan))
    Render.objects.filter(plan=seed_plan).update(
        state=Render.State.FAILED, attempts=background.MAX_ATTEMPTS, error="MemoryError"
    )
    response = client.get(pdf_url(seed_plan))
    assert response.status_code == 503
    assert "Sorry, the PDF could not be prepared" in response.content.decode()


def test_a_running_render_whose_worker_stopped_beating_is_queued_again(seed_plan, client_for):
    client = client_for("editor")
    client.get(pdf_url(seed_plan))
    render = Render.objects.get(plan=seed_plan)
    long_ago = timezone.now() - background.abandoned_after() - datetime.timedelta(seconds=1)
    Render.objects.filter(pk=render.pk).update(
        state=Render.State.RUNNING, started_at=long_ago, heartbeat_at=long_ago, attempts=1
    )
    before = DBTaskResult.objects.filter(status="READY").count()

    assert client.get(pdf_url(seed_plan)).status_code == 202

    render.refresh_from_db()
    assert render.state == Render.State.QUEUED
    assert DBTaskResult.objects.filter(status="READY").count() == before + 1


def test_a_file_cut_off_half_way_is_replaced_not_reused(settings):
    data = b"%PDF-1.7 the whole file %%EOF"
    name = f"renders/{hashlib.sha256(data).hexdigest()}.pdf"
    default_storage.save(name, __import__("io").BytesIO(data[:9]))  # a write that died

    stored, sha = background.store_file(data=data, suffix="pdf")

    assert stored == name and sha == hashlib.sha256(data).hexdigest()
    with default_storage.open(stored, "rb") as kept:
        assert kept.read() == data


# --- Submissions ---------------------------------------------------------------------------


def test_two_submissions_before_the_worker_runs_complete_in_order_in_one_chain(
    seed_plan, client_for, background
):
    first = services.plan_submit(
        plan=seed_plan,
        kind="progress_update_submitted",
        label="Update 4",
        date=datetime.date(2025, 2, 1),
    )
    edit_recommendation(seed_plan, "Changed between the two submissions")
    second = services.plan_submit(
        plan=seed_plan,
        kind="progress_update_submitted",
        label="Update 5",
        date=datetime.date(2025, 3, 1),
    )
    four, five = first.frozen_record, second.frozen_record
    assert four.pdf_pending and five.pdf_pending
    assert submission_problems(plan=seed_plan) == []  # pending is not broken

    page = client_for("reviewer").get(pdf_url(seed_plan, submission=5))
    assert page.status_code == 202
    assert "?submission=4" in page.content.decode()  # the submission before, meanwhile

    background()

    four.refresh_from_db(), five.refresh_from_db()
    assert not four.pdf_pending and not five.pdf_pending
    assert five.previous_sha256 == four.record_sha256
    assert (
        four.previous_sha256 == SubmissionRecord.objects.get(plan=seed_plan, number=3).record_sha256
    )
    assert submission_problems(plan=seed_plan) == []
    ready = client_for("reviewer").get(pdf_url(seed_plan, submission=5))
    assert ready.status_code == 200 and ready.content == bytes(five.pdf)


def test_a_ready_working_pdf_is_found_by_the_plans_edit_stamp_not_by_building_its_html(
    seed_plan, client_for, background, monkeypatch
):
    from recommendations.models import PlanEdit
    from recommendations.publishing import downloads

    client = client_for("editor")
    client.get(pdf_url(seed_plan))
    background()
    built = []
    real = downloads.plan_publication_html
    monkeypatch.setattr(
        downloads, "plan_publication_html", lambda **kw: built.append(kw) or real(**kw)
    )

    # An unchanged plan: the digest remembered for its edit stamp names the file.
    assert client.get(pdf_url(seed_plan)).status_code == 200
    assert built == []

    # A change commits a new stamp with it: the HTML is built once more, and the new
    # version is on its way, never the old file served as current.
    stamps = PlanEdit.objects.filter(plan=seed_plan).count()
    edit_recommendation(seed_plan, "Reworded after the render")
    assert PlanEdit.objects.filter(plan=seed_plan).count() == stamps + 1
    assert client.get(pdf_url(seed_plan)).status_code == 202
    assert len(built) == 1
