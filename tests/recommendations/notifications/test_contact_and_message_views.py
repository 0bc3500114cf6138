"""The plan's editors keep its owners' contacts; administrators read the messages sent."""

import pytest
from django.urls import reverse

from recommendations.models import Message, Owner, OwnerContact
from tests.conftest import SEED_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(seed_plan):
    """An owner of one of the seed plan's actions."""
    return Owner.objects.filter(actions__recommendation__group__plan=seed_plan).first()


def add_url(owner):
    return reverse(
        "recommendations:owner-contact-add", kwargs={"slug": SEED_SLUG, "owner": owner.pk}
    )


def test_an_editor_adds_a_contact_and_removes_it(client_for, owner):
    client = client_for("editor")
    page = client.get(reverse("recommendations:plan-owners", kwargs={"slug": SEED_SLUG}))
    assert owner.name in page.text and "No contacts" in page.text

    response = client.post(add_url(owner), {"email": "Custody.Lead@example.gov.uk"}, follow=True)

    contact = OwnerContact.objects.get(owner=owner)
    assert contact.email == "custody.lead@example.gov.uk"
    assert contact.history.first().history_user.username == "editor"
    assert "custody.lead@example.gov.uk" in response.text
    assert "Contact added" in response.text

    remove = reverse(
        "recommendations:owner-contact-remove",
        kwargs={"slug": SEED_SLUG, "owner": owner.pk, "pk": contact.pk},
    )
    response = client.post(remove, follow=True)
    contact.refresh_from_db()
    assert contact.archived_at is not None  # kept, with its history
    assert "Contact removed" in response.text


def test_a_wrong_email_is_refused_beside_the_field(client_for, owner):
    response = client_for("editor").post(add_url(owner), {"email": "not an address"})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert 'id="email-error"' in response.text or "govuk-error-message" in response.text
    assert "Enter an email address in the correct format" in response.text
    assert not OwnerContact.objects.exists()


def test_the_same_contact_twice_is_refused(client_for, owner):
    client = client_for("editor")
    client.post(add_url(owner), {"email": "lead@example.gov.uk"})
    response = client.post(add_url(owner), {"email": "LEAD@example.gov.uk"})
    assert "already has this contact" in response.text
    assert OwnerContact.objects.count() == 1


def test_an_editor_links_a_user_whose_own_address_is_used(client_for, owner, people):
    people["editor"].email = "editor@example.gov.uk"
    people["editor"].save()
    client_for("editor").post(add_url(owner), {"user": people["editor"].pk})
    assert OwnerContact.objects.get(owner=owner).address == "editor@example.gov.uk"


def test_a_reviewer_may_not_change_contacts(client_for, owner):
    response = client_for("reviewer").post(add_url(owner), {"email": "lead@example.gov.uk"})
    assert response.status_code == 403
    assert not OwnerContact.objects.exists()


def test_administrators_see_failed_messages_first_and_can_filter(client_for, people):
    Message.objects.create(
        key="a",
        kind="overdue",
        recipient="gone@example.gov.uk",
        subject="Overdue",
        body="b",
        status="failed",
        attempts=5,
        last_error="ConnectionRefusedError: refused",
    )
    Message.objects.create(
        key="b",
        kind="digest",
        recipient="ok@example.gov.uk",
        subject="Digest",
        body="b",
        status="sent",
        attempts=1,
        provider_reference="<ref@example>",
    )
    client = client_for("admin")

    page = client.get(reverse("recommendations:message-list"))
    assert "1 message could not be sent" in page.text
    assert "govuk-tag--red" in page.text and "ConnectionRefusedError" in page.text
    assert "&lt;ref@example&gt;" in page.text

    failed_only = client.get(reverse("recommendations:message-list") + "?status=failed")
    assert "gone@example.gov.uk" in failed_only.text
    assert "ok@example.gov.uk" not in failed_only.text
    assert client_for("editor").get(reverse("recommendations:message-list")).status_code == 403
