"""Receive mail (upload, API, drop folder: one way in), read it with `akte.intake`, match,
route, and file what needs no review into the procedure's documents; correct in one action."""

from __future__ import annotations

import hashlib
import mimetypes

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from akte.intake.config import review_below
from akte.intake.pipeline import result as engine_result
from akte.intake.read import read_bytes
from akte.web.cases.models import Document, DocumentKind, Procedure, Status
from akte.web.cases.services import record_status

from . import matching, routing
from .models import Correction, IntakeDocument, IntakeItem, Source, State

# Akte's kinds -> the procedure file's document kinds
_FILE_KIND = {"Bescheid": DocumentKind.DECISION, "Ärztliches Attest": DocumentKind.MEDICAL}
_COURT = {
    "Urteil",
    "Beschluss",
    "Gerichtsbescheid",
    "Ladung",
    "Klage",
    "Schriftsatz",
    "Protokoll",
    "Verfügung",
}
# a court decision or summons adds its event to the procedure (existing status keys only)
_STATUS_EVENT = {"Urteil": Status.DECIDED, "Beschluss": Status.DECIDED, "Gerichtsbescheid": Status.DECIDED,
                 "Ladung": Status.HEARING_SCHEDULED}  # fmt: skip


def known_item(data: bytes) -> IntakeItem | None:
    """The item already received with these bytes, if any (the hash is the identity)."""
    return IntakeItem.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()


def stored_name(filename: str) -> str:
    return (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"


def read_parts(data: bytes, filename: str) -> list:
    """The documents in `data`, each read in a child under limits; no database touched, so
    this may run in another thread (the drop folder reads two files at a time)."""
    return list(read_bytes(stored_name(filename), data))


def receive(
    data: bytes, filename: str, source: str, user=None, parts: list | None = None
) -> tuple[IntakeItem, bool]:
    """The item for `data` and whether it is new; the same bytes twice give the first item.
    `parts`: the documents as `read_parts` read them already, else they are read here."""
    digest = hashlib.sha256(data).hexdigest()
    known = IntakeItem.objects.filter(sha256=digest).first()
    if known:
        return known, False
    name = stored_name(filename)
    parts = parts if parts is not None else read_parts(data, filename)
    with transaction.atomic():
        item, created = IntakeItem.objects.get_or_create(
            sha256=digest,
            defaults={"source": source, "filename": name, "size": len(data), "received_by": user},
        )
        if not created:
            return item, False
        item.file.save(f"{digest[:16]}-{name}", ContentFile(data), save=True)
        for part in parts:
            _document(item, part, user)
    return item, True


def _document(item: IntakeItem, part, user) -> IntakeDocument:
    out = engine_result(part)
    doc = IntakeDocument(item=item, part=part.part or "", result=out, text=part.text[:200_000])
    if "error" in out:
        doc.error = out["error"]
        doc.state = State.REVIEW
        doc.match_reasons = [{"code": "match.unreadable"}]
        doc.save()
        return doc
    if part.part and part.data:
        doc.content.save(
            f"{item.sha256[:16]}-{part.part}"[:100], ContentFile(part.data), save=False
        )
    doc.kind = out["kind"] or ""
    doc.document_class = out["document_class"] or ""
    doc.document_type = out["document_type"] or ""
    doc.confidence = out["confidence"]
    doc.court_numbers = matching.court_numbers_key(out["court_file_numbers"])
    procedure, doc.match_reasons = matching.match(out)
    doc.procedure = procedure
    doc.queue, doc.route_reasons = routing.route(
        doc.kind, doc.document_class, doc.text, procedure.status if procedure else None
    )
    review = out["needs_review"] or procedure is None or doc.confidence < review_below()
    doc.state = State.REVIEW if review else State.FILED
    doc.save()
    if not review:
        _file(doc, part.data, user)
    return doc


def _file(doc: IntakeDocument, data: bytes, user) -> None:
    """The document joins its procedure's file; a decision or summons adds its event."""
    if doc.filed_id or doc.procedure is None:
        return
    name = doc.part or doc.item.filename
    source = doc.content if doc.content else doc.item.file
    if not data:
        with source.open("rb") as handle:
            data = handle.read()
    body = data
    kind = _FILE_KIND.get(
        doc.kind, DocumentKind.COURT if doc.kind in _COURT else DocumentKind.LETTER
    )
    filed = Document(
        procedure=doc.procedure,
        title=f"{doc.kind or '?'}: {name}"[:200],
        kind=kind,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        uploaded_by=user,
    )
    filed.file.save(f"intake-{doc.pk}-{name}"[:100], ContentFile(body), save=True)
    doc.filed = filed
    doc.save(update_fields=["filed"])
    status = _STATUS_EVENT.get(doc.kind)
    if status:
        numbers = ", ".join(doc.result.get("court_file_numbers", [])[:1])
        when = doc.result.get("document_date") or ""
        hearing = next((d for d in doc.result.get("deadlines", []) if d["kind"] == "hearing"), None)
        note = f"{doc.kind} {numbers} {when}".strip()
        if hearing:
            note = f"{doc.kind} {numbers}: {hearing['date']} {hearing.get('time') or ''}".strip()
        record_status(doc.procedure, status, user, note=note[:500])


@transaction.atomic
def correct(
    doc: IntakeDocument, user, *, kind: str, procedure: Procedure | None, queue: str
) -> IntakeDocument:
    """One reviewer action: class, match and route as the reviewer says; filed; kept for retraining."""
    from akte.intake.classify import rules as class_rules

    changes = []
    if kind and kind != doc.kind:
        entry = class_rules().kinds[kind]
        changes.append(("kind", doc.kind, kind))
        doc.kind, doc.document_class = kind, entry["document_class"]
        doc.document_type = entry.get("document_type") or ""
    if procedure and procedure.pk != doc.procedure_id:
        changes.append(
            ("procedure", doc.procedure.file_number if doc.procedure else "", procedure.file_number)
        )
        doc.procedure = procedure
        doc.match_reasons = [{"code": "match.reviewer"}]
    if queue and queue != doc.queue:
        changes.append(("queue", doc.queue, queue))
        doc.queue = queue
        doc.route_reasons = [{"code": "route.reviewer"}]
    for field, before, after in changes:
        Correction.objects.create(
            document=doc, field=field, before=before or "", after=after, by=user
        )
    doc.reviewed_by, doc.reviewed_at = user, timezone.now()
    if doc.procedure is not None and not doc.error:
        doc.state = State.FILED
    doc.save()
    if doc.state == State.FILED:
        _file(doc, b"", user)
    return doc


def corrections_for_training() -> list[dict]:
    """{"text", "kind"} of every document whose kind a reviewer corrected (for akte.intake.train)."""
    latest = {}
    for c in (
        Correction.objects.filter(field="kind").select_related("document").order_by("at", "pk")
    ):
        latest[c.document_id] = {"text": c.document.text, "kind": c.after}
    return list(latest.values())


__all__ = ["Source", "receive", "correct", "corrections_for_training"]
