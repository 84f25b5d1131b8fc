"""E-mails (.eml): the attached documents, each with its file name, and the text of the body.

Runs inside a child process (`akte.intake.sandbox`); the attachments are then read each in a
child of its own. A mail with more attachments than the limit is refused whole, with a reason,
rather than read in part.
"""

from __future__ import annotations

import email
import email.policy
import posixpath
from typing import Any

from akte.core.message import Message
from akte.intake.config import Limits


def _safe_name(raw: str | None, index: int) -> str:
    name = posixpath.basename((raw or "").replace("\\", "/")).strip()
    return name or f"attachment-{index}"


def split_mail(name: str, data: bytes, lim: Limits) -> dict[str, Any]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # noqa: BLE001 - the parser's many failure kinds all mean the same
        return {"error": Message("intake.read.broken_mail")}
    attachments = []
    body = ""
    count = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename is None and part.get_content_disposition() != "attachment":
            if not body and part.get_content_type() == "text/plain":
                try:
                    body = str(part.get_content())
                except (LookupError, ValueError):
                    body = ""
            continue
        count += 1
        if count > lim.max_parts:
            continue
        payload = part.get_payload(decode=True) or b""
        if len(payload) > lim.max_bytes:
            attachments.append({"part": _safe_name(filename, count), "too_large": len(payload)})
            continue
        attachments.append({"part": _safe_name(filename, count), "data": payload})
    if count > lim.max_parts:
        return {
            "error": Message("intake.read.too_many_parts", {"parts": count, "limit": lim.max_parts})
        }
    return {
        "subject": str(message.get("subject", "")),
        "sender": str(message.get("from", "")),
        "body": body,
        "attachments": attachments,
    }
