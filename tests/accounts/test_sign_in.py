"""Signing in and out: GOV.UK wording, and every attempt recorded."""

import pytest
from django.urls import reverse

from accounts.models import AuthEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def error_summary(response) -> str:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    start = html.index('class="govuk-error-summary"')
    return html[start : html.index("</ul>", start)]


def test_the_sign_in_view_is_the_accounts_one():
    assert reverse("login") == LOGIN


def test_missing_username_and_password_get_govuk_messages(client):
    response = sign_in(client, "", "")
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Enter your username" in summary
    assert "Enter your password" in summary
    assert "<title>Error: Sign in" in response.content.decode()


def test_wrong_password_gets_the_govuk_message_without_please(client, editor):
    response = sign_in(client, "editor", "wrong")
    summary = error_summary(response)
    assert "Enter a correct username and password" in summary
    assert "Please" not in response.content.decode()


def test_the_username_field_does_not_take_focus_by_itself(client):
    html = client.get(LOGIN).content.decode()
    assert "autofocus" not in html
    assert 'autocomplete="username"' in html


def test_a_sign_in_is_recorded_with_where_it_came_from(client, editor):
    response = sign_in(
        client, "editor", "right-password", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox"
    )
    assert response.status_code == 302
    event = AuthEvent.objects.get()
    assert event.kind == AuthEvent.Kind.SIGNED_IN
    assert event.user == editor
    assert event.username == "editor"
    assert event.ip == "203.0.113.9"
    assert event.user_agent == "Firefox"


def test_a_failed_sign_in_is_recorded_with_the_username_as_typed(client, editor):
    sign_in(client, "editor", "wrong")
    sign_in(client, "nobody-by-this-name", "wrong")
    known, unknown = AuthEvent.objects.order_by("pk")
    assert (known.kind, known.username, known.user) == ("sign_in_failed", "editor", editor)
    assert (unknown.kind, unknown.username, unknown.user) == (
        "sign_in_failed",
        "nobody-by-this-name",
        None,
    )
    assert known.ip == "127.0.0.1"


def test_long_usernames_and_user_agents_are_truncated(client):
    sign_in(client, "x" * 500, "wrong", HTTP_USER_AGENT="y" * 1000)
    event = AuthEvent.objects.get()
    assert event.username == "x" * AuthEvent.USERNAME_MAX_LENGTH
    assert event.user_agent == "y" * AuthEvent.USER_AGENT_MAX_LENGTH


def test_signing_out_is_recorded(client, editor):
    client.force_login(editor)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    kinds = list(AuthEvent.objects.order_by("pk").values_list("kind", "user"))
    assert kinds == [("signed_in", editor.pk), ("signed_out", editor.pk)]


def test_the_password_is_never_recorded(client, editor):
    sign_in(client, "editor", "a-secret-guess", HTTP_USER_AGENT="a-secret-guess")
    event = AuthEvent.objects.get()
    assert "a-secret-guess" not in (event.username, str(event))
