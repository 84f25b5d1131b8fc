"""`akte bench web`: server time of the office's pages at a realistic size.

Fills a throw-away database (SQLite, or the empty PostgreSQL database in
AKTE_BENCH_DATABASE_URL) with N procedures (`fill`), then times each page of the registry
(`pages.PAGES`) through Django's test client (no network). A trivial page (the login form)
is timed in the same run as the baseline, so that figures compare across machines as ratios.
"""

from .run import run_web_bench

__all__ = ["run_web_bench"]
