"""Mail from partner systems: POST /api/intake/messages (a file, multipart), read, matched and
routed like an upload; the same file twice is recognised by its hash (200, not 201)."""

from __future__ import annotations

from django.conf import settings
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from akte.web.accounts.roles import Role
from akte.web.audit.log import logs_api_access
from akte.web.audit.subject import Subject
from akte.web.intake.models import Source
from akte.web.intake.services import receive

from . import problems

router = Router(tags=["intake"])
SENDERS = {Role.PARTNER_AGENCY, Role.REGISTRY_CLERK}


class IntakeDocumentOut(Schema):
    id: int
    part: str
    kind: str
    document_class: str
    document_type: str
    confidence: float
    error: str
    state: str
    queue: str


class IntakeOut(Schema):
    item: int
    duplicate: bool
    documents: list[IntakeDocumentOut]


def _received(body) -> list[Subject]:
    if isinstance(body, tuple):  # (status, body)
        body = body[1]
    if not isinstance(body, IntakeOut):
        return []
    from akte.web.intake.models import IntakeDocument

    return [
        d.access_subject
        for d in IntakeDocument.objects.select_related("procedure").filter(item_id=body.item)
    ]


@router.post(
    "/messages",
    response={200: IntakeOut, 201: IntakeOut},
    openapi_extra=problems.documented(401, 403, 413, 422),
)
@logs_api_access(create=_received)
def post_message(request, file: File[UploadedFile]):
    """Hand in one file (PDF, image, .eml, XJustiz .xml); 201 with its documents, 200 if it
    came before. The caller learns class and queue, never the procedure it was matched to."""
    if request.user.role not in SENDERS:
        return problems.problem(request, 403, "Forbidden", "This role may not hand in mail.")
    if file.size is None or file.size > settings.AKTE_MAX_UPLOAD_BYTES:
        return problems.problem(
            request, 413, "Payload too large", f"At most {settings.AKTE_MAX_UPLOAD_BYTES} bytes."
        )
    data = b"".join(file.chunks())
    item, new = receive(data, file.name or "message", Source.API, request.user)
    documents = [
        IntakeDocumentOut(
            id=d.pk, part=d.part, kind=d.kind, document_class=d.document_class,
            document_type=d.document_type, confidence=d.confidence, error=d.error,
            state=d.state, queue=d.queue,
        )
        for d in item.documents.all()
    ]  # fmt: skip
    return (201 if new else 200), IntakeOut(item=item.pk, duplicate=not new, documents=documents)
