"""Personal API tokens: made on the "API tokens" page (the secret shown once, only its
hash kept), listed, revoked; a token acts as its user and nothing more; a bad, expired
or revoked token gets 401 with a JSON body; token requests are rate-limited."""

import datetime
import hashlib
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import ApiToken, Membership
from accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db
TOKENS = "/accounts/api-tokens/"
API = "/api/v1/plans/"


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="pw")
    Membership.objects.create(user=user, role=Membership.Role.REVIEWER)
    return user


@pytest.fixture
def page(client, reviewer):
    client.force_login(reviewer)
    return client


def in_a_month() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=30)


def create(page, name="Dashboard", expires=None):
    expires = expires or in_a_month()
    return page.post(
        TOKENS,
        {
            "name": name,
            "expires_on_day": expires.day,
            "expires_on_month": expires.month,
            "expires_on_year": expires.year,
        },
    )


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_a_token_is_shown_once_and_only_its_hash_is_kept(page, reviewer):
    response = create(page)
    assert response.status_code == 200
    html = response.content.decode()
    secret = re.search(r'id="token-secret" type="text" value="([^"]+)"', html).group(1)
    assert secret.startswith("tracker_") and len(secret) > 40
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=reviewer)
    assert token.name == "Dashboard"
    assert token.sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.prefix, token.sha256, token.name}
    assert secret.startswith(token.prefix)
    # The list shows the token by its name and first characters, never its secret again.
    listing = page.get(TOKENS).content.decode()
    assert "Dashboard" in listing and token.prefix in listing
    assert secret not in listing


def test_the_form_says_what_is_wrong(page):
    response = create(page, name="", expires=timezone.localdate() - datetime.timedelta(days=1))
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a name for the token" in html
    assert "Expiry date must be today or in the future" in html
    far = create(page, expires=timezone.localdate() + datetime.timedelta(days=5000))
    assert "Expiry date must be within 366 days of today" in far.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_reads_the_api_as_its_user_and_records_its_use(reviewer):
    token, secret = api_token_create(user=reviewer, name="t", expires_on=in_a_month())
    assert token.last_used_at is None
    response = bearer(secret).get(API)
    assert response.status_code == 200
    assert response.json()["count"] == 0  # a reviewer with no submitted plans to read
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_acts_with_its_users_role_and_bodies_as_they_are_now(django_user_model):
    """An editor's token reads their body's working plan live; once they no longer edit
    for that body, the same token reads nothing of it (it was never submitted)."""
    from recommendations.models import ResponsibleBody
    from tests.factories import PlanFactory

    body = ResponsibleBody.objects.create(name="Youth Justice Board")
    plan = PlanFactory(slug="a-draft-plan")
    plan.bodies.set([body])
    editor = django_user_model.objects.create_user("editor", password="pw")
    Membership.objects.create(user=editor, role=Membership.Role.EDITOR).bodies.set([body])
    _token, secret = api_token_create(user=editor, name="t", expires_on=in_a_month())
    client = bearer(secret)
    assert client.get("/api/v1/plans/a-draft-plan/").json()["version"]["live"] is True
    editor.membership.bodies.clear()
    assert client.get("/api/v1/plans/a-draft-plan/").status_code == 403
    assert client.get(API).json()["count"] == 0


@pytest.mark.parametrize(
    "header",
    [
        "Bearer tracker_not-a-real-token",
        "Bearer not-even-ours",
        "Bearer",
        "Bearer two parts",
        "Bearer " + "x" * 5000,
        "bearer tracker_lower-case-keyword",
    ],
)
def test_a_bad_token_is_a_json_401_never_a_500(reviewer, header):
    response = Client(headers={"Authorization": header}).get(API)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_non_ascii_token_is_a_401(reviewer):
    response = Client().get(API, HTTP_AUTHORIZATION="Bearer tracker_é".encode().decode("latin-1"))
    assert response.status_code == 401


def test_an_expired_token_is_refused(reviewer):
    token, secret = api_token_create(user=reviewer, name="t", expires_on=in_a_month())
    token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token.save()
    response = bearer(secret).get(API)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_token_of_an_inactive_user_is_refused(reviewer):
    _token, secret = api_token_create(user=reviewer, name="t", expires_on=in_a_month())
    reviewer.is_active = False
    reviewer.save()
    assert bearer(secret).get(API).status_code == 401


def test_revoking_a_token_stops_it_at_once(page, reviewer):
    token, secret = api_token_create(user=reviewer, name="Old", expires_on=in_a_month())
    assert bearer(secret).get(API).status_code == 200
    response = page.post(f"{TOKENS}{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(secret).get(API).status_code == 401
    listing = page.get(TOKENS).content.decode()
    assert "Revoked" in listing


def test_nobody_revokes_anothers_token(page, django_user_model):
    other = django_user_model.objects.create_user("other", password="pw")
    token, secret = api_token_create(user=other, name="Theirs", expires_on=in_a_month())
    assert page.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_cannot_use_the_pages(reviewer):
    """A token is for the API: on a page it is no session, so sign-in is asked for."""
    _token, secret = api_token_create(user=reviewer, name="t", expires_on=in_a_month())
    response = bearer(secret).get(TOKENS)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@override_settings(API_TOKEN_RATE="3/minute")
def test_token_requests_are_rate_limited_per_token(reviewer):
    _token, secret = api_token_create(user=reviewer, name="t", expires_on=in_a_month())
    _other, other_secret = api_token_create(user=reviewer, name="u", expires_on=in_a_month())
    client = bearer(secret)
    assert [client.get(API).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(API)
    assert refused.status_code == 429
    assert refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # Another token has its own count, and the browser's session is not counted.
    assert bearer(other_secret).get(API).status_code == 200
    session = Client()
    session.force_login(reviewer)
    assert [session.get(API).status_code for _ in range(5)] == [200] * 5


def test_every_signed_in_page_leads_to_the_api_docs_and_tokens(page, client):
    html = page.get("/").content.decode()
    footer = html[html.index('id="support-links"') :]
    assert 'href="/api/v1/docs/"' in footer[:600]
    assert f'href="{TOKENS}"' in footer[:600]
    client.logout()
    assert 'id="support-links"' not in client.get("/accounts/login/").content.decode()
