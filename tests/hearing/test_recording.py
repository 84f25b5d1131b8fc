"""The recording's rules (akte.hearing.recording, akte.hearing.audio): law, chunk checks,
the timeline, the remux, and seals made before recordings existed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from akte.hearing import audio, ogg, seal
from akte.hearing.record import HearingHeader, HearingRecord, Segment, Speaker
from akte.hearing.recording import (
    LAW_APR,
    LAW_NONE,
    LAW_OFFICE,
    Break,
    Timeline,
    check_chunk,
    recording_law,
)
from akte.hearing.synthetic_audio import chunks, speech_like

from .ogg_check import bitwise_crc, check_ogg_opus

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_the_apr_applies_from_its_date_of_application():
    assert recording_law(dt.date(2026, 6, 12), office_records=False) == LAW_APR
    assert recording_law(dt.date(2026, 6, 11), office_records=True) == LAW_OFFICE
    assert recording_law(dt.date(2026, 6, 11), office_records=False) == LAW_NONE


def test_a_break_stops_the_clock_and_a_reload_without_a_break_is_a_gap():
    breaks = [Break(at(60), at(120), "Pause")]
    line = Timeline([(at(0), at(300)), (at(330), at(400))], breaks)
    assert line.offset(at(30)) == 30
    assert line.offset(at(90)) == 60  # inside the break: where it began
    assert line.offset(at(180)) == 120
    assert line.offset(at(340)) == 240 + 10
    assert line.seconds == 240 + 70
    assert [(g.start, g.end, g.at_s) for g in line.gaps] == [(at(300), at(330), 240)]
    paused = Timeline([(at(0), at(100)), (at(200), at(250))], [Break(at(100), at(200), "x")])
    assert paused.gaps == []


def _check(data, **kw):
    base = dict(
        sequence=1,
        expected=1,
        stored_hash=None,
        data=data,
        claimed_hash=hashlib.sha256(data).hexdigest(),
        content_type="audio/webm;codecs=opus",
        container=None,
        starts_stream=True,
        max_bytes=10_000_000,
    )
    return check_chunk(**(base | kw))


@pytest.fixture(scope="module")
def stream():
    return speech_like(3.0)


def test_every_cut_through_real_audio_is_accepted(stream):
    # a recorder cuts the stream anywhere: no piece may look like a foreign file
    for size in (97, 500, 1500, 4000):
        for i, piece in enumerate(chunks(stream, size)):
            assert _check(piece, sequence=i + 1, expected=i + 1, starts_stream=i == 0) is None


def test_refusals_name_their_reason(stream):
    assert _check(stream, stored_hash="ab").code == "hearing.recording.chunk.duplicate"
    assert _check(stream, expected=2).params == {"expected": 2, "got": 1}
    assert _check(stream, max_bytes=10).code == "hearing.recording.chunk.too_large"
    assert _check(b"%PDF-1.4").code == "hearing.recording.chunk.not_audio"
    assert (
        _check(stream, content_type="audio/ogg").code == "hearing.recording.chunk.header_expected"
    )
    assert _check(stream, container="ogg").code == "hearing.recording.chunk.not_audio"
    assert _check(stream, claimed_hash="0" * 64).code == "hearing.recording.chunk.hash_mismatch"


@pytest.mark.parametrize("container", ["webm", "ogg"])
def test_the_remux_of_two_streams_has_their_duration_and_seeks(container):
    first, second = speech_like(2.0, container), speech_like(1.5, container, voice=230)
    assert audio.duration(first) == pytest.approx(2.0, abs=0.2)
    remuxed = audio.remux([first, second], container)
    assert remuxed.mime == "audio/ogg"
    assert remuxed.duration_s == pytest.approx(3.5, abs=0.2)
    assert audio.duration(remuxed.data) == pytest.approx(remuxed.duration_s, abs=0.1)
    checked = check_ogg_opus(remuxed.data)
    assert checked.duration_s == pytest.approx(remuxed.duration_s, abs=0.001)
    # every packet copied, and a page at least every ~second for a player's bisection seek
    assert checked.packets == len(audio.read(first).packets) + len(audio.read(second).packets)
    assert (
        max(b - a for a, b in zip([0, *checked.granules], checked.granules, strict=False)) <= 60_000
    )


def test_a_webm_muxed_by_ffmpeg_remuxes_packet_for_packet():
    # recorded once with libopus through FFmpeg's live WebM muxer (3 s, 20 ms frames)
    data = (Path(__file__).parent / "data" / "ffmpeg-live.webm").read_bytes()
    stream = audio.read(data)
    assert (len(stream.packets), stream.pre_skip, stream.channels) == (151, 312, 1)
    remuxed = audio.remux([data, data])
    assert check_ogg_opus(remuxed.data).packets == 302
    assert remuxed.duration_s == pytest.approx(6.0, abs=0.05)


def test_a_recording_of_chromium_remuxes_packet_for_packet():
    # the first 24 kB of one stream Chromium's MediaRecorder recorded in the browser test (fake
    # microphone, Opus 60 ms packets of 3 frames, pre-skip 0), cut off inside a block
    data = (Path(__file__).parent / "data" / "chromium-live.webm").read_bytes()
    stream = audio.read(data)
    assert stream.channels == 1 and {p[0] for p in stream.packets} == {251}
    remuxed = audio.remux([data])
    checked = check_ogg_opus(remuxed.data)
    assert checked.packets == len(stream.packets)
    assert checked.duration_s == pytest.approx(len(stream.packets) * 0.06, abs=0.001)


def test_the_streams_mixed_webm_and_ogg_make_one_file():
    remuxed = audio.remux([speech_like(1.0, "webm"), speech_like(1.0, "ogg", voice=230)])
    assert check_ogg_opus(remuxed.data).duration_s == pytest.approx(2.0, abs=0.05)


def test_a_stream_cut_off_mid_block_loses_only_that_block():
    whole = speech_like(2.0)
    cut = audio.read(whole[:-7])
    assert len(cut.packets) == len(audio.read(whole).packets) - 1


def test_opus_packet_durations_follow_the_toc_byte():
    assert audio.packet_samples(bytes([0b11111000])) == 960  # CELT FB 20 ms, one frame
    assert audio.packet_samples(bytes([0b00011001])) == 2 * 2880  # SILK NB 60 ms, two frames
    assert audio.packet_samples(bytes([0b10000011, 0x05])) == 5 * 120  # CELT 2.5 ms, five


def test_ogg_crc_is_rfc_3533s():
    for data in (b"", b"OggS", bytes(range(256)) * 3):
        assert ogg.crc32(data) == bitwise_crc(data)


@pytest.mark.parametrize(
    "damaged",
    [
        b"\x1a\x45\xdf\xa3" + b"\xff" * 200,
        b"OggS" + b"\0" * 40,
        b"RIFF....WAVE",
    ],
)
def test_a_damaged_stream_is_an_audio_error(damaged):
    with pytest.raises(audio.AudioError):
        audio.remux([damaged], "webm")


def test_an_altered_ogg_page_fails_its_crc():
    data = bytearray(speech_like(1.0, "ogg"))
    data[-3] ^= 0x01
    with pytest.raises(audio.AudioError, match="CRC"):
        audio.read(bytes(data))


def test_a_packet_longer_than_a_page_spans_pages():
    big = bytes([0b11111000]) + bytes(70_000)
    data = ogg.write(
        audio.opus_head(pre_skip=312), audio.opus_tags(), [(big, 960), (b"\xf8x", 1920)], 7
    )
    found = [packet for packet, _page in ogg.packets(data)]
    assert found[2:] == [big, b"\xf8x"]
    assert check_ogg_opus(data).granules[-1] == 1920


def test_a_record_without_recording_seals_as_before():
    record = HearingRecord(
        HearingHeader("1-475", dt.date(2026, 1, 5), "i", "", "ar"),
        (Segment(1, Speaker.APPLICANT, "Aus Erbil.", T0),),
    )
    assert "recording" not in json.loads(seal.canonical_form(record))
