"""From a file to its documents: one `Part` per document, read or with the reason it was not.

A PDF or an image is one document; an e-mail gives one per attachment, an XJustiz message one
per document it lists (its file found beside the message, or given by the caller), carrying
the sender's metadata. Every document is read in a child process (`akte.intake.sandbox`).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akte.core.message import Message
from akte.intake import sandbox, sniff
from akte.intake.config import Limits, limits


@dataclass
class Part:
    """One document of a file: its text per page, or the reason it could not be read."""

    file: str
    part: str | None = None
    sha256: str = ""
    text_source: str | None = None  # text | ocr | xjustiz
    pages: int = 0
    page_texts: list[str] = field(default_factory=list)
    error: Message | None = None
    xjustiz: dict[str, Any] | None = None  # the sender's metadata for this document
    problems: list[Message] = field(default_factory=list)  # schema errors, missing files
    data: bytes = field(default=b"", repr=False)  # the document's own bytes (to file it)

    @property
    def text(self) -> str:
        return "\n\f".join(self.page_texts)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(
    file: str,
    data: bytes,
    *,
    part: str | None = None,
    attachment: Callable[[str], bytes | None] | None = None,
    lim: Limits | None = None,
) -> Iterator[Part]:
    """The documents in `data` (named `file`, or `part` inside it)."""
    lim = lim or limits()
    name = part or file
    digest = _digest(data)
    if len(data) > lim.max_bytes:
        yield Part(
            file,
            part,
            digest,
            error=Message("intake.read.too_large", {"size": len(data), "limit": lim.max_bytes}),
        )
        return
    kind, problem = sniff.check(name, data)
    if problem is not None:
        yield Part(file, part, digest, error=problem)
        return
    if kind in (sniff.PDF, sniff.IMAGE):
        yield _document(file, part, digest, kind, name, data, lim)
    elif kind == sniff.MAIL and part is None:
        yield from _mail(file, digest, data, lim)
    elif kind == sniff.XML and part is None:
        yield from _message(file, digest, data, attachment, lim)
    else:  # a mail inside a mail, a message attached to a mail: kept for a person to look at
        yield Part(file, part, digest, error=Message("intake.read.unknown_format"))


def read_path(path: str | Path, lim: Limits | None = None) -> Iterator[Part]:
    """The documents of a file on disk; an XJustiz message's files are looked up beside it."""
    lim = lim or limits()
    given = str(path)
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError(given)
    except OSError:
        yield Part(given, error=Message("intake.read.not_found"))
        return
    if size > lim.max_bytes:
        yield Part(
            given, error=Message("intake.read.too_large", {"size": size, "limit": lim.max_bytes})
        )
        return
    folder = path.parent

    def beside(filename: str) -> bytes | None:
        plain = posixpath.basename(filename.replace("\\", "/"))
        if not plain or plain != filename or plain.startswith("."):
            return None  # never a path out of the message's folder
        candidate = folder / plain
        if not candidate.is_file() or candidate.stat().st_size > lim.max_bytes:
            return None
        return candidate.read_bytes()

    yield from read_bytes(given, path.read_bytes(), attachment=beside, lim=lim)


def _document(file, part, digest, kind, name, data, lim) -> Part:
    result = sandbox.run(kind, name, data, lim)
    if "error" in result:
        return Part(file, part, digest, error=result["error"])
    return Part(
        file,
        part,
        digest,
        data=data,
        text_source=result["text_source"],
        pages=result["pages"],
        page_texts=result["page_texts"],
    )


def _mail(file, digest, data, lim) -> Iterator[Part]:
    result = sandbox.run("mail", file, data, lim)
    if "error" in result:
        yield Part(file, None, digest, error=result["error"])
        return
    attachments = result["attachments"]
    if not attachments:
        body = result["body"].strip()
        if not body:
            yield Part(file, None, digest, error=Message("intake.read.no_text"))
            return
        yield Part(file, "(body)", digest, text_source="text", pages=1, page_texts=[body])
        return
    for item in attachments:
        if "too_large" in item:
            yield Part(
                file,
                item["part"],
                digest,
                error=Message(
                    "intake.read.too_large", {"size": item["too_large"], "limit": lim.max_bytes}
                ),
            )
            continue
        yield from read_bytes(file, item["data"], part=item["part"], lim=lim)


def _message(file, digest, data, attachment, lim) -> Iterator[Part]:
    result = sandbox.run("xml", file, data, lim)
    if "error" in result:
        yield Part(file, None, digest, error=result["error"])
        return
    sender = {
        k: result[k]
        for k in (
            "version",
            "valid",
            "court_code",
            "court",
            "court_file_number",
            "office_file_number",
        )
    }
    problems = list(result["errors"])
    documents = result["documents"] or [{"number": 1, "files": []}]
    if len(documents) > lim.max_parts:
        yield Part(
            file,
            None,
            digest,
            error=Message(
                "intake.read.too_many_parts", {"parts": len(documents), "limit": lim.max_parts}
            ),
        )
        return
    for doc in documents:
        meta = dict(sender, **{k: v for k, v in doc.items() if k != "files"})
        filename = next(iter(doc.get("files") or []), None)
        body = attachment(filename) if (attachment and filename) else None
        label = filename or f"document-{doc['number']}"
        if body is None:
            missing = (
                [Message("intake.xjustiz.attachment_missing", {"filename": filename or ""})]
                if filename
                else []
            )
            yield Part(
                file,
                label,
                digest,
                text_source="xjustiz",
                xjustiz=meta,
                problems=problems + missing,
                data=data,
            )
            continue
        for read in read_bytes(file, body, part=label, lim=lim):
            read.xjustiz = meta
            read.problems = problems + read.problems
            if read.error is None:
                read.text_source = read.text_source or "xjustiz"
            yield read
