"""Test settings: fast password hashing, in-memory SQLite unless AKTE_DATABASE_URL is set."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "AKTE_DATABASE_URL" not in os.environ:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "OPTIONS": sqlite_options(),  # noqa: F405  (as in production: BEGIN IMMEDIATE)
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each test run gets its own status log in a temporary directory.
import tempfile  # noqa: E402

AKTE_LEDGER_CONFIG = os.path.join(tempfile.mkdtemp(prefix="akte-test-ledger-"), "ledger.toml")
