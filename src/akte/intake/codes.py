"""Every code akte.intake emits, with its parameters (texts: akte/words/<language>/intake.yaml)."""

_NONE: frozenset[str] = frozenset()

CODES: dict[str, frozenset[str]] = {
    # a file or part that could not be read (the "error" of `akte intake read`)
    "intake.read.not_found": _NONE,
    "intake.read.unknown_format": _NONE,
    "intake.read.wrong_extension": frozenset({"extension", "detected"}),
    "intake.read.too_large": frozenset({"size", "limit"}),
    "intake.read.encrypted": _NONE,
    "intake.read.broken_pdf": _NONE,
    "intake.read.too_many_pages": frozenset({"pages", "limit"}),
    "intake.read.image_too_large": frozenset({"width", "height", "limit"}),
    "intake.read.broken_image": _NONE,
    "intake.read.broken_mail": _NONE,
    "intake.read.too_many_parts": frozenset({"parts", "limit"}),
    "intake.read.time_limit": frozenset({"seconds"}),
    "intake.read.memory_limit": frozenset({"megabytes"}),
    "intake.read.crashed": frozenset({"exitcode"}),
    "intake.read.ocr_failed": _NONE,
    "intake.read.no_text": _NONE,
    # XJustiz messages
    "intake.xjustiz.malformed": frozenset({"line", "detail"}),
    "intake.xjustiz.doctype": _NONE,
    "intake.xjustiz.not_xjustiz": _NONE,
    "intake.xjustiz.unknown_version": frozenset({"version"}),
    "intake.xjustiz.schema_error": frozenset({"line", "element", "detail"}),
    "intake.xjustiz.attachment_missing": frozenset({"filename"}),
    # evidence for a document's class, type or kind
    "intake.evidence.sender_code": frozenset({"code", "name"}),
    "intake.evidence.sender_type": frozenset({"code", "name"}),
    "intake.evidence.heading": frozenset({"heading", "page"}),
    "intake.evidence.wording": frozenset({"rule", "phrase", "page"}),
    "intake.evidence.model": frozenset({"kind", "probability"}),
    "intake.evidence.nothing": _NONE,
    "intake.evidence.disagreement": frozenset({"sender", "text"}),
}
