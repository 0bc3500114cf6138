"""Security headers, cookies, Content Security Policy and password hashing."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3J#9vX!q2Lm@8Zp$5Rt^7Wy&1Nb*4Hc(6Gd)0Fs_Ea+Yu-Io=Pq[Mw]Vx{Tz}"

base = importlib.import_module("tracker.settings.base")
production = importlib.import_module("tracker.settings.production")

# The production settings that shape responses, applied to the test client's requests.
PRODUCTION = {
    name: getattr(production, name)
    for name in [
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SECURE_CSP",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_AGE",
        "SESSION_RENEW_AFTER_SECONDS",
    ]
}


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


# --- Content Security Policy, in every environment -------------------------------------


@pytest.mark.django_db
def test_the_sign_in_page_has_a_strict_csp_whose_nonce_is_the_inline_scripts(client):
    response = client.get("/accounts/login/")
    policy = directives(response["Content-Security-Policy"])

    nonces = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [f' nonce="{nonce}"']

    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_each_response_has_its_own_nonce(client):
    first = client.get("/accounts/login/")["Content-Security-Policy"]
    second = client.get("/accounts/login/")["Content-Security-Policy"]
    assert first != second


INLINE = [
    (re.compile(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>"), "a <script> without src or nonce"),
    (re.compile(r"<style\b"), "a <style> element"),
    (re.compile(r"\sstyle\s*="), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an event handler attribute"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
]


@pytest.mark.django_db
def test_the_main_pages_have_nothing_inline_that_the_policy_would_block(client_for, seed_plan):
    client = client_for("admin")
    recommendation = seed_plan.groups.first().recommendations.first()
    pages = [
        "/",
        f"/plans/{seed_plan.slug}/",
        f"/plans/{seed_plan.slug}/recommendations/{recommendation.pk}/",
        "/owners/",
        "/admin/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for pattern, what in INLINE:
            match = pattern.search(html)
            assert match is None, f"{url} has {what}: {html[match.start() : match.start() + 80]}"


# --- Production: HTTPS, cookies, headers -----------------------------------------------


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_production_redirects_plain_http_to_https(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_production_headers(client):
    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_production_cookies_are_secure_http_only_and_host_only(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right-password")
    page = client.get("/accounts/login/", secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    assert csrf["path"] == "/" and not csrf["domain"]

    response = client.post(
        "/accounts/login/",
        {
            "username": "editor",
            "password": "right-password",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
        HTTP_REFERER="https://testserver/accounts/login/",
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]
    assert session["max-age"] == 30 * 60


def test_production_deploy_check_warns_about_a_per_process_cache():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="tracker.example.gov.uk",
        CACHE_URL="locmemcache://",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "accounts.W001" in result.stderr + result.stdout


def test_production_shares_the_throttle_between_processes():
    assert production.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )


# --- Passwords ------------------------------------------------------------------------


def test_argon2_hashes_passwords_in_every_real_environment():
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert base.PASSWORD_HASHERS[0] == argon2
    assert production.PASSWORD_HASHERS[0] == argon2
    # The tests hash with MD5 for speed.
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_argon2_is_installed_and_used(django_user_model):
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = django_user_model.objects.create_user("someone", password="a long passphrase")
        assert user.password.startswith("argon2$")
        assert user.check_password("a long passphrase")
