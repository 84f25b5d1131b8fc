"""Generated audio for tests and demo data, as MediaRecorder writes it: Opus in live-style WebM
(no duration, no cues) or in Ogg. Nothing here is a real voice.

The sound is two five-second clips in `data/` of a speech-like signal (tones at 180 and 230 Hz
that rise and fall in syllable-length bursts, ~3.5 a second), encoded once with libopus
(24 kbit/s, mono, 20 ms frames) and kept as Ogg Opus; a stream of any length repeats a clip's
packets, starting at a packet that depends on `voice`, so that different voices give different
bytes. No encoder is needed at run time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from akte.hearing import audio, ogg, webm

_CLIPS = (180, 230)


@cache
def _clip(voice: int) -> audio.OpusStream:
    data = resources.files("akte.hearing").joinpath(f"data/speech-like-{voice}.opus").read_bytes()
    return audio.read(data)


def speech_like(seconds: float, container: str = "webm", voice: float = 180.0) -> bytes:
    """`seconds` of generated audio as one live-style stream."""
    clip = _clip(min(_CLIPS, key=lambda v: abs(v - voice)))
    wanted = round(seconds * audio.SAMPLE_RATE) + clip.pre_skip
    start = int(voice) % len(clip.packets)
    packets, samples = [], 0
    while samples < wanted:
        packet = clip.packets[(start + len(packets)) % len(clip.packets)]
        packets.append((packet, samples))
        samples += audio.packet_samples(packet)
    if container == "webm":
        return webm.write_live(
            clip.head, [(p, at * 1000 // audio.SAMPLE_RATE) for p, at in packets]
        )
    granules, end = [], 0
    for packet, _start in packets:
        end += audio.packet_samples(packet)
        granules.append((packet, end))
    return ogg.write(
        clip.head, audio.opus_tags("Akte synthetic"), granules, serial=voice_serial(voice)
    )


def voice_serial(voice: float) -> int:
    return 0x53796E00 + int(voice) % 256  # "Syn" and the voice


def chunks(data: bytes, size: int = 4_000) -> list[bytes]:
    """The stream cut into pieces the way a recorder's timeslices arrive."""
    return [data[i : i + size] for i in range(0, len(data), size)]
