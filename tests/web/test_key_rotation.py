"""Master-key rotation under the running web app: the sealed hearing's seal holds, its
recording decrypts, the applicant's status link still opens, the log verifies, both for the
process that opened the log before the rotation and for a new one; the old key opens
nothing; a second rotation works."""

from __future__ import annotations

import pytest

from akte import keys
from akte.ledger import note
from akte.ledger.rotation import rotate_master_key
from akte.web.hearings import recorder, services
from akte.web.hearings.models import Recording
from akte.web.statuslog import link

from .test_recording import hearing_client, notice, record, seal, sound, start  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_seals_recordings_and_status_links_survive_two_rotations(hearing_client, sound):  # noqa: F811
    client, hearing = hearing_client
    notice(client, hearing)
    start(client, hearing)
    record(client, hearing, sound[0])
    seal(client, hearing)
    ledger = link.get_ledger()
    ledger.checkpoint()
    checkpoint = ledger.latest_checkpoint_text()
    audio = recorder.plaintext_streams(Recording.objects.get())
    token = link.status_token(hearing.procedure)
    config = link.ledger_config()
    old = keys.load_master_key(config.master_key)

    for _ in range(2):
        rotate_master_key(config)
        for opened in ("before", "after"):
            if opened == "after":
                link.reopen()
            assert services.seal_intact(hearing)
            assert recorder.plaintext_streams(Recording.objects.get()) == audio
            assert link.check_status_token(hearing.procedure.file_number, token)
            assert link.get_ledger().verify().ok
            ledger = link.get_ledger()
            assert note.open_checkpoint(checkpoint, ledger.need_verifier()).checkpoint.size >= 1
    rows = link.get_ledger().store.wrapped_key_page(None, 100)
    assert rows
    for person, wrapped in rows:
        with pytest.raises(keys.CryptoError):
            keys.unwrap_data_key(old, person, wrapped)
