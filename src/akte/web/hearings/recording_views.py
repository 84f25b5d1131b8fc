"""The recording's endpoints: start a stream, upload a chunk, break and resume, play and
download the audio, and the applicant's comments after sealing. JSON for the browser's
recorder (`static/hearings/recorder.js`); playback and download are in the access log."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akte import keys, words
from akte.core.message import Message
from akte.hearing import audio
from akte.web.audit.log import logs_access, shown

from . import recorder
from .models import Recording, RecordingComment
from .views import _conducting, _hearing_or_404

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def _refused(problem: Message, status: int) -> JsonResponse:
    return JsonResponse(
        {
            "error": words.render(problem, get_language()),
            "code": problem.code,
            **{k: v for k, v in problem.params.items() if isinstance(v, int | bool | str)},
        },
        status=status,
    )


def _state(recording: Recording) -> dict:
    line = recorder.timeline(recording)
    paused = recording.breaks.filter(resumed_at__isnull=True).exists()
    return {
        "chunks": recording.chunks.count(),
        "seconds": round(line.seconds, 1),
        "paused": paused,
        "gaps": [
            {"at_s": round(g.at_s, 1), "seconds": round((g.end - g.start).total_seconds(), 1)}
            for g in line.gaps
        ],
    }


@login_required
@require_POST
@logs_access(update="changed")
def start(request, pk: int):
    hearing = _conducting(request, pk)
    try:
        stream, next_sequence = recorder.start_stream(hearing)
    except recorder.RecordingRefused as exc:
        return _refused(exc.message, exc.status)
    recording = stream.recording
    body = {"stream": stream.number, "next": next_sequence, **_state(recording)}
    return shown(JsonResponse(body), changed=recording)


@login_required
@require_POST
@logs_access(update="changed")
def chunk(request, pk: int):
    """One chunk: the body is the audio, `X-Chunk-Sequence` its number, `X-Chunk-SHA256` the
    hash of the body. 200 only once stored and committed."""
    hearing = _conducting(request, pk)
    sequence, digest = (
        request.headers.get("X-Chunk-Sequence", ""),
        request.headers.get("X-Chunk-SHA256", ""),
    )
    if not sequence.isascii() or not sequence.isdigit() or not _SHA256.match(digest):
        return _refused(Message("hearing.recording.chunk.bad_request"), 400)
    if int(request.headers.get("Content-Length") or 0) > recorder.config.chunk_max_bytes():
        size = int(request.headers["Content-Length"])
        limit = recorder.config.chunk_max_bytes()
        return _refused(
            Message("hearing.recording.chunk.too_large", {"size": size, "limit": limit}), 413
        )
    try:
        ack = recorder.store_chunk(
            hearing, int(sequence), request.body, digest, request.content_type or ""
        )
    except recorder.RecordingRefused as exc:
        return _refused(exc.message, exc.status)
    body = {"stored": ack.sequence, "sha256": ack.sha256, "chunks": ack.chunks, "bytes": ack.bytes}
    return shown(JsonResponse(body), changed=hearing.recording)


@login_required
@require_POST
@logs_access(update="changed")
def pause(request, pk: int):
    hearing = _conducting(request, pk)
    try:
        if request.POST.get("resume"):
            recorder.resume(hearing)
        else:
            recorder.pause(hearing, request.POST.get("reason", ""))
    except recorder.RecordingRefused as exc:
        return _refused(exc.message, exc.status)
    return shown(JsonResponse(_state(hearing.recording)), changed=hearing.recording)


def _audio(request, pk: int, attachment: bool):
    hearing = _hearing_or_404(request, pk)
    recording = Recording.objects.filter(hearing=hearing).first()
    if recording is None or recorder.erased_on(recording) is not None:
        raise Http404
    try:
        remuxed = recorder.export_audio(recording)
    except (audio.AudioError, keys.CryptoError, recorder.RecordingRefused) as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(remuxed.data, content_type=remuxed.mime)
    response["X-Audio-SHA256"] = recorder.rules.sha256(remuxed.data)
    response["X-Audio-Duration"] = f"{remuxed.duration_s:.3f}"
    response["Cache-Control"] = "no-store"
    if attachment:
        name = f"anhoerung-{hearing.procedure.file_number}-{hearing.pk}.ogg"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return shown(response, played=recording)


@login_required
@require_safe
@logs_access(read="played")
def play(request, pk: int):
    """The recording as one seekable file, for playback in the workspace."""
    return _audio(request, pk, attachment=False)


@login_required
@require_safe
@logs_access(export="played")
def download(request, pk: int):
    """The recording as one file for counsel or a court, with its SHA-256 in a header."""
    return _audio(request, pk, attachment=True)


@login_required
@require_POST
@logs_access(create="commented")
def comment(request, pk: int):
    """The applicant's comment after sealing (Art. 14 APR): appended, the seal unchanged."""
    hearing = _conducting(request, pk)
    text = request.POST.get("text", "").strip()[:20_000]
    if not hearing.is_sealed or not text:
        messages.error(request, _("Comments are added after sealing, and must not be empty."))
        return redirect("hearings:workspace", pk=hearing.pk)
    RecordingComment.objects.create(hearing=hearing, text=text)
    return shown(redirect("hearings:workspace", pk=hearing.pk), commented=hearing)
