"""The sign-in log in the admin can be read, never added to, changed or deleted; users'
roles are kept there, with a history that cannot be rewritten."""

import pytest

from accounts.models import AuthEvent, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(editor):
    return AuthEvent.objects.create(kind=AuthEvent.Kind.SIGNED_IN, username="editor", user=editor)


def test_an_administrator_can_read_the_log(admin_client, event):
    response = admin_client.get("/admin/accounts/authevent/")
    assert response.status_code == 200
    assert "editor" in response.content.decode()
    assert admin_client.get(f"/admin/accounts/authevent/{event.pk}/change/").status_code == 200


def test_nobody_can_add_change_or_delete_an_entry(admin_client, event):
    assert admin_client.get("/admin/accounts/authevent/add/").status_code == 403
    response = admin_client.post(
        f"/admin/accounts/authevent/{event.pk}/change/", {"kind": "signed_out"}
    )
    assert response.status_code == 403
    assert admin_client.post(f"/admin/accounts/authevent/{event.pk}/delete/").status_code == 403
    event.refresh_from_db()
    assert event.kind == AuthEvent.Kind.SIGNED_IN


def test_memberships_are_kept_in_the_admin_with_a_history_that_cannot_be_rewritten(
    admin_client, editor
):
    membership = Membership.objects.create(user=editor, role=Membership.Role.EDITOR)
    response = admin_client.get("/admin/accounts/membership/")
    assert response.status_code == 200
    assert "editor (Editor)" in response.content.decode()
    record = membership.history.get()
    url = f"/admin/accounts/membership/{membership.pk}/history/{record.history_id}/"
    assert admin_client.get(url).status_code == 200

    assert admin_client.post(url, {"user": editor.pk, "role": "reviewer"}).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    assert membership.history.count() == 1
