"""Settings shared by every environment. Everything configurable comes from the environment."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from akte.courses import config as courses_config
from akte.ledger import environment as ledger_environment
from akte.rules import config as rules_config

WEB_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(os.environ.get("AKTE_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("AKTE_VAR_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("AKTE_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("AKTE_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "ninja",  # serves the API docs page from local static files (no CDN)
    "akte.web.accounts",
    "akte.web.cases",
    "akte.web.audit",
    "akte.web.hearings",
    "akte.web.statuslog",
    "akte.web.search",
    "akte.web.api",
    "akte.web.worklists",
    "akte.web.dublin",
    "akte.web.intake",
    "akte.web.courses",
    "akte.web.administration",
    "akte.web.analytics",
]

MIDDLEWARE = [
    "akte.web.overload.ConcurrencyGateMiddleware",  # 503 + Retry-After beyond the knee
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "akte.web.locale_middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "akte.web.cases.break_glass_views.BreakGlassMiddleware",  # outside one's own: a reason
    "akte.web.overload.DatabaseBusyMiddleware",  # "database is locked" -> 503, not 500
]

# Overload (docs/operations.md): at most AKTE_MAX_CONCURRENT_REQUESTS requests per process
# are inside Django at once; one that waits longer than AKTE_QUEUE_TIMEOUT seconds for its
# turn, or whose database stays busy beyond the busy timeout, is answered 503 + Retry-After.
AKTE_MAX_CONCURRENT_REQUESTS = int(os.environ.get("AKTE_MAX_CONCURRENT_REQUESTS", "8"))
AKTE_QUEUE_TIMEOUT_S = float(os.environ.get("AKTE_QUEUE_TIMEOUT", "5"))
AKTE_MAX_QUEUED_REQUESTS = int(os.environ.get("AKTE_MAX_QUEUED_REQUESTS", "16"))
AKTE_RETRY_AFTER_S = 2

ROOT_URLCONF = "akte.web.urls"
WSGI_APPLICATION = "akte.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "worklists:start"  # the role's worklist; the procedure list stays at /
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "akte.web.context_processors.akte",
            ],
            "builtins": ["akte.web.words"],  # {{ message|words }} in every template
        },
    },
]

# Django's stock form templates answered in Python (same HTML; `akte/web/form_rendering.py`)
FORM_RENDERER = "akte.web.form_rendering.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("AKTE_DATABASE_URL", f"sqlite:///{VAR_DIR / 'akte.sqlite3'}"),
        conn_max_age=60,
    )
}
# SQLite under concurrent writers (docs/operations.md): WAL lets readers run beside the one
# writer; every transaction.atomic() begins IMMEDIATE, so it takes the write lock at its start
# and waits for it up to the busy timeout (a deferred transaction that upgrades a read lock
# to a write lock is answered "database is locked" at once, without waiting).
SQLITE_BUSY_TIMEOUT_S = float(os.environ.get("AKTE_SQLITE_BUSY_TIMEOUT", "20"))


def sqlite_options(busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> dict:
    """The OPTIONS of every SQLite database Akte opens (application, tests, benchmarks)."""
    return {
        "timeout": busy_timeout_s,  # sqlite3_busy_timeout: how long a writer waits for the lock
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
    }


if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = sqlite_options()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login rate limiting (django-axes, akte.web.accounts.login_limits): five failures lock the
# username from that address; twenty over any usernames lock the address (a spray). The
# address is the client's: behind a trusted proxy (AKTE_TRUSTED_PROXIES) from its
# X-Forwarded-For, otherwise REMOTE_ADDR.
AXES_FAILURE_LIMIT = 5
AKTE_LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_HANDLER = "akte.web.accounts.login_limits.AddressAwareHandler"
AXES_CLIENT_IP_CALLABLE = "akte.web.accounts.login_limits.client_address"


def parse_trusted_proxies(text: str) -> list[str]:
    networks = []
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        try:
            networks.append(str(ipaddress.ip_network(entry, strict=False)))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"AKTE_TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                "(e.g. 127.0.0.1, 10.0.0.0/8, ::1)"
            ) from exc
    return networks


AKTE_TRUSTED_PROXIES = parse_trusted_proxies(os.environ.get("AKTE_TRUSTED_PROXIES", ""))

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: documents up to 20 MB; anything larger is refused with a message at the field.
AKTE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security baseline.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "media-src": ["'self'", "blob:"],  # the hearing recording plays from a fetched blob
    }
}

# Every 500 is logged with its traceback ("django.request" for pages, "akte.web.api" for the
# API's problem responses) on stderr, which gunicorn and `akte serve` keep.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
STATICFILES_DIRS = [WEB_DIR / "static"]

# The verifiable status log (akte.ledger): created under var/ledger/ on first use. Its
# variables are read by akte.ledger.environment (docs/ledger.md lists them).
AKTE_LEDGER_CONFIG = str(ledger_environment.config_path(var_dir=VAR_DIR))
# akte.analytics reads its snapshots' folder from the environment: below VAR_DIR by default
os.environ.setdefault("AKTE_ANALYTICS_SNAPSHOTS", str(VAR_DIR / "analytics"))
AKTE_LEDGER_ORIGIN = ledger_environment.origin()
AKTE_LEDGER_APPEND_PER_MINUTE = ledger_environment.append_per_minute()  # per agency token

# The rulebook the interview assistant uses (pinned per hearing by name and version).
AKTE_RULEBOOK = str(rules_config.hearing_rulebook())  # AKTE_RULEBOOK, see docs/rules.md

# The office's Leitweg-ID for course invoices (XRechnung BT-10), checked here so a bad value
# stops the start with its reason instead of the first invoice (docs/courses.md).
AKTE_COURSES_LEITWEG_ID = courses_config.office_leitweg_id()

# Person merges (akte.web.cases.merging) can be undone for this many days (docs/configuration.md).
AKTE_MERGE_REVERSIBLE_DAYS = int(os.environ.get("AKTE_MERGE_REVERSIBLE_DAYS", "30"))
# API tokens issued in the administration expire after this many days unless set otherwise.
AKTE_API_TOKEN_DAYS = int(os.environ.get("AKTE_API_TOKEN_DAYS", "90"))
# How long a break-glass grant opens a procedure outside the user's own: "end_of_day"
# (until midnight, local time) or a whole number of hours (docs/configuration.md).
AKTE_BREAK_GLASS_UNTIL = os.environ.get("AKTE_BREAK_GLASS_UNTIL", "end_of_day")
