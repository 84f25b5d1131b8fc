"""Load and fault tests through real HTTP (`akte bench load`, tests/web/test_concurrency.py).

- `server`: starts Akte (`akte serve` or gunicorn) on loopback on a free port, on its own
  database, and stops or kills it (plain Python, no Django in the calling process).
- `client`: a small HTTP client with cookies and CSRF, one session per virtual user.
- `office`: the Django side, run as `python -m akte.web.load.office`: prepares the users,
  procedures and running hearings, and reports what was written (to check acknowledged writes).
- `run`: the ramp of `akte bench load` and its JSON.
"""
