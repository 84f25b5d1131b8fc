"""The restore drill (runs on SQLite and, in `make test-postgres`, on PostgreSQL): a small
office is backed up, restored into a fresh database, media folder and status log, and the
status log, the sealed hearing's seal, its recording's audio and every table's rows are
verified against the backup. Then the hostile backups: each refused before anything is
written, with a message that says what and where."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction

from akte.web.cases.models import Document, Procedure
from akte.web.cases.transitions import record_status
from akte.web.hearings.models import Hearing
from akte.web.operations import sealed
from akte.web.operations.archive import BackupError, pack
from akte.web.operations.backup import make_backup
from akte.web.operations.restore import check_backup, restore_backup, verify_restore
from akte.web.statuslog import link

from .test_recording import hearing_client, notice, record, seal, sound, start  # noqa: F401

PASSPHRASE = b"correct horse battery staple"
pytestmark = pytest.mark.django_db(transaction=True)


def use_target(settings, folder):
    """Point the media storage and the status log at `folder` (new, empty)."""
    settings.MEDIA_ROOT = str(folder / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder / "media")},
        },
    }
    settings.AKTE_LEDGER_CONFIG = str(folder / "ledger" / "ledger.toml")
    link.reopen()


def fresh_database():
    """An empty database: on SQLite no tables at all, on PostgreSQL every table emptied."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        sqlite3.connect(":memory:").backup(connection.connection)
    else:
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def office(settings, tmp_path, hearing_client, sound, make_procedure):  # noqa: F811
    """Three procedures with status entries in the log, a document, a sealed hearing with
    its recording."""
    use_target(settings, tmp_path / "office")
    client, hearing = hearing_client
    for procedure in [hearing.procedure, make_procedure(), make_procedure(family="Tesfaye")]:
        with transaction.atomic():
            record_status(procedure, "registered", None)
    Document.objects.create(
        procedure=hearing.procedure,
        title="Pass",
        kind="identity",
        file=ContentFile(b"synthetic passport scan", name="pass.txt"),
        content_type="text/plain",
        size=23,
        sha256=hashlib.sha256(b"synthetic passport scan").hexdigest(),
    )
    notice(client, hearing)
    start(client, hearing)
    record(client, hearing, sound[0])
    seal(client, hearing)
    link.get_ledger().checkpoint()
    return tmp_path


@pytest.fixture
def small_office(settings, tmp_path, make_procedure):
    """One procedure with a status entry in the log and a document (for the hostile tries)."""
    use_target(settings, tmp_path / "office")
    procedure = make_procedure()
    with transaction.atomic():
        record_status(procedure, "registered", None)
    Document.objects.create(
        procedure=procedure,
        title="Brief",
        kind="letter",
        file=ContentFile(b"synthetic letter", name="letter.txt"),
        content_type="text/plain",
        size=16,
        sha256=hashlib.sha256(b"synthetic letter").hexdigest(),
    )
    link.get_ledger().checkpoint()
    return tmp_path


def backed_up(office):
    out = office / "backup"
    make_backup(out, PASSPHRASE)
    return out


def test_the_restore_drill(settings, office):
    before = {
        "procedures": Procedure.objects.count(),
        "log": link.get_ledger().store.size(),
        "seal": Hearing.objects.get().seal,
    }
    assert before["log"] >= 4
    out = backed_up(office)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert any(name.startswith("media/documents/") for name in manifest["files"])
    assert b"PRIVATE+KEY" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())

    use_target(settings, office / "restored")  # a new media folder and status log
    fresh_database()
    assert Procedure._meta.db_table not in connection.introspection.table_names() or (
        Procedure.objects.count() == 0
    )
    checked = check_backup(out, PASSPHRASE, office / "work")
    restore_backup(checked, force=False)
    result = verify_restore(checked.manifest)

    assert result.ok, result
    assert result.ledger_ok and result.log_size == before["log"]
    assert result.checked_commitments == before["log"]
    assert result.sealed_hearings == 1 and result.readable_recordings == 1
    assert Procedure.objects.count() == before["procedures"]
    assert Hearing.objects.get().seal == before["seal"]
    document = Document.objects.get()
    assert default_storage.open(document.file.name).read() == b"synthetic passport scan"
    assert (office / "restored" / "media" / document.file.name).is_file()
    key_file = office / "restored" / "ledger" / "master.key"
    assert key_file.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_target_that_is_not_empty_and_says_what_and_where(settings, office):
    out = backed_up(office)
    checked = check_backup(out, PASSPHRASE, office / "work")
    with pytest.raises(BackupError) as refused:
        restore_backup(checked, force=False)
    message = str(refused.value)
    assert "not empty" in message and "cases.Procedure" in message
    assert str(office / "office" / "ledger") in message and "--force" in message


def test_a_tar_backup_restores_and_a_truncated_one_is_refused(settings, small_office):
    office = small_office
    out = office / "backup.tar"
    make_backup(out, PASSPHRASE)
    cut = office / "cut.tar"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    with pytest.raises(BackupError, match="cut short|missing|not a complete"):
        check_backup(cut, PASSPHRASE, office / "work-cut")
    use_target(settings, office / "restored")
    fresh_database()
    checked = check_backup(out, PASSPHRASE, office / "work")
    restore_backup(checked, force=False)
    assert verify_restore(checked.manifest).ok


def reseal(out, passphrase=PASSPHRASE):
    """What an insider who knows the passphrase could do: seal the keys over an edited
    manifest (so only the per-file checks stand in the way)."""
    files, _ = sealed.open_sealed((out / "keys.sealed").read_bytes(), passphrase)
    digest = hashlib.sha256((out / "manifest.json").read_bytes()).hexdigest()
    (out / "keys.sealed").write_bytes(sealed.seal(files, digest, passphrase))


def edit_manifest(out, change):
    manifest = json.loads((out / "manifest.json").read_text())
    change(manifest)
    (out / "manifest.json").write_text(json.dumps(manifest))


def _tamper_media(out):
    victim = next(p for p in (out / "media").rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"!")


def _tamper_same_size(out):
    victim = out / "ledger" / "ledger.db"
    data = bytearray(victim.read_bytes())
    data[-100] ^= 1
    victim.write_bytes(bytes(data))


def _missing(out):
    next(p for p in (out / "media").rglob("*") if p.is_file()).unlink()


def _truncated_db(out):
    db = next((out / "database").iterdir())
    db.write_bytes(db.read_bytes()[:1000])


def _extra(out):
    (out / "media" / "planted.txt").write_text("not from the office")


def _traversal(out):
    def add(manifest):
        manifest["files"]["media/../../../etc/cron.d/evil"] = {"sha256": "0" * 64, "size": 1}

    edit_manifest(out, add)
    reseal(out)


def _absolute(out):
    edit_manifest(
        out, lambda m: m["files"].update({"/etc/passwd": {"sha256": "0" * 64, "size": 1}})
    )
    reseal(out)


def _manifest_edited(out):
    edit_manifest(out, lambda m: m["counts"].update({"cases.Procedure": 99}))


def _manifest_cut(out):
    raw = (out / "manifest.json").read_bytes()
    (out / "manifest.json").write_bytes(raw[: len(raw) // 2])


def _keys_missing(out):
    (out / "keys.sealed").unlink()


def _scrypt_bomb(out):
    data = json.loads((out / "keys.sealed").read_text())
    data["kdf"]["n"] = 2**30
    (out / "keys.sealed").write_text(json.dumps(data))


HOSTILE = {
    "a media file altered": (_tamper_media, "bytes, the manifest says"),
    "the log's store altered, same size": (_tamper_same_size, "SHA-256 differs"),
    "a media file missing": (_missing, "listed in the manifest but missing"),
    "the database cut short": (_truncated_db, "cut short or altered"),
    "a file the manifest does not list": (_extra, "not in the manifest"),
    "path traversal in the manifest": (_traversal, "leaves the backup"),
    "an absolute path in the manifest": (_absolute, "leaves the backup"),
    "the manifest edited": (_manifest_edited, "altered after the backup was made"),
    "the manifest cut short": (_manifest_cut, "not valid JSON"),
    "the keys missing": (_keys_missing, "the keys are not in this backup"),
    "scrypt parameters that would eat the machine": (_scrypt_bomb, "out of bounds"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_backup_is_refused_before_anything_is_written(settings, small_office, case):
    office = small_office
    spoil, message = HOSTILE[case]
    out = backed_up(office)
    spoil(out)
    use_target(settings, office / "restored")
    with pytest.raises(BackupError, match=message):
        check_backup(out, PASSPHRASE, office / "work")
    assert not (office / "restored").exists()  # no ledger, no media written
    assert Procedure.objects.exists()  # the database untouched


def test_a_wrong_passphrase_is_named(small_office):
    office = small_office
    out = backed_up(office)
    with pytest.raises(BackupError, match="passphrase does not open"):
        check_backup(out, b"wrong horse battery staple", office / "work")


def test_a_short_passphrase_and_an_existing_target_are_refused(small_office):
    office = small_office
    with pytest.raises(BackupError, match="at least 12"):
        make_backup(office / "b", b"short")
    (office / "taken").mkdir()
    with pytest.raises(BackupError, match="exists"):
        make_backup(office / "taken", PASSPHRASE)
    assert not (office / "b").exists()


def test_the_tar_of_a_backup_refuses_links(small_office):
    office = small_office
    out = backed_up(office)
    (out / "media" / "link").symlink_to("/etc/passwd")
    tar = office / "linked.tar"
    pack(out, tar)
    with pytest.raises(BackupError, match="not a file"):
        check_backup(tar, PASSPHRASE, office / "work")
    shutil.rmtree(out)


def test_a_backup_made_before_a_rotation_still_restores(settings, small_office):
    from akte.ledger.rotation import rotate_master_key

    office = small_office
    out = backed_up(office)
    rotate_master_key(link.ledger_config())
    use_target(settings, office / "restored")
    fresh_database()
    checked = check_backup(out, PASSPHRASE, office / "work")
    restore_backup(checked, force=False)
    assert verify_restore(checked.manifest).ok  # the backup carries its own master key


def test_the_commands(settings, small_office):
    from typer.testing import CliRunner

    from akte.cli import app

    office = small_office
    secret = office / "passphrase"
    secret.write_text(PASSPHRASE.decode() + "\n")
    runner = CliRunner()
    made = runner.invoke(
        app, ["backup", "--out", str(office / "b"), "--passphrase-file", str(secret)]
    )
    assert made.exit_code == 0, made.output
    assert "backup written to" in made.output and "1 media files" in made.output
    refused = runner.invoke(
        app, ["restore", str(office / "b"), "--passphrase-file", str(secret), "--yes"]
    )
    assert refused.exit_code == 1 and "the target is not empty" in refused.output
    use_target(settings, office / "restored")
    fresh_database()
    asked = runner.invoke(
        app, ["restore", str(office / "b"), "--passphrase-file", str(secret)], input="n\n"
    )
    assert asked.exit_code == 1 and "Restore now?" in asked.output
    assert not (office / "restored").exists()
    done = runner.invoke(
        app, ["restore", str(office / "b"), "--passphrase-file", str(secret)], input="y\n"
    )
    assert done.exit_code == 0, done.output
    assert "status log: verified" in done.output and "restored and verified" in done.output


def test_force_replaces_a_target_and_keeps_the_old_log_aside(
    settings, small_office, make_procedure
):
    office = small_office
    out = backed_up(office)
    expected = Procedure.objects.count()
    make_procedure(family="Later")  # written after the backup: --force replaces it
    checked = check_backup(out, PASSPHRASE, office / "work")
    restore_backup(checked, force=True)
    assert Procedure.objects.count() == expected
    assert verify_restore(checked.manifest).ok
    assert list((office / "office").glob("ledger.replaced-*/ledger.toml"))  # kept, not deleted
