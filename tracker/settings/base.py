"""Settings shared by every environment, read from the environment (12-factor)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is read only when asked, so a stray file never changes production.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)

# A development key is tolerated only while DEBUG is on; otherwise the process refuses to start.
SECRET_KEY = env("SECRET_KEY", default=None)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable (DEBUG is off).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

# The embedded default: an SQLite file in a git-ignored folder.
DEFAULT_SQLITE = BASE_DIR / "var" / "tracker.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DEFAULT_SQLITE}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    "django_tasks_db",  # the task queue's table and `manage.py db_worker`
    "govuk",
    "recommendations",
    "accounts",
    "backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tracker.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # SECURE_CSP below: every response says which scripts, styles and frames may run.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews a signed-in session's timeout, at most once a minute (accounts/sessions.py).
    "accounts.sessions.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page but sign-in needs a signed-in user.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every revision made through a request records who made it.
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Django's model backend, reading the user's membership with the user (one query fewer).
AUTHENTICATION_BACKENDS = ["accounts.backends.ModelBackendWithMembership"]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
ASGI_APPLICATION = "tracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 first: new and changed passwords use it; older hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# GOV.UK Design System markup for every form, through Django's form-rendering API.
FORM_RENDERER = "govuk.forms.GovUKFormRenderer"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Rendered PDFs and print HTML (publishing/background.py) go to the default storage,
# shared by every web process and worker: a folder by default (MEDIA_ROOT), an
# S3-compatible bucket in production when FILES_S3_BUCKET is set (django-storages).
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "files"))
MEDIA_URL = "/files/"  # never served directly: every file goes through a permission check
FILES_S3_BUCKET = env.str("FILES_S3_BUCKET", default="")
if FILES_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": FILES_S3_BUCKET,
            "endpoint_url": env.str("FILES_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("FILES_S3_REGION", default="") or None,
            "location": env.str("FILES_S3_PREFIX", default="tracker"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work (Django's tasks framework) on the database: no other service to run.
# `manage.py db_worker` runs it; `make run` starts one beside the web server. Renders
# have a queue of their own so that a long render never holds up a reminder.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "renders"],
    }
}
# A plan's PDF is rendered once the plan has been still this long (a burst of edits
# gives one render); a render whose worker has not beaten for RENDER_ABANDONED_SECONDS
# belongs to a worker that died and is queued again.
RENDER_QUIET_SECONDS = env.float("RENDER_QUIET_SECONDS", default=10)
RENDER_ABANDONED_SECONDS = env.float("RENDER_ABANDONED_SECONDS", default=60)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History is read-only everywhere, the admin included: no revert form.
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Security, in every environment so that the tests run under the same rules ----------

# Content Security Policy: scripts, styles, fonts and images from this site only; the one
# inline script (GOV.UK Frontend's js-enabled snippet in base.html) runs by nonce; no
# plugins, no <base>, forms post only here, and no page may be framed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True

# A session ends after this long without a request. A request renews it when its last
# renewal is older than SESSION_RENEW_AFTER_SECONDS (accounts/sessions.py), so it never
# lasts longer than this. base.html warns two minutes before (static/js/timeout-warning.js).
SESSION_COOKIE_AGE = env.int("SESSION_TIMEOUT_MINUTES", default=30) * 60
SESSION_RENEW_AFTER_SECONDS = env.int("SESSION_RENEW_AFTER_SECONDS", default=60)

# The sign-in throttle (accounts/throttle.py) keeps its counts here. Per-process memory by
# default; production defaults to the database so that every server process shares them.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# After this many failed sign-ins for one username, or from one IP address, within the
# window (seconds), sign-in is refused for the lockout (seconds).
SIGN_IN_THROTTLE_FAILURES = env.int("SIGN_IN_THROTTLE_FAILURES", default=5)
SIGN_IN_THROTTLE_IP_FAILURES = env.int("SIGN_IN_THROTTLE_IP_FAILURES", default=5)
SIGN_IN_THROTTLE_WINDOW = env.int("SIGN_IN_THROTTLE_WINDOW", default=15 * 60)
SIGN_IN_THROTTLE_LOCKOUT = env.int("SIGN_IN_THROTTLE_LOCKOUT", default=15 * 60)
# How many reverse proxies in front append to X-Forwarded-For: the client's IP address is
# that many entries from the right. 0: REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- The read-only JSON API (recommendations/api) ----------------------------------------

# Personal API tokens first: their 401 says "Bearer" (a session has no such challenge).
# Every view is read-only and answers GET alone; JSON in, JSON out, nothing else.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.api_auth.ApiTokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "recommendations.api.pagination.Pages",
    "EXCEPTION_HANDLER": "recommendations.api.errors.api_exception_handler",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests made with a personal API token, per token: "N/second", "N/minute", "N/hour".
API_TOKEN_RATE = env("API_TOKEN_RATE", default="300/minute")
# The longest a personal API token may be valid for, in days.
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=366)
SPECTACULAR_SETTINGS = {
    "TITLE": "Action plan tracker API",
    "DESCRIPTION": (
        "Read-only access to action plans, their submissions, recommendations, actions, "
        "owners and history, with the same permissions as the service's pages."
    ),
    "VERSION": "1.0.0",
    # 3.1: JSON Schema's own null, which says "this object, or null" without ambiguity.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "Status": "recommendations.models.vocabulary.Status.choices",
        "Agreement": "recommendations.models.vocabulary.Agreement.choices",
    },
}

# --- Mail: reminders, digests and messages to reviewers (recommendations/notifications) ---

# Links in messages are absolute: the address people reach the service at.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Action plan tracker <noreply@localhost>"
)
# GOV.UK Notify when an API key is given: one email template whose subject is ((subject))
# and whose body is ((body)); NOTIFY_TEMPLATE_IDS may name another per kind of message
# ("digest=<id>,overdue=<id>"). Without a key, SMTP as EMAIL_URL says
# (smtp+tls://user:password@host:587); development writes files instead (local.py).
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env.str("NOTIFY_TEMPLATE_ID", default="")
NOTIFY_TEMPLATE_IDS = env.dict("NOTIFY_TEMPLATE_IDS", default={})
NOTIFY_BASE_URL = env.str("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
MAIL_TIMEOUT = env.int("MAIL_TIMEOUT", default=30)  # seconds, for Notify and SMTP
# Where development's file backend writes (tracker/settings/local.py).
MAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
if NOTIFY_API_KEY:
    if not NOTIFY_TEMPLATE_ID:
        raise ImproperlyConfigured("Set NOTIFY_TEMPLATE_ID as well as NOTIFY_API_KEY.")
    MAILERS = {
        "default": {
            "BACKEND": "recommendations.notifications.notify_backend.NotifyEmailBackend",
            "OPTIONS": {"timeout": MAIL_TIMEOUT},
        }
    }
else:
    _smtp = env.email_url("EMAIL_URL", default="smtp://localhost:25")
    MAILERS = {
        "default": {
            "BACKEND": _smtp["EMAIL_BACKEND"],
            "OPTIONS": {
                option: _smtp[setting]
                for option, setting in [
                    ("host", "EMAIL_HOST"),
                    ("port", "EMAIL_PORT"),
                    ("username", "EMAIL_HOST_USER"),
                    ("password", "EMAIL_HOST_PASSWORD"),
                    ("use_tls", "EMAIL_USE_TLS"),
                    ("use_ssl", "EMAIL_USE_SSL"),
                ]
                if _smtp.get(setting) not in ("", None)
            }
            | {"timeout": MAIL_TIMEOUT},
        }
    }
