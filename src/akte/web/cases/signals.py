"""What `cases` tells the apps above it, without knowing them.

`status_changed` is sent inside the transaction that records a procedure's new status, with
`procedure` and `event` (the `StatusEvent`). A receiver that works outside the database (the
status log) defers its work with `transaction.on_commit`.
"""

from __future__ import annotations

from django.dispatch import Signal

status_changed = Signal()
