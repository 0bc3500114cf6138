"""XSS payloads typed into every field of every form come out as text on every page showing them."""

import pytest
from django.test import Client
from django.urls import reverse

from recommendations import services
from recommendations.models import Milestone, Owner, Recommendation
from tests.conftest import client_as
from tests.recommendations.forms.fuzz_support import Seed, assert_saved, url_names
from tests.recommendations.forms.inert import ALL, XSS_PAYLOADS, assert_inert, chunks, squash

pytestmark = pytest.mark.django_db


def enter_payloads(seeded) -> dict:
    """Every field of every form gets the payloads; returns what the pages need."""
    seed = Seed()
    editor = client_as(seeded, "editor")
    rec, action = seed.rec, seed.action

    # A plan of the editor's own, with payloads in its title
    assert_saved(
        editor.post(
            reverse("recommendations:plan-create"),
            {
                "report_title": ALL,
                "report_published_on_day": "1",
                "report_published_on_month": "2",
                "report_published_on_year": "2024",
                "slug": "xss-plan",
                "bodies": [seed.hmpps.pk],
                "change_reason": chunks(XSS_PAYLOADS, 500)[0],
            },
        ),
        "plan-create",
    )
    # Headings, and a recommendation under each, with payloads in every text field
    headings = chunks(XSS_PAYLOADS, 300)
    for heading in headings:
        assert_saved(
            editor.post(seed.url("group-add"), {"heading": heading, "change_reason": heading}),
            "group-add",
        )
    group = seed.plan.groups.order_by("-position").first()
    references = ["<b>X1</b>", '"><i>', "{{7*7}}", "<img src=x>", "&lt;b&gt;"]
    for i, reference in enumerate(references):
        assert_saved(
            editor.post(
                seed.url("recommendation-add", group=group.pk),
                {
                    "reference": reference,
                    "text": ALL,
                    "agreement": "not_agreed",
                    "rationale": ALL,
                    "reasons": ["policy"],
                    "response": ALL,
                    "response_after": ALL,
                    "change_reason": chunks(XSS_PAYLOADS, 500)[i % 2],
                },
            ),
            "recommendation-add",
        )
    # The seed's recommendation 6, changed with payloads (history and compare show diffs)
    assert_saved(
        editor.post(
            seed.url("recommendation-edit", pk=rec.pk),
            {
                "reference": rec.reference,
                "text": rec.text + "\n\n" + ALL,
                "agreement": "partly_agreed",
                "rationale": ALL,
                "reasons": ["policy", "affordability"],
                "response": ALL,
                "response_after": ALL,
                "change_reason": chunks(XSS_PAYLOADS, 500)[0],
                "version": services.version_of(rec),
            },
        ),
        "recommendation-edit",
    )
    # Owners: three on the existing action, the rest on new actions
    owner_names = chunks(XSS_PAYLOADS, 255)
    targets = chunks(XSS_PAYLOADS, 100, prefix="March 2026 ")
    action.refresh_from_db()
    assert_saved(
        editor.post(
            seed.url("action-edit", rec=rec.pk, pk=action.pk),
            {
                "text": ALL,
                "owner_1": owner_names[0],
                "owner_2": owner_names[1 % len(owner_names)],
                "owner_3": owner_names[2 % len(owner_names)],
                "target_text": targets[0],
                "status": "delayed",
                "change_reason": chunks(XSS_PAYLOADS, 500)[1],
                "version": services.version_of(action),
            },
        ),
        "action-edit",
    )
    for i, name in enumerate(owner_names[3:] + targets[1:]):
        assert_saved(
            editor.post(
                seed.url("action-add", rec=rec.pk),
                {
                    "text": ALL,
                    "owner_1": name[:255],
                    "target_text": targets[i % len(targets)],
                    "status": "in_progress",
                    "change_reason": name[:500],
                },
            ),
            "action-add",
        )
    # Progress updates, each in a round whose label carries payloads, revising the action
    for i, label in enumerate(chunks(XSS_PAYLOADS, 50, prefix="July 2025 ")):
        assert_saved(
            editor.post(
                seed.url("progress-add", rec=rec.pk),
                {
                    "round": label,
                    "text": ALL,
                    "owner_1": owner_names[i % len(owner_names)],
                    "owner_2": owner_names[(i + 1) % len(owner_names)],
                    "status": "delayed",
                    "target_text": targets[i % len(targets)],
                    "revises_action": action.pk,
                    "revision_reason": ALL,
                    "change_reason": chunks(XSS_PAYLOADS, 500)[i % 2],
                },
            ),
            "progress-add",
        )
    # Archive one of the new recommendations, with payloads as the reason
    archived = Recommendation.objects.get(group=group, reference=references[0])
    assert_saved(
        editor.post(
            seed.url("archive", kind="recommendation", pk=archived.pk),
            {"change_reason": chunks(XSS_PAYLOADS, 500)[0]},
        ),
        "archive",
    )
    # Submit, so that reviewers see it all; then their assessment and comments
    for label in chunks(XSS_PAYLOADS, 200)[:2]:
        assert_saved(
            editor.post(
                seed.url("plan-submit"),
                {
                    "kind": "updated_plan_submitted",
                    "label": label,
                    "date_day": "1",
                    "date_month": "8",
                    "date_year": "2025",
                    "change_note": ALL,
                },
            ),
            "plan-submit",
        )
    reviewer = client_as(seeded, "reviewer")
    assert_saved(
        reviewer.post(
            seed.url("assessment-record", pk=rec.pk),
            {"rating": "reasonable_progress", "comment": ALL},
        ),
        "assessment-record",
    )
    for who in (reviewer, editor):
        assert_saved(who.post(seed.url("comment-add", pk=rec.pk), {"text": ALL}), "comment-add")
    return {"seed": seed, "archived": archived, "group": group}


def pages_to_check(seeded, entered) -> list[tuple[str, Client, str]]:
    seed: Seed = entered["seed"]
    rec, action = seed.rec, seed.action
    editor, reviewer, admin = (client_as(seeded, r) for r in ("editor", "reviewer", "admin"))
    first_submission = Milestone.objects.filter(plan=seed.plan, submitted_at__isnull=False)
    first_submission = first_submission.order_by("submitted_at").first()
    payload_owners = Owner.objects.filter(name__contains="alert")
    new_rec = Recommendation.objects.filter(group=entered["group"], archived_at__isnull=True)
    pages = []
    for who, client in (("editor", editor), ("reviewer", reviewer)):
        pages += [
            (who, client, reverse("recommendations:plan-list")),
            (who, client, seed.url("plan-detail")),
            (who, client, seed.url("recommendation-detail", pk=rec.pk)),
            (who, client, seed.url("recommendation-detail", pk=new_rec.first().pk)),
            (who, client, seed.url("plan-history")),
            (who, client, seed.url("recommendation-history", pk=rec.pk)),
            (who, client, seed.url("plan-compare")),
            (who, client, seed.url("plan-compare") + f"?old={first_submission.pk}&new=working"),
            (who, client, reverse("recommendations:owner-list")),
            (who, client, reverse("recommendations:slippage-report")),
        ]
        pages += [
            (who, client, reverse("recommendations:owner-detail", args=[o.pk]))
            for o in payload_owners
        ]
    pages += [
        ("editor", editor, reverse("recommendations:plan-detail", args=["xss-plan"])),
        ("editor", editor, seed.url("recommendation-edit", pk=rec.pk)),
        ("editor", editor, seed.url("action-edit", rec=rec.pk, pk=action.pk)),
        ("editor", editor, seed.url("progress-add", rec=rec.pk)),
        ("editor", editor, seed.url("plan-submit")),
        ("editor", editor, seed.url("archive", kind="action", pk=action.pk)),
        ("admin", admin, reverse("recommendations:archived-list")),
    ]
    if "recommendations:plan-downloads" in url_names():
        pages.append(("editor", editor, seed.url("plan-downloads")))
    return pages


def test_xss_payloads_come_out_inert_in_every_page(seeded, subtests):
    entered = enter_payloads(seeded)
    seen_text = []
    for who, client, url in pages_to_check(seeded, entered):
        with subtests.test(msg=f"GET {url} as {who}"):
            response = client.get(url)
            assert response.status_code == 200, f"GET {url} as {who}: {response.status_code}"
            csp = response.get("Content-Security-Policy")
            seen_text.append(assert_inert(response.content.decode(), f"GET {url} as {who}", csp))
    # The payloads were shown, as the text the user typed.
    shown = squash("".join(seen_text))
    missing = [p for p in XSS_PAYLOADS if squash(p.lstrip("- ")) not in shown]
    assert not missing, f"payloads not shown as typed anywhere: {missing}"
