"""Settings come from the environment; production refuses to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3J#9vX!q2Lm@8Zp$5Rt^7Wy&1Nb*4Hc(6Gd)0Fs_Ea+Yu-Io=Pq[Mw]Vx{Tz}"


def manage(*args, env_overrides: dict[str, str | None]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def printed_setting(expression: str, **env_overrides: str | None) -> str:
    """What `expression` (over `settings`) is in a fresh process with this environment."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        env_overrides=env_overrides,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
            "SECRET_KEY": None,
        },
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_check_deploy_reports_nothing():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "tracker.example.gov.uk",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_runs_with_its_default_key_only_while_debug_is_on():
    result = manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "tracker.settings.local",
            "DEBUG": "false",
        },
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_database_comes_from_database_url():
    name = printed_setting(
        "settings.DATABASES['default']['NAME']",
        DJANGO_SETTINGS_MODULE="tracker.settings.local",
        DATABASE_URL="postgres://someone@db.example:5432/plans",
    )
    assert name == "plans"


@pytest.mark.parametrize(("conn_max_age", "expected"), [(None, "300 True"), ("0", "0 True")])
def test_production_keeps_its_database_connections(conn_max_age, expected):
    """A worker reuses its connection between requests (checked before each reuse)
    instead of opening one per request; CONN_MAX_AGE=0 turns that off."""
    kept = printed_setting(
        "settings.DATABASES['default']['CONN_MAX_AGE'], "
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS']",
        DJANGO_SETTINGS_MODULE="tracker.settings.production",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://someone@db.example:5432/plans",
        CONN_MAX_AGE=conn_max_age,
    )
    assert kept == expected


def test_default_database_is_sqlite_in_an_ignored_folder():
    name = printed_setting(
        "settings.DATABASES['default']['NAME']",
        DJANGO_SETTINGS_MODULE="tracker.settings.local",
        DATABASE_URL=None,
    )
    assert name == str(ROOT / "var" / "tracker.sqlite3")
    assert "/var/" in (ROOT / ".gitignore").read_text()


@pytest.mark.django_db
def test_migrations_match_the_models():
    result = manage(
        "makemigrations",
        "--check",
        "--dry-run",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "tracker.settings.local",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only CI promises PostgreSQL")
@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
