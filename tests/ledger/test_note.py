"""C2SP signed-note, checkpoint and cosignature formats, and bad input."""

from __future__ import annotations

import base64

import pytest

from akte.ledger import merkle, note
from akte.ledger.note import Checkpoint, NoteError

ORIGIN = "akte.test/ledger"
ROOT = merkle.root([merkle.leaf_hash(b"a")])


def test_key_formats_roundtrip_and_key_id_follows_the_spec() -> None:
    signer = note.Signer.generate(ORIGIN)
    assert note.Signer.parse(signer.skey()) == signer
    verifier = note.Verifier.parse(signer.verifier.vkey())
    assert verifier == signer.verifier
    import hashlib

    expected = hashlib.sha256(ORIGIN.encode() + b"\n\x01" + verifier.public).digest()[:4]
    assert verifier.key_id == expected
    assert verifier.vkey().startswith(f"{ORIGIN}+{expected.hex()}+")
    witness = note.Signer.generate("witness.test/w1", note.COSIGNATURE_V1)
    assert (
        witness.verifier.key_id
        == hashlib.sha256(b"witness.test/w1\n\x04" + witness.verifier.public).digest()[:4]
    )


def test_checkpoint_format_and_verification() -> None:
    signer = note.Signer.generate(ORIGIN)
    text = note.sign_checkpoint(signer, Checkpoint(ORIGIN, 1, ROOT))
    body, sig = text.split("\n\n")
    assert body == f"{ORIGIN}\n1\n{base64.b64encode(ROOT).decode()}"
    assert sig.startswith(f"\u2014 {ORIGIN} ") and sig.endswith("\n")
    assert len(base64.b64decode(sig.split(" ")[2])) == 4 + 64
    signed = note.open_checkpoint(text, signer.verifier)
    assert signed.checkpoint == Checkpoint(ORIGIN, 1, ROOT)


def test_cosignature_counts_and_message() -> None:
    signer = note.Signer.generate(ORIGIN)
    witnesses = [note.Signer.generate(f"witness.test/w{i}", note.COSIGNATURE_V1) for i in range(3)]
    text = note.sign_checkpoint(signer, Checkpoint(ORIGIN, 1, ROOT))
    body = text.split("\n\n")[0] + "\n"
    lines = [w.cosign(body, timestamp=1_700_000_000) for w in witnesses[:2]]
    cosigned = text + "".join(line + "\n" for line in lines)
    signed = note.open_checkpoint(
        cosigned, signer.verifier, witnesses=[w.verifier for w in witnesses]
    )
    assert signed.witness_count == 2 and signed.cosigners == ("witness.test/w0", "witness.test/w1")
    raw = base64.b64decode(lines[0].split(" ")[2])
    assert len(raw) == 4 + 8 + 64 and int.from_bytes(raw[4:12], "big") == 1_700_000_000
    witnesses[0].verifier.public_key().verify(
        raw[12:], b"cosignature/v1\ntime 1700000000\n" + body.encode()
    )
    # a cosignature over another checkpoint does not count
    other = note.sign_checkpoint(signer, Checkpoint(ORIGIN, 2, ROOT))
    forged = other + lines[0] + "\n"
    assert (
        note.open_checkpoint(
            forged, signer.verifier, witnesses=[w.verifier for w in witnesses]
        ).witness_count
        == 0
    )


@pytest.fixture
def signed_text() -> tuple[note.Signer, str]:
    signer = note.Signer.generate(ORIGIN)
    return signer, note.sign_checkpoint(signer, Checkpoint(ORIGIN, 5, ROOT))


def test_bad_signature_is_rejected(signed_text) -> None:
    signer, text = signed_text
    tampered = text.replace("\n5\n", "\n6\n")
    with pytest.raises(NoteError, match="bad signature"):
        note.open_checkpoint(tampered, signer.verifier)
    stranger = note.Signer.generate(ORIGIN)
    with pytest.raises(NoteError, match="no signature from the log key"):
        note.open_checkpoint(text, stranger.verifier)


def test_foreign_origin_is_rejected(signed_text) -> None:
    signer, text = signed_text
    with pytest.raises(NoteError, match="foreign origin"):
        note.open_checkpoint(text, signer.verifier, origin="other.example/log")
    other = note.Signer.generate("other.example/log")
    foreign = note.sign_checkpoint(other, Checkpoint("other.example/log", 5, ROOT))
    with pytest.raises(NoteError, match="foreign origin"):
        note.open_checkpoint(foreign, signer.verifier)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: t.replace("\n\n", "\n"), "blank line"),
        (lambda t: t.replace("\u2014 ", "- "), "em dash"),
        (lambda t: t.replace("\n5\n", "\n05\n"), "leading zeros"),
        (lambda t: t.replace("\n5\n", "\n-5\n"), "decimal"),
        (
            lambda t: t.replace(
                base64.b64encode(ROOT).decode(), base64.b64encode(ROOT[:31]).decode()
            ),
            "31 bytes",
        ),
        (
            lambda t: t.replace(
                base64.b64encode(ROOT).decode(), base64.b64encode(ROOT + b"\x00").decode()
            ),
            "33 bytes",
        ),
        (lambda t: t.replace(base64.b64encode(ROOT).decode(), "not base64!"), "base64"),
        (lambda t: t.rstrip("\n"), "end with a newline"),
        (lambda t: t.replace("\n", "\r\n"), "line endings"),
        (lambda t: "\n\n" + t.split("\n\n")[1], "origin"),
        (lambda t: b"\xff" + t.encode(), "UTF-8"),
        (lambda t: t.split("\n\n")[0] + "\n\n", "no signature lines"),
        (lambda t: t.replace("\n5\n", "\n5\t\n"), "control characters"),
    ],
)
def test_malformed_checkpoints_are_rejected_with_reason(signed_text, mutate, message) -> None:
    signer, text = signed_text
    with pytest.raises(NoteError, match=message):
        note.open_checkpoint(mutate(text), signer.verifier)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "name+abcd",
        "na me+00000000+AA==",
        "x+00000000+" + base64.b64encode(b"\x01" + bytes(32)).decode(),
    ],
)
def test_malformed_keys_are_rejected(bad: str) -> None:
    with pytest.raises(NoteError):
        note.Verifier.parse(bad)


def test_the_example_in_the_docs_verifies() -> None:
    import re
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text()
    example = re.search(r"```\n(akte\.example/ledger\n.*?)```", docs, re.S).group(1)
    log, witness = re.search(r"\(log key `([^`]+)`, witness key `([^`]+)`\)", docs).groups()
    signed = note.open_checkpoint(
        example, note.Verifier.parse(log), witnesses=[note.Verifier.parse(witness)]
    )
    assert signed.checkpoint.size == 3 and signed.witness_count == 1
