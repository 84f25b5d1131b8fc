"""The tasks a child process of `akte.intake.sandbox` can run (imported by the fork server)."""

from __future__ import annotations

from akte.intake import documents, mail, xjustiz

TASKS = {
    "pdf": documents.read_pdf,
    "image": documents.read_image,
    "mail": mail.split_mail,
    "xml": xjustiz.read_message,
}
