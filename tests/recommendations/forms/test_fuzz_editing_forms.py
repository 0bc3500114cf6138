"""Fuzzing the editor's forms: bad input to each is a form error or a save, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from recommendations import services
from tests.conftest import SEED_SLUG, client_as
from tests.recommendations.forms.fuzz_support import (
    FUZZ,
    OWNERS,
    STATUSES,
    TARGETS,
    Seed,
    check_form_post,
    date_fields,
    field,
    form,
    fuzz_form,
    ids,
    in_savepoint,
    target_phrases,
)
from tests.recommendations.forms.inert import assert_inert

pytestmark = pytest.mark.django_db


# --- Every form of the plan's editing, as the editor ------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzz_plan_create(seeded, data):
    seed = Seed()
    fields = {
        "report_title": field("An inspection of something"),
        **date_fields("report_published_on"),
        "slug": field("a-new-plan", SEED_SLUG, "Not A Slug", "ünïcode"),
        "bodies": ids(seed.hmpps.pk),
        "change_reason": field("Creating it"),
    }
    url = reverse("recommendations:plan-create")
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_plan_submit(seeded, data):
    seed = Seed()
    fields = {
        "kind": field("plan_submitted", "updated_plan_submitted", "progress_update_submitted"),
        "label": field("12 Month Update Action Plan Submitted"),
        **date_fields("date"),
        "change_note": field("What changed"),
    }
    fuzz_form(seeded, data, role="editor", url=seed.url("plan-submit"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_group_add(seeded, data):
    seed = Seed()
    fields = {"heading": field("The Home Office should:"), "change_reason": field("New")}
    fuzz_form(seeded, data, role="editor", url=seed.url("group-add"), fields=fields)


def recommendation_fields(version=None):
    fields = {
        "reference": field("99", "6", "S40"),
        "text": field("Do the thing."),
        "agreement": field("agreed", "partly_agreed", "not_agreed"),
        "rationale": field("", "Because."),
        "reasons": field("policy", ["policy", "operational"], bad=st.just(["nonsense"])),
        "response": field("", "We will."),
        "response_after": field(""),
        "change_reason": field("A reason"),
    }
    if version is not None:
        fields["version"] = field(version, "", "2020-01-01T00:00:00+00:00")
    return fields


@FUZZ
@given(data=st.data())
def test_fuzz_recommendation_add(seeded, data):
    seed = Seed()
    url = seed.url("recommendation-add", group=seed.group.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=recommendation_fields())


@FUZZ
@given(data=st.data())
def test_fuzz_recommendation_edit(seeded, data):
    seed = Seed()
    fields = recommendation_fields(version=services.version_of(seed.rec))
    url = seed.url("recommendation-edit", pk=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


def owner_fields() -> dict:
    """Owner boxes as a browser sends them: numbered from 1, with gaps a script leaves."""
    return {
        "owner_1": field(*OWNERS),
        "owner_2": field("", *OWNERS),
        "owner_4": field("", *OWNERS),
        "owner_17": field(""),
    }


@FUZZ
@given(data=st.data())
def test_fuzz_add_another_owner(seeded, data):
    """Whatever was typed, "Add another owner" shows the form again with one more box,
    what was typed kept inert, and nothing saved."""
    seed = Seed()
    url = data.draw(
        st.sampled_from(
            [
                seed.url("action-add", rec=seed.rec.pk),
                seed.url("action-edit", rec=seed.rec.pk, pk=seed.action.pk),
                seed.url("progress-add", rec=seed.rec.pk),
            ]
        ),
        label="url",
    )
    values = data.draw(form({**action_fields(), "add_owner": field("1")}), label="data")
    client = client_as(seeded, "editor")

    def run():
        response = client.post(url, {**values, "add_owner": "1"})
        assert response.status_code == 200, f"POST {url}: {response.status_code}"
        html = response.content.decode()
        assert "govuk-error-summary" not in html, f"POST {url}: errors for an unsaved form"
        assert_inert(html, f"POST {url}", response.get("Content-Security-Policy"))

    in_savepoint(run)


def action_fields(version=None):
    fields = {
        "text": field("Do it."),
        **owner_fields(),
        "target_text": field(*TARGETS, extra=target_phrases),
        "status": field(*STATUSES),
        "change_reason": field("A reason"),
    }
    if version is not None:
        fields["version"] = field(version, "", "not-a-version")
    return fields


@FUZZ
@given(data=st.data())
def test_fuzz_action_add(seeded, data):
    seed = Seed()
    url = seed.url("action-add", rec=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=action_fields())


@FUZZ
@given(data=st.data())
def test_fuzz_action_edit(seeded, data):
    seed = Seed()
    url = seed.url("action-edit", rec=seed.rec.pk, pk=seed.action.pk)
    fields = action_fields(version=services.version_of(seed.action))
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_progress_add(seeded, data):
    seed = Seed()
    fields = {
        "round": field("July 2025", "July 2024", "Sometime", extra=target_phrases),
        **progress_fields(seed),
    }
    url = seed.url("progress-add", rec=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


def progress_fields(seed) -> dict:
    other_action = seed.other_rec.actions.first()
    return {
        "text": field("Progress was made."),
        **owner_fields(),
        "status": field(*STATUSES),
        "target_text": field("", *TARGETS, extra=target_phrases),
        "revises_action": ids("", seed.action.pk, other_action.pk),
        "revision_reason": field("", "Resourcing"),
        "change_reason": field("A reason"),
    }


@FUZZ
@given(data=st.data())
def test_fuzz_progress_edit(seeded, data):
    seed = Seed()
    fields = {
        **progress_fields(seed),
        "version": field(services.version_of(seed.progress), "", "not-a-version"),
    }
    url = seed.url("progress-edit", rec=seed.rec.pk, pk=seed.progress.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_target_revise(seeded, data):
    seed = Seed()
    fields = {
        "target_text": field(*TARGETS, extra=target_phrases),
        "revision_reason": field("Resourcing"),
        "round": field("July 2025", "July 2024", "Sometime", extra=target_phrases),
        "change_reason": field("A reason"),
    }
    url = seed.url("action-target-revise", rec=seed.rec.pk, pk=seed.action.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_baseline_correct(seeded, data):
    seed = Seed()
    fields = {
        "target_text": field(*TARGETS, extra=target_phrases),
        "baseline_correction_reason": field("Typed wrongly"),
        "version": field(services.version_of(seed.action), "", "not-a-version"),
    }
    url = seed.url("action-baseline-correct", rec=seed.rec.pk, pk=seed.action.pk)
    fuzz_form(seeded, data, role="admin", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_archive(seeded, data):
    seed = Seed()
    kind = data.draw(st.sampled_from(["recommendation", "action", "progress"]), label="kind")
    pk = {"recommendation": seed.rec, "action": seed.action, "progress": seed.progress}[kind].pk
    url = seed.url("archive", kind=kind, pk=pk)
    fuzz_form(seeded, data, role="editor", url=url, fields={"change_reason": field("Gone")})


@FUZZ
@given(data=st.data())
def test_fuzz_moves(seeded, data):
    seed = Seed()
    url = data.draw(
        st.sampled_from(
            [
                seed.url("group-move", pk=seed.group.pk),
                seed.url("recommendation-move", pk=seed.rec.pk),
                seed.url("action-move", rec=seed.rec.pk, pk=seed.action.pk),
            ]
        ),
        label="url",
    )
    fuzz_form(seeded, data, role="editor", url=url, fields={"direction": field("up", "down")})


# --- Known crashes, pinned as plain examples (Hypothesis also finds them) -------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("action-target", {"target_text": "March 0000"}),
        ("action-target", {"target_text": "end of 0000"}),
        ("progress-round", {"round": "July 0000"}),
        ("progress-target", {"target_text": "0000-01"}),
    ],
)
def test_a_year_0_target_or_round_is_an_answer_not_a_crash(seeded, name, data):
    seed = Seed()
    editor = client_as(seeded, "editor")
    if name == "action-target":
        url = seed.url("action-add", rec=seed.rec.pk)
        body = {"text": "x", "owner_1": OWNERS[0], "status": "in_progress", **data}
    else:
        url = seed.url("progress-add", rec=seed.rec.pk)
        body = {"round": "July 2025", "text": "x", "owner_1": OWNERS[0], "status": "delayed"}
        body.update(data)
    # A form error, or (a progress update's target need not name a month) saved.
    check_form_post(editor.post(url, body), f"POST {url} {data}")


def test_a_huge_body_id_is_a_form_error(seeded):
    """ModelMultipleChoiceField sends an id beyond 64 bits to the database (SQLite: 500)."""
    seed = Seed()
    response = client_as(seeded, "editor").post(
        reverse("recommendations:plan-create"),
        {"report_title": "T", "slug": "a-plan", "bodies": [str(10**20), str(seed.hmpps.pk)]},
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_a_recommendation_longer_than_the_limit_is_refused(seeded):
    """A 70,000-character recommendation (a pasted document) gets a clear form error;
    nothing that long reaches the history page, the word diff or the PDF."""
    import random

    seed = Seed()
    editor = client_as(seeded, "editor")
    rng = random.Random(6)
    vocabulary = ["prison", "probation", "review", "risk", "staff", "training", "policy"]
    text = " ".join(rng.choice(vocabulary) for _ in range(10_000))
    response = editor.post(
        seed.url("recommendation-edit", pk=seed.rec.pk),
        {
            "reference": seed.rec.reference,
            "text": text,
            "agreement": "agreed",
            "version": services.version_of(seed.rec),
        },
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Shorten this text to 20,000 characters or fewer" in response.content
