"""Repeated failed sign-ins are refused for a while, by username and by IP address."""

import time

import pytest
from django.test import RequestFactory, override_settings

from accounts import throttle
from accounts.client import client_ip
from accounts.models import AuthEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
MESSAGE = "You have entered the wrong details too many times. Wait 15 minutes, then try again."


def sign_in(client, username, password, ip="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, times, username="editor", ip="198.51.100.7"):
    return [sign_in(client, username, f"wrong-{n}", ip) for n in range(times)]


def test_four_failures_still_let_the_right_password_in(client, editor):
    responses = fail(client, 4)
    assert all(MESSAGE not in r.content.decode() for r in responses)
    assert sign_in(client, "editor", "right-password").status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_and_the_sixth_attempt_is_refused_even_when_right(client, editor):
    *_, fifth = fail(client, 5)
    assert MESSAGE in fifth.content.decode()

    response = sign_in(client, "editor", "right-password")

    assert response.status_code == 200
    assert not signed_in(client)
    html = response.content.decode()
    assert MESSAGE in html
    summary = html[html.index('class="govuk-error-summary"') :]
    assert MESSAGE in summary[: summary.index("</ul>")]
    refused = AuthEvent.objects.filter(kind=AuthEvent.Kind.LOCKED_OUT).get()
    assert (refused.username, refused.user, refused.ip) == ("editor", editor, "198.51.100.7")
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.SIGN_IN_FAILED).count() == 5


def test_the_lock_is_the_same_whether_or_not_the_username_exists(client, editor):
    def refusal(username, ip):
        fail(client, 5, username=username, ip=ip)
        html = sign_in(client, username, "anything", ip=ip).content.decode()
        start = html.index('class="govuk-error-summary"')
        return html[start : html.index("</ul>", start)]

    assert refusal("editor", "192.0.2.1") == refusal("no-such-user", "192.0.2.2")


def test_the_username_lock_ignores_case_and_applies_from_any_address(client, editor):
    for n in range(5):
        sign_in(client, "EDITOR" if n % 2 else "editor", "wrong", ip=f"192.0.2.{n}")
    response = sign_in(client, "editor", "right-password", ip="192.0.2.200")
    assert MESSAGE in response.content.decode()
    assert not signed_in(client)


def test_failures_from_one_address_lock_every_username_from_it(client, editor):
    for n in range(5):
        sign_in(client, f"someone-{n}", "wrong", ip="198.51.100.50")
    response = sign_in(client, "editor", "right-password", ip="198.51.100.50")
    assert MESSAGE in response.content.decode()
    # The same account from elsewhere is not locked.
    assert sign_in(client, "editor", "right-password", ip="198.51.100.51").status_code == 302


def test_the_lock_lifts_after_the_lockout(client, editor, monkeypatch):
    fail(client, 5)
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(throttle, "_now", lambda: later)
    assert sign_in(client, "editor", "right-password").status_code == 302
    assert signed_in(client)


def test_the_lock_holds_until_the_lockout_ends(client, editor, monkeypatch):
    fail(client, 5)
    nearly = time.time() + 15 * 60 - 5
    monkeypatch.setattr(throttle, "_now", lambda: nearly)
    assert MESSAGE in sign_in(client, "editor", "right-password").content.decode()


@override_settings(SIGN_IN_THROTTLE_IP_FAILURES=100)
def test_a_success_clears_the_usernames_count(client, editor):
    fail(client, 4)
    assert sign_in(client, "editor", "right-password").status_code == 302
    client.logout()
    responses = fail(client, 4)
    assert all(MESSAGE not in r.content.decode() for r in responses)


@override_settings(SIGN_IN_THROTTLE_LOCKOUT=60 * 60, SIGN_IN_THROTTLE_FAILURES=3)
def test_the_message_follows_the_settings(client, editor):
    *_, third = fail(client, 3)
    assert "Wait 60 minutes, then try again." in third.content.decode()


def test_the_admin_sign_in_is_throttled_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.gov.uk", "right")
    for n in range(5):
        client.post("/admin/login/", {"username": "root", "password": f"no-{n}"})
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": "right"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


class TestClientIP:
    def request(self, **meta):
        return RequestFactory().get("/", **meta)

    def test_remote_addr_without_proxies(self):
        request = self.request(REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
        assert client_ip(request) == "203.0.113.1"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_last_forwarded_address_is_the_clients(self):
        request = self.request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1")
        assert client_ip(request) == "203.0.113.1"

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies(self):
        request = self.request(
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1, 10.0.0.1"
        )
        assert client_ip(request) == "203.0.113.1"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_without_the_header_the_peer_is_used(self):
        assert client_ip(self.request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"

    def test_nonsense_is_no_address(self):
        assert client_ip(self.request(REMOTE_ADDR="not an address")) is None
        assert client_ip(None) is None
