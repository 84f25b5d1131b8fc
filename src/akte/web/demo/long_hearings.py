"""Demo hearings of a realistic length (80-150 segments, several places, answers, tags), one
running, one at the read-back and one sealed with a generated audio recording (a
speech-like signal, no voice). The texts are invented and describe no real person."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.utils import timezone

from akte.hearing.synthetic_audio import chunks, speech_like
from akte.web.cases.models import Status
from akte.web.hearings import recorder, services
from akte.web.hearings.assistant import rulebook
from akte.web.hearings.models import Hearing, HearingState, Recording, RecordingStream

PLACES = ["Erbil", "Ankawa", "Mossul", "Dohuk", "Sindschar", "Kirkuk", "Bagdad", "Machmur"]
QUESTIONS = [
    "Wann sind Sie nach {place} gekommen?",
    "Was geschah in {place}?",
    "Wer lebte mit Ihnen in {place}?",
    "Wie lange blieben Sie in {place}?",
    "Können Sie den Weg von {place} beschreiben?",
    "Was haben Sie in {place} gearbeitet?",
]
ANSWERS = [
    "Im Sommer 2014 bin ich mit meiner Familie nach {place} gegangen.",
    "In {place} kamen bewaffnete Männer in unser Viertel und nahmen meinen Nachbarn mit.",
    "In {place} lebten meine Mutter, zwei Schwestern und mein Onkel bei uns.",
    "Wir blieben etwa acht Monate in {place}, dann wurde es zu gefährlich.",
    "Von {place} sind wir nachts mit einem Lastwagen weitergefahren, über Kontrollposten.",
    "In {place} habe ich als Elektriker auf Baustellen gearbeitet.",
    "Man hat mich in {place} festgehalten und geschlagen, weil ich nicht mitmachen wollte.",
    "Ich habe Angst, dass man mich bei einer Rückkehr nach {place} tötet.",
]
TAGS = {6: ["act-of-persecution", "actor-of-persecution"], 7: ["fear-on-return"]}
RECORDING_SECONDS = 24.0


def create_long_hearings(rng: random.Random, interviewer) -> list[Hearing]:
    planned = list(
        Hearing.objects.filter(
            state=HearingState.PLANNED, procedure__status=Status.HEARING_SCHEDULED
        )
        .select_related("procedure")
        .order_by("pk")[:3]
    )
    done = []
    for target, hearing in zip(
        (HearingState.SEALED, HearingState.READ_BACK, HearingState.RUNNING), planned, strict=False
    ):
        done.append(
            _conduct(hearing, target, rng, interviewer, record=target == HearingState.SEALED)
        )
    return done


def _conduct(hearing, target, rng, interviewer, *, record: bool) -> Hearing:
    hearing.state, hearing.started_at, hearing.skeleton = (
        HearingState.RUNNING,
        timezone.now(),
        "long",
    )
    hearing.interviewer, hearing.rulebook = interviewer, services.pinned_rulebook(hearing.date)
    hearing.save()
    services.add_note(hearing, "comprehension_ok", "")
    if record:
        services.add_note(hearing, "recording_notice", "vor Beginn der Anhörung mitgeteilt")
    began = timezone.now() - dt.timedelta(seconds=RECORDING_SECONDS)
    count = rng.randrange(80, 151) // 2 * 2
    for _pair in range(count // 2):
        place = rng.choice(PLACES)
        services.add_segment(hearing, "interviewer", rng.choice(QUESTIONS).format(place=place), [])
        answer = rng.randrange(len(ANSWERS))
        services.add_segment(
            hearing, "applicant", ANSWERS[answer].format(place=place), TAGS.get(answer, [])
        )
    _answers(hearing)
    if record:
        _record(hearing, began, count)
    services.refresh_panels(hearing, conducting=True)
    for shown in hearing.suggestions.all():
        fate = rng.choice(["used", "used", "skipped", "dismissed"])
        services.set_fate(
            hearing, shown.pk, fate, "im freien Vortrag beantwortet" if fate == "dismissed" else ""
        )
    if target == HearingState.RUNNING:
        return hearing
    services.begin_read_back(hearing)
    if target == HearingState.READ_BACK:
        services.confirm_all(hearing, set())
        return hearing
    services.correct_segment(
        hearing, 2, hearing.segments.get(number=2).text + " (Ortsname berichtigt)", "Schreibweise"
    )
    services.confirm_all(hearing, set())
    services.conclude(hearing, confirmed=True)
    return hearing


def _answers(hearing) -> None:
    book = rulebook()
    if book is None:
        return
    for question in book.questions[:6]:
        kind = book.facts[question.asks].type
        value = True if kind.kind == "boolean" else (kind.choices[0] if kind.choices else None)
        if value is not None:
            services.record_answer(hearing, question.asks, value)


def _record(hearing, began, count) -> None:
    """A generated recording; segments spread over it as if typed while it ran."""
    audio = speech_like(RECORDING_SECONDS)
    stream, sequence = recorder.start_stream(hearing)
    for offset, piece in enumerate(chunks(audio, 6_000)):
        recorder.store_chunk(
            hearing,
            sequence + offset,
            piece,
            hashlib.sha256(piece).hexdigest(),
            "audio/webm;codecs=opus",
        )
    RecordingStream.objects.filter(pk=stream.pk).update(
        started_at=began, last_chunk_at=began + dt.timedelta(seconds=RECORDING_SECONDS)
    )
    Recording.objects.filter(hearing=hearing).update(started_at=began)
    step = RECORDING_SECONDS / count
    for segment in hearing.segments.all():
        start = began + dt.timedelta(seconds=(segment.number - 1) * step)
        segment.typing_started_at, segment.at = start, start + dt.timedelta(seconds=step * 0.8)
        segment.save(update_fields=["typing_started_at", "at"])
