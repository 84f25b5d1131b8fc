"""The hearing workspace: transcript, assistant panels and checklist, read-back, sealing,
export. Panels refresh through HTMX after each saved segment; every page also works
without JavaScript (forms post and redirect back)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akte import words
from akte.hearing.export import to_docx, to_pdf
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown, shows_no_personal_data
from akte.web.audit.models import Purpose
from akte.web.cases.access import procedure_or_404, sees_personal_data, visible_procedures

from . import recorder, services
from .forms import ConclusionForm, CorrectionForm, FateForm, NoteForm, SegmentForm, StartForm
from .models import Hearing
from .quality import hearing_quality as quality_rows
from .quality import office_quality


def _hearing_or_404(request, pk: int) -> Hearing:
    if not sees_personal_data(request.user):
        raise Http404
    try:
        hearing = Hearing.objects.select_related("procedure", "interviewer").get(pk=pk)
    except Hearing.DoesNotExist as exc:
        raise Http404 from exc
    procedure_or_404(request.user, hearing.procedure_id)  # outside one's own: break-glass
    return hearing


def _conducting(request, pk: int) -> Hearing:
    hearing = _hearing_or_404(request, pk)
    if not request.user.can(Capability.CONDUCT_HEARING):
        raise Http404
    return hearing


def _next_speaker(segments) -> str:
    last = segments[-1].speaker if segments else None
    return "applicant" if last == "interviewer" else "interviewer"


def _panel_context(request, hearing: Hearing, segments, segment_form=None) -> dict:
    """What the assistant and checklist panels and the segment form need: the answers and
    the suggestions shown are read once and handed to everything that uses them."""
    conducting = request.user.can(Capability.CONDUCT_HEARING)
    answers = services.answers_of(hearing)
    shown = services.shown_of(hearing)
    panels = services.refresh_panels(
        hearing, segments, conducting=conducting, answers=answers, shown=shown
    )
    choices = services.checklist_choices(hearing)
    return {
        "hearing": hearing,
        "panels": panels,
        "shown": shown,
        "answer_rows": services.answer_rows(
            hearing, "en" if request.LANGUAGE_CODE == "en" else "de", answers
        ),
        "segment_form": segment_form
        or SegmentForm(initial={"speaker": _next_speaker(segments)}, checklist_choices=choices),
        "can_conduct": conducting,
        "tag_names": dict(choices),
    }


def _context(request, hearing: Hearing, segment_form=None) -> dict:
    """The whole workspace's context."""
    segments = list(hearing.segments.prefetch_related("corrections"))
    return {
        **_panel_context(request, hearing, segments, segment_form),
        "procedure": hearing.procedure,
        "segments": segments,
        "notes": hearing.notes.all(),
        "note_form": NoteForm(),
        "conclusion_form": ConclusionForm(),
        "seal_intact": services.seal_intact(hearing) if hearing.is_sealed else None,
        "recording": recorder.panel(hearing, segments),
        "late_comments": hearing.late_comments.all(),
    }


def _fragment_context(request, hearing: Hearing) -> dict:
    """The context of the answer to a saved segment (`_segment_added.html`): only what the
    out-of-band panels and the fresh form show, the segments as plain rows (the transcript
    and the recording panel are not rendered again)."""
    return _panel_context(request, hearing, services.segment_rows(hearing))


class WorkspaceResponse(TemplateResponse):
    """The workspace, built when the response renders: after the view has returned, so after
    its change and access-log entries have committed. The panels (the rules evaluation, which
    also records suggestions as offered) then hold no write lock, and an error in them cannot
    roll the saved change back."""

    def __init__(self, request, template: str, build, context: dict, status: int = 200):
        super().__init__(request, template, context, status=status)
        self.build = build

    def resolve_context(self, context):
        return super().resolve_context({**self.build(), **(context or {})})


def _workspace(request, hearing: Hearing, segment_form=None, status=200):
    """The workspace (whole page, or the part HTMX swaps in): a read of personal data, logged
    by the views that declare `read="shown_hearing"`."""
    template = "hearings/_workspace.html" if request.htmx else "hearings/workspace.html"
    return WorkspaceResponse(
        request,
        template,
        lambda: _context(request, hearing, segment_form),
        {"shown_hearing": hearing},
        status=status,
    )


@login_required
@require_POST
@logs_access(create="created")
def start(request, procedure_pk: int):
    procedure = procedure_or_404(request.user, procedure_pk)
    if not (sees_personal_data(request.user) and request.user.can(Capability.CONDUCT_HEARING)):
        raise Http404
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("cases:procedure_detail", pk=procedure.pk)
    hearing = services.start(procedure, request.user, **form.cleaned_data)
    return shown(redirect("hearings:workspace", pk=hearing.pk), created=hearing)


@login_required
@require_safe
@logs_access(read="shown_hearing")
def workspace(request, pk: int):
    hearing = _hearing_or_404(request, pk)
    return _workspace(request, hearing)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def add_segment(request, pk: int):
    hearing = _conducting(request, pk)
    form = SegmentForm(request.POST, checklist_choices=services.checklist_choices(hearing))
    if not form.is_valid():
        if request.htmx:  # only the form comes back, with its errors and the typed text
            context = {"hearing": hearing, "segment_form": form, "can_conduct": True, "oob": True}
            return render(request, "hearings/_segment_form.html", context, status=400)
        return _workspace(request, hearing, segment_form=form, status=400)
    try:
        segment = services.add_segment(
            hearing,
            form.cleaned_data["speaker"],
            form.cleaned_data["text"],
            form.cleaned_data["tags"],
            form.cleaned_data.get("typing_ms"),
        )
    except services.HearingClosed:
        messages.error(request, _("This hearing no longer takes segments."))
        response = _workspace(request, hearing, status=409)
        response["HX-Retarget"], response["HX-Reswap"] = "#workspace", "outerHTML"
        return response
    if request.htmx:  # the new segment is appended; form and panels are swapped out of band
        return WorkspaceResponse(
            request,
            "hearings/_segment_added.html",
            lambda: _fragment_context(request, hearing),
            {"segment": segment, "changed": hearing, "shown_hearing": hearing},
        )
    return shown(redirect("hearings:workspace", pk=hearing.pk), changed=hearing)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def suggestion_fate(request, pk: int, suggestion_pk: int):
    hearing = _conducting(request, pk)
    changed = None
    form = FateForm(request.POST)
    if form.is_valid():
        try:
            services.set_fate(
                hearing, suggestion_pk, form.cleaned_data["fate"], form.cleaned_data["reason"]
            )
            changed = hearing
        except (services.HearingClosed, ValueError) as exc:
            messages.error(request, str(exc))
        except hearing.suggestions.model.DoesNotExist as exc:
            raise Http404 from exc
    else:
        _form_errors(request, form)
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def add_note(request, pk: int):
    hearing = _conducting(request, pk)
    changed = None
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(hearing, form.cleaned_data["kind"], form.cleaned_data["note"])
            changed = hearing
        except services.HearingClosed as exc:
            messages.error(request, str(exc))
    else:
        _form_errors(request, form)
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def correct_note(request, pk: int, note_pk: int):
    hearing = _conducting(request, pk)
    changed = None
    try:
        services.correct_note(hearing, note_pk, request.POST.get("note", ""))
        changed = hearing
    except services.HearingClosed as exc:
        messages.error(request, str(exc))
    except hearing.notes.model.DoesNotExist as exc:
        raise Http404 from exc
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def record_answer(request, pk: int):
    hearing = _conducting(request, pk)
    changed = None
    book = services.rulebook()
    fact = request.POST.get("fact", "")[:200]
    if book is not None:
        try:
            raw = book.answer_from_form(fact, request.POST.getlist("value"))
            services.record_answer(hearing, fact, raw)
            changed = hearing
        except (services.AnswerError, services.HearingClosed) as exc:
            messages.error(request, _("The answer was not recorded: %(reason)s") % {"reason": exc})
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def begin_read_back(request, pk: int):
    hearing = _conducting(request, pk)
    changed = None
    try:
        services.begin_read_back(hearing)
        changed = hearing
    except services.HearingClosed as exc:
        messages.error(request, str(exc))
    return shown(redirect("hearings:workspace", pk=hearing.pk), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def confirm_segment(request, pk: int, number: int):
    hearing = _conducting(request, pk)
    changed = None
    try:
        services.confirm_segment(hearing, number)
        changed = hearing
    except services.HearingClosed as exc:
        messages.error(request, str(exc))
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def confirm_all(request, pk: int):
    """Confirm every remaining segment at once, but the numbers listed as exceptions."""
    hearing = _conducting(request, pk)
    changed = None
    listed = request.POST.get("except", "")[:2000].replace(";", ",").replace(" ", ",")
    if not all(part.isdigit() for part in filter(None, listed.split(","))):
        messages.error(request, _("List the exceptions as segment numbers, e.g. 3, 7."))
        return _after(request, hearing)
    try:
        services.confirm_all(hearing, {int(n) for n in filter(None, listed.split(","))})
        changed = hearing
    except services.HearingClosed as exc:
        messages.error(request, str(exc))
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def correct_segment(request, pk: int, number: int):
    hearing = _conducting(request, pk)
    changed = None
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.correct_segment(
                hearing, number, form.cleaned_data["text"], form.cleaned_data["reason"]
            )
            changed = hearing
        except services.HearingClosed as exc:
            messages.error(request, str(exc))
        except hearing.segments.model.DoesNotExist as exc:
            raise Http404 from exc
    else:
        messages.error(request, _("The correction is empty."))
    return shown(_after(request, hearing), changed=changed)


@login_required
@require_POST
@logs_access(update="changed", read="shown_hearing")
def conclude(request, pk: int):
    hearing = _conducting(request, pk)
    changed = None
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.conclude(hearing, **form.cleaned_data)
            changed = hearing
            messages.success(request, _("The transcript is sealed."))
        except (services.HearingClosed, ValueError) as exc:
            messages.error(request, str(exc))
    else:
        _form_errors(request, form)
    return shown(redirect("hearings:workspace", pk=hearing.pk), changed=changed)


def _export_purpose(request) -> Purpose | None:
    return Purpose.QUALITY_ASSURANCE if request.user.role == "quality_assurance" else None


@login_required
@require_safe
@logs_access(export="exported", purpose=_export_purpose)
def export(request, pk: int, fmt: str):
    hearing = _hearing_or_404(request, pk)
    if fmt not in ("pdf", "docx"):
        raise Http404
    record = services.export_record(hearing)
    language = "en" if request.LANGUAGE_CODE == "en" else "de"

    def say(message):  # the Niederschrift's fixed texts from the catalogue
        return words.render(message, language)

    seal = hearing.seal
    if hearing.is_sealed and not services.seal_intact(hearing):  # the file says so, too
        seal = _("BROKEN: the transcript was altered after sealing (recorded seal: %(seal)s)") % {
            "seal": hearing.seal or "–"
        }
    erased = recorder.erased_on(hearing.recording) if hasattr(hearing, "recording") else None
    if erased is not None:  # the tombstone: the hashes stay, the audio is gone
        seal += " · " + _("recording erased on %(date)s") % {"date": erased.strftime("%d.%m.%Y")}
    frame = services.export_frame(hearing, language)
    if fmt == "pdf":
        body, content_type = to_pdf(record, say, seal, frame), "application/pdf"
    else:
        body = to_docx(record, say, seal, frame)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    name = f"niederschrift-{hearing.procedure.file_number}-{hearing.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return shown(response, exported=hearing)


@login_required
@require_safe
@shows_no_personal_data
def quality(request):
    """For quality assurance: per hearing and per office, how the assistant's offers were used."""
    if not request.user.can(Capability.VIEW_QUALITY):
        raise Http404
    from django.core.paginator import Paginator

    from akte.web.cases.offices import Office

    from .models import HearingState

    chosen = {
        "office": request.GET.get("office", "")
        if request.GET.get("office") in Office.values
        else "",
        "state": request.GET.get("state", "")
        if request.GET.get("state") in HearingState.values
        else "",
    }
    started = Hearing.objects.filter(
        started_at__isnull=False, procedure__in=visible_procedures(request.user)
    )
    if chosen["office"]:
        started = started.filter(procedure__office=chosen["office"])
    if chosen["state"]:
        started = started.filter(state=chosen["state"])
    hearings = started.order_by("-date", "-pk")[:200]
    newest_first = Hearing.objects.filter(pk__in=[h.pk for h in hearings]).order_by("-date", "-pk")
    rows = quality_rows(newest_first)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {
        "rows": page.object_list,
        "page": page,
        "offices": office_quality(rows),
        "chosen": chosen,
        "office_choices": Office.choices,
        "state_choices": HearingState.choices,
        "query": "&".join(f"{k}={v}" for k, v in chosen.items() if v),
    }
    return render(request, "hearings/quality.html", context)


def _form_errors(request, form) -> None:
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))


def _after(request, hearing: Hearing):
    if request.htmx:
        return _workspace(request, hearing)
    return redirect("hearings:workspace", pk=hearing.pk)
