"""`akte restore`: check a backup completely, then write it into an empty target, then
verify what was written (the status log with its own verification, every sealed hearing's
seal, every recording's audio, the row counts).

Nothing is written before every check has passed: the passphrase opens the keys, the keys
name this manifest, every file is there with its size and SHA-256 and no other file is, every
name is safe, the target is empty (or ``--force``) and can take this kind of dump.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from akte import keys
from akte.web.hearings import recorder, services
from akte.web.hearings.models import Hearing, HearingState, Recording
from akte.web.statuslog import link

from . import database, media, stores
from .archive import SEALED_KEYS, BackupError, Manifest, check_files, read_manifest, unpack
from .sealed import open_sealed


@dataclass
class CheckedBackup:
    root: Path
    manifest: Manifest
    secrets: dict[str, bytes]


def check_backup(
    source: Path, passphrase: bytes, work: Path, on_file: Callable[[str], None] | None = None
) -> CheckedBackup:
    """Open and check every part of the backup at `source` (a folder or a ``.tar``)."""
    if not source.exists():
        raise BackupError(f"{source}: no such backup")
    root = source if source.is_dir() else unpack(source, work)
    manifest, raw = read_manifest(root)
    sealed_path = root / SEALED_KEYS
    if not sealed_path.is_file():
        raise BackupError(f"{sealed_path}: missing: the keys are not in this backup")
    secrets, manifest_sha256 = open_sealed(sealed_path.read_bytes(), passphrase)
    if hashlib.sha256(raw).hexdigest() != manifest_sha256:
        raise BackupError(f"{root / 'manifest.json'}: altered after the backup was made")
    check_files(root, manifest, on_file)
    return CheckedBackup(root, manifest, secrets)


def occupied() -> list[str]:
    """What the target already holds, in words (empty: a fresh target)."""
    found = []
    rows = database.data_rows()
    if rows:
        first = sorted(rows.items(), key=lambda row: (not row[0].startswith("cases."), row[0]))
        listed = ", ".join(f"{n} {label}" for label, n in first[:6])
        found.append(f"{database.where()} holds rows ({listed}{', ...' if len(rows) > 6 else ''})")
    files = sum(1 for _ in media.stored_names())
    if files:
        found.append(f"the media storage ({settings.MEDIA_ROOT}) holds {files} files")
    ledger_toml = Path(settings.AKTE_LEDGER_CONFIG)
    if names := stores.occupied(ledger_toml):
        found.append(f"{ledger_toml.parent} holds {', '.join(names[:5])}")
    return found


def preflight(checked: CheckedBackup, force: bool) -> None:
    """Whether the target can take this backup (empty, or `force`; the right database)."""
    db_file = checked.manifest.database["file"]
    if db_file == database.SQLITE_FILE and connection.vendor != "sqlite":
        raise BackupError(
            f"this backup holds a SQLite database; the target is {database.where()}: restore "
            "it into SQLite (unset AKTE_DATABASE_URL) and back up again from there"
        )
    in_use = occupied()
    if in_use and not force:
        raise BackupError(
            "the target is not empty: "
            + "; ".join(in_use)
            + ". Restore into an empty target, or pass --force to replace it. Nothing restored."
        )


def restore_backup(
    checked: CheckedBackup,
    force: bool,
    step: Callable[[str, int | None], None] | None = None,
    advance: Callable[[], None] | None = None,
) -> None:
    step = step or (lambda _what, _n: None)
    manifest = checked.manifest
    db_file = manifest.database["file"]
    preflight(checked, force)
    ledger_toml = Path(settings.AKTE_LEDGER_CONFIG)
    if force and stores.occupied(ledger_toml):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        aside = ledger_toml.parent.with_name(f"{ledger_toml.parent.name}.replaced-{stamp}")
        shutil.move(ledger_toml.parent, aside)  # kept, not deleted
    step("database", None)
    database.load(checked.root / db_file, db_file, force)
    step("status log", None)
    stores.restore_into(checked.root, ledger_toml, checked.secrets)
    link.reopen()
    names = [n for n in manifest.files if n.startswith("media/")]
    step("media", len(names))
    media.restore(checked.root, names, force, on_file=lambda _n: advance and advance())


@dataclass
class Verification:
    ledger_ok: bool = False
    ledger_problems: list[str] = field(default_factory=list)
    log_size: int = 0
    checked_commitments: int = 0
    sealed_hearings: int = 0
    broken_seals: list[int] = field(default_factory=list)  # hearing ids
    readable_recordings: int = 0
    unreadable_recordings: list[int] = field(default_factory=list)  # recording ids
    counts_differ: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            self.ledger_ok
            and not self.broken_seals
            and not self.unreadable_recordings
            and not self.counts_differ
        )


def verify_restore(manifest: Manifest) -> Verification:
    found = Verification()
    ledger = link.get_ledger()
    report = ledger.verify(deep=True)
    found.ledger_ok, found.ledger_problems = report.ok, report.problems
    found.log_size, found.checked_commitments = report.log_size, report.checked_commitments
    expected_size = manifest.ledger.get("size")
    if expected_size is not None and report.log_size != expected_size:
        found.ledger_ok = False
        found.ledger_problems.append(
            f"the log has {report.log_size} entries, backed up {expected_size}"
        )
    for hearing in Hearing.objects.filter(state=HearingState.SEALED):
        found.sealed_hearings += 1
        if not services.seal_intact(hearing):
            found.broken_seals.append(hearing.pk)
    for recording in Recording.objects.filter(erased_at__isnull=True).select_related(
        "hearing__procedure"
    ):
        person = link.person_ref(recording.hearing.procedure.person_id)
        if ledger.data_key(person, create=False) is None:
            continue  # the person was erased: the audio is meant to be unreadable
        try:
            recorder.plaintext_streams(recording)
            found.readable_recordings += 1
        except (keys.CryptoError, recorder.RecordingRefused):
            found.unreadable_recordings.append(recording.pk)
    with connection.cursor() as cursor:
        now = database.count_rows(cursor, only_existing=True)
    for label, expected in manifest.counts.items():
        if label in database.NOT_DATA:
            continue
        if now.get(label) != expected:
            found.counts_differ[label] = (expected, now.get(label, 0))
    return found
