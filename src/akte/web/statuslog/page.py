"""What the status log adds to `cases`: each status change appended through the outbox, the
verified marks of the status history, and the applicant's status page link with its QR code
(registered in `apps.StatusLogConfig.ready()`)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from akte.web.cases.sections import ProcedureSection

from . import link, outbox


def append_after_commit(sender, procedure, event, **kwargs) -> None:
    """Receiver of `cases.signals.status_changed`: the pending append is written in the
    transaction of the change (the outbox); the log is written once it has committed, and
    by the next drain if this process dies first."""
    outbox.enqueue(procedure, event)
    transaction.on_commit(outbox.drain_after_commit)


def event_marks(procedure):
    marks = link.verified_marks(procedure)
    return lambda event: link.mark_for(marks, event)


def status_url(request, procedure) -> str:
    """The status page with the token in the URL fragment, which browsers never send: it
    stays out of server and proxy logs (the page posts it). QR codes printed before carry
    `?token=` and are redirected to this form."""
    path = reverse("statuslog:status", args=[procedure.file_number])
    return request.build_absolute_uri(path) + "#token=" + link.status_token(procedure)


def _status_page_context(request, procedure) -> dict:
    return {"status_url": status_url(request, procedure), "procedure": procedure}


STATUS_PAGE_SECTION = ProcedureSection(
    template="statuslog/_status_page_link.html", context=_status_page_context
)
