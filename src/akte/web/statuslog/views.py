"""The status page for the applicant and counsel (a per-procedure token, no login), and the
log's HTTP contract (docs/ledger.md) under /ledger/ for partner agencies and witnesses."""

from __future__ import annotations

import io
from functools import cache
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from akte.ledger.admission import ProcedureFacts, RateLimit, Reporter
from akte.ledger.http import LedgerApp
from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.audit.log import shows_no_personal_data
from akte.web.cases.access import procedure_or_404, sees_personal_data
from akte.web.cases.models import Procedure

from . import public_page
from .link import check_status_token, get_ledger, ledger_config, person_ref
from .page import status_url
from .qr import qr_svg

# the token is at most this long (it is 32 characters); longer input is not a token
TOKEN_MAX = 100


@require_http_methods(["GET", "HEAD", "POST"])  # POST: the token in the body
@shows_no_personal_data  # the status and its proofs, no names
def status_page(request, file_number: str):
    """Current status and history of one procedure, each entry's inclusion proof verified
    here against the latest signed checkpoint. Only with the procedure's token, which
    travels in the URL fragment (`/status/<file number>/#token=T`, never sent to a server)
    and reaches this view in a POST body: the page's script (akte.js) reads the fragment and
    posts the form, or the reader types the token. A link of the old form (`?token=T` in
    the query, printed on QR codes) is answered with a redirect to the fragment form.
    The page speaks the applicant's language (`applicant.page_language`); the reader picks
    another with the page's buttons, which post the token again with `lang`."""
    if request.method != "POST":
        if "token" in request.GET:
            token = request.GET.get("token", "")[:TOKEN_MAX]
            path = reverse("statuslog:status", args=[file_number])
            return HttpResponseRedirect(f"{path}#token={quote(token, safe='')}")
        return _token_form(request, file_number)
    token = request.POST.get("token", "").strip()[:TOKEN_MAX]
    if not check_status_token(file_number, token):
        return _token_form(request, file_number, refused=bool(token), status=404)
    procedure = Procedure.objects.filter(file_number=file_number).select_related("person").first()
    context = public_page.context(file_number, procedure, request.POST.get("lang", "")[:20])
    context["token"] = token
    response = render(request, "statuslog/status.html", context)
    response["Content-Language"] = context["words"].language
    response["Cache-Control"] = "no-store"  # the page holds the token (the language chooser)
    return response


def _token_form(request, file_number: str, *, refused: bool = False, status: int = 200):
    context = {"file_number": file_number, "refused": refused}
    return render(request, "statuslog/status_token.html", context, status=status)


def _reporter_for_token(token: str) -> Reporter | None:
    """A partner agency's token, if its organisation is an agency configured for the log
    (`[[agencies]]` with a role in ledger.toml). The office's own changes reach the log
    through the outbox, never over HTTP, so no role `office` is admitted here."""
    user = ApiToken.authenticate(token)
    if user is None or user.role != Role.PARTNER_AGENCY or not user.organisation:
        return None
    reporter = ledger_config().reporters.get(user.organisation)
    if reporter is None or reporter.role == "office" or reporter.may_report is None:
        return None
    return reporter


def _procedure_facts(file_number: str) -> ProcedureFacts | None:
    procedure = Procedure.objects.filter(file_number=file_number).first()
    if procedure is None:
        return None
    return ProcedureFacts(person_ref(procedure.person_id), procedure.created_at)


@cache
def _rate(per_minute: int) -> RateLimit:
    return RateLimit(per_minute)


@csrf_exempt
@shows_no_personal_data  # commitments and encrypted events only
def ledger_api(request, rest: str = ""):
    """The log's own HTTP contract, served by `akte.ledger.http.LedgerApp`."""
    environ = dict(request.META)
    environ["PATH_INFO"] = "/" + rest
    environ["wsgi.input"] = io.BytesIO(request.body)
    environ["CONTENT_LENGTH"] = str(len(request.body))
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers

    app = LedgerApp(
        get_ledger(),
        _reporter_for_token,
        procedures=_procedure_facts,
        rate=_rate(settings.AKTE_LEDGER_APPEND_PER_MINUTE),
    )
    body = b"".join(app(environ, start_response))
    response = HttpResponse(body, status=int(captured["status"].split()[0]))
    for name, value in captured["headers"]:
        if name.lower() != "content-length":
            response[name] = value
    return response


@login_required
@require_safe
@shows_no_personal_data  # the link to the status page
def status_qr(request, pk: int):
    """The QR code of the applicant's status page, as SVG (loaded only when shown)."""
    procedure = procedure_or_404(request.user, pk)
    if not sees_personal_data(request.user):
        raise Http404
    return HttpResponse(qr_svg(status_url(request, procedure)), content_type="image/svg+xml")
