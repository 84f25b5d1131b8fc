"""Benchmarks: a throw-away SQLite file, or the database in AKTE_BENCH_DATABASE_URL (never
AKTE_DATABASE_URL, so a bench cannot write into the application's or the tests' database)."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if os.environ.get("AKTE_BENCH_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["AKTE_BENCH_DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ["AKTE_BENCH_DB"],
            "OPTIONS": sqlite_options(),  # noqa: F405
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AKTE_LEDGER_CONFIG = os.path.join(
    os.path.dirname(os.environ["AKTE_BENCH_DB"]), "ledger", "ledger.toml"
)
