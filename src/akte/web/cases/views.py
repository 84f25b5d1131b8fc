"""Procedure list, procedure page, registration, status changes, documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.core.countries import country_name
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown
from akte.web.audit.subject import Subject

from . import sections, services, transitions
from .access import (
    count_visible,
    procedure_or_404,
    procedures_of_person,
    sees_personal_data,
    visible_procedures,
)
from .duplicates import possible_duplicates, shown_and_elsewhere
from .forms import (
    DocumentForm,
    NameSpellingForm,
    NameSpellingFormSet,
    PersonForm,
    ProcedureForm,
    StatusForm,
    countries_datalist,
    errors_as_messages,
    store_document,
)
from .models import Document, Procedure, Status
from .name_search import newest_persons_containing, of_persons
from .offices import Office

PAGE_SIZE = 50


FILTERS = ("status", "country", "office")
NAME_MATCHES_SHOWN = 1_000  # persons found by name; more: the newest ones, and the page says so


def _filtered(request, personal: bool):
    """The list's filters come from the query (no personal data); the name or file number
    searched for only from a POST body, so that it stays out of server and proxy logs.

    A name search that matches more than `NAME_MATCHES_SHOWN` persons (three letters of a
    common name) lists the procedures of the most recently registered of them, newest first
    as the list is, and returns `capped`: the page says that more match and asks to refine
    the search, so no match is dropped silently. The procedures matched are returned
    without the user's scope (`visible_procedures`), which the caller applies, so that the
    count can take the scope in its indexed parts (`access.count_visible`)."""
    procedures = Procedure.objects.all()
    q = request.POST.get("q", "").strip()[:200] if request.method == "POST" else ""
    capped = False
    if q:
        # a prefix as a range, which an index answers (SQLite's LIKE cannot use one)
        match = Q(file_number__gte=q, file_number__lt=q + "\U0010ffff")
        if personal:
            found = newest_persons_containing(q, NAME_MATCHES_SHOWN + 1)  # once, not to count
            capped = len(found) > NAME_MATCHES_SHOWN
            match |= of_persons(found[:NAME_MATCHES_SHOWN])
        procedures = procedures.filter(match)
    for key in FILTERS:
        value = request.GET.get(key, "").strip()
        if value:
            procedures = procedures.filter(**{key: value.upper() if key != "status" else value})
    return procedures, q, capped


def _page_ids(procedures, page) -> list[int]:
    """The ids of one page, newest first. A page in the older half is read from the oldest
    end (ascending, reversed here): an OFFSET walks the index from where it starts, so the
    last of 2,000 pages costs what the first does, and a middle one half of a full walk."""
    count, size = page.paginator.count, page.paginator.per_page
    bottom = (page.number - 1) * size
    top = min(bottom + size, count)
    if bottom <= count - top:
        newest = procedures.order_by("-created_at", "-pk").values_list("pk", flat=True)
        return list(newest[bottom:top])
    oldest = procedures.order_by("created_at", "pk").values_list("pk", flat=True)
    return list(oldest[count - top : count - bottom])[::-1]


def _rows_of_page(procedures, pks: list[int], personal: bool) -> list:
    """A page's rows, fetched by id once the page's ids are known: counting off a deep page
    then walks an index, not the table (the 2,000th page of 100,000 procedures)."""
    rows = procedures.filter(pk__in=pks)
    if personal:
        rows = rows.prefetch_related("person__spellings")
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _searched_by_name(context) -> Subject | None:
    return Subject("procedures") if context["personal"] and context["q"] else None


def _persons_listed(context):
    return context["page"].object_list if context["personal"] else None


def _person_shown(context):
    return context["procedure"] if context["personal"] else None


def _duplicates_shown(context):
    return [person for _, person in context.get("duplicates", ())]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # POST: the name query in the body
@logs_access(search=_searched_by_name, read=_persons_listed)
def procedure_list(request):
    if not request.user.can(Capability.VIEW_STATUS):
        if request.user.can(Capability.RUN_COURSES) and request.method != "POST":
            response = redirect("courses:index")  # a course provider's start page
            response.access_context = {"personal": False, "q": ""}  # nothing shown
            return response
        if request.user.can(Capability.VIEW_STATISTICS) and request.method != "POST":
            response = redirect("analytics:dashboard")  # management's start page
            response.access_context = {"personal": False, "q": ""}  # nothing shown
            return response
        raise Http404
    personal = sees_personal_data(request.user)
    procedures, q, capped = _filtered(request, personal)
    page_number = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    matched, procedures = procedures, visible_procedures(request.user) & procedures
    procedures = procedures.select_related("person")
    paginator = Paginator(procedures.values_list("pk", flat=True), PAGE_SIZE)
    paginator.count = count_visible(matched, request.user)  # as one OR, a read of every row
    page = paginator.get_page(page_number)
    page.object_list = _rows_of_page(procedures, _page_ids(procedures, page), personal)
    query = request.GET.copy()  # the filters, for the page links and the search's action
    for key in list(query):
        if key not in FILTERS:
            query.pop(key)
    return TemplateResponse(
        request,
        "cases/procedure_list.html",
        {
            "page": page,
            "personal": personal,
            "q": q,
            "capped": capped,
            "name_matches_shown": NAME_MATCHES_SHOWN,
            "query": query.urlencode(),
            "statuses": Status.choices,
            "offices": Office.choices,
            "countries": countries_datalist(),
            "selected": {k: request.GET.get(k, "") for k in FILTERS},
        },
    )


def _next_statuses(user, procedure) -> list[tuple[str, str]]:
    """The statuses the user may move the procedure to (exceptional ones marked)."""
    return [
        (t.target, transitions.status_label(t.target) + (" *" if t.exceptional else ""))
        for t in transitions.lifecycle().next_for(procedure.status, user.role)
    ]


def _detail(request, procedure, status: int = 200) -> TemplateResponse:
    personal = sees_personal_data(request.user)
    context = {
        "procedure": procedure,
        "personal": personal,
        "events": sections.marked_events(procedure, procedure.events.select_related("actor")),
        "sections": sections.sections_for(request, procedure, personal),
        "country_name": country_name(procedure.country, request.LANGUAGE_CODE),
    }
    if personal:
        person = procedure.person
        context.update(
            person=person,
            spellings=person.spellings.all(),
            nationality_name=country_name(person.nationality, request.LANGUAGE_CODE),
            documents=procedure.documents.all(),
            hearings=procedure.hearings.select_related("interviewer"),
            other_procedures=procedures_of_person(request.user, person.pk).exclude(pk=procedure.pk),
            status_form=StatusForm(choices=_next_statuses(request.user, procedure)),
            spelling_form=NameSpellingForm(prefix="spelling"),
            document_form=DocumentForm(),
        )
    return TemplateResponse(request, "cases/procedure_detail.html", context, status=status)


@login_required
@require_safe
@logs_access(read=_person_shown)
def procedure_detail(request, pk: int):
    return _detail(request, procedure_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(read=_duplicates_shown, create="created")
def register(request):
    if not request.user.can(Capability.REGISTER):
        raise Http404
    person_form = PersonForm(request.POST or None, prefix="person")
    spellings = NameSpellingFormSet(request.POST or None, prefix="spelling")
    procedure_form = ProcedureForm(request.POST or None, prefix="procedure")
    duplicates, elsewhere = [], 0
    if request.method == "POST" and all(
        [person_form.is_valid(), spellings.is_valid(), procedure_form.is_valid()]
    ):
        names = [form.cleaned_data for form in spellings.forms if not form.is_blank]
        if not request.POST.get("confirm_new"):
            found = possible_duplicates(person_form.cleaned_data, names, request.user)
            duplicates, elsewhere = shown_and_elsewhere(found)
    if (
        request.method == "POST"
        and not duplicates
        and not elsewhere
        and all([person_form.is_valid(), spellings.is_valid(), procedure_form.is_valid()])
    ):
        procedure = services.register(
            request,
            person_form.cleaned_data,
            [form.cleaned_data for form in spellings.forms if not form.is_blank],
            procedure_form.cleaned_data,
        )
        messages.success(request, _("Registered procedure %(number)s.") % {"number": procedure})
        return shown(redirect("cases:procedure_detail", pk=procedure.pk), created=procedure)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "cases/register.html",
        {
            "person_form": person_form,
            "spellings": spellings,
            "procedure_form": procedure_form,
            "countries": countries_datalist(),
            "duplicates": duplicates,
            "elsewhere": elsewhere,
        },
        status=200 if duplicates or elsewhere else status,
    )


def _refused_page_shown(context):
    return context["procedure"] if context.get("refused") and context["personal"] else None


@login_required
@require_POST
@logs_access(update="changed", read=_refused_page_shown)
def change_status(request, pk: int):
    """Move the procedure, if the lifecycle allows it for the user's role; a refused move
    answers 409 with the reason on the procedure page, an exceptional one is requested."""
    procedure = procedure_or_404(request.user, pk)
    if not request.user.can(Capability.CHANGE_STATUS):
        return HttpResponseForbidden(_("Your role may not change the status."))
    form = StatusForm(request.POST)
    if form.is_valid():
        target, note = form.cleaned_data["status"], form.cleaned_data["note"]
        try:
            pending = transitions.request_exceptional(procedure, target, request.user, note)
            if pending is None:
                services.change_status(request, procedure, target, note)
        except transitions.TransitionRefused as exc:
            messages.error(
                request, _("The status was not changed: %(reason)s") % {"reason": exc.message}
            )
            procedure.refresh_from_db()
            return shown(_detail(request, procedure, status=409), refused=True)
        if pending is not None:
            messages.info(request, _("Requested: a second user must approve the transition."))
        else:
            messages.success(request, _("Status changed."))
        return shown(redirect("cases:procedure_detail", pk=procedure.pk), changed=procedure)
    else:
        messages.error(
            request, _("The status was not changed: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect("cases:procedure_detail", pk=procedure.pk)


@login_required
@require_POST
@logs_access(update="changed")
def add_spelling(request, pk: int):
    """Add a spelling of the person's name (a new document, another transliteration)."""
    procedure = procedure_or_404(request.user, pk)
    if not request.user.can(Capability.REGISTER):
        raise Http404
    form = NameSpellingForm(request.POST, prefix="spelling")
    if form.is_valid() and not form.is_blank:
        services.add_spelling(request, procedure.person, form.cleaned_data)
        messages.success(request, _("Spelling added."))
        return shown(redirect("cases:procedure_detail", pk=procedure.pk), changed=procedure.person)
    else:
        messages.error(request, _("The spelling was not added: enter a given or family name."))
    return redirect("cases:procedure_detail", pk=procedure.pk)


@login_required
@require_POST
@logs_access(create="created")
def upload_document(request, pk: int):
    procedure = procedure_or_404(request.user, pk)
    if not request.user.can(Capability.UPLOAD_DOCUMENT):
        return HttpResponseForbidden(_("Your role may not upload documents."))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        document = store_document(procedure, form, request.user)
        messages.success(request, _("Document stored."))
        return shown(redirect("cases:procedure_detail", pk=procedure.pk), created=document)
    errors_as_messages(request, form)
    return redirect("cases:procedure_detail", pk=procedure.pk)


@login_required
@require_safe
@logs_access(read="document")
def download_document(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("procedure"), pk=pk)
    if not sees_personal_data(request.user):
        raise Http404
    procedure_or_404(request.user, document.procedure_id)  # outside one's own: break-glass
    content_type = document.content_type
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"  # never sniffed as anything else
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,  # never shown inline: Content-Disposition: attachment
        filename=f"document-{document.pk}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return shown(response, document=document)
