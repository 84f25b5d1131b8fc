"""Demo hearings in several states (running, at read-back, sealed), with short synthetic
transcripts. The texts are invented for the demo and describe no real person."""

from __future__ import annotations

import random

from django.utils import timezone

from akte.web.cases.models import Status
from akte.web.hearings import services
from akte.web.hearings.models import Hearing, HearingState

# (speaker, text) exchanges per country of origin; places are those of the demo rulebook.
SCRIPTS = {
    "IRQ": [
        ("interviewer", "Bitte nennen Sie Ihren letzten Wohnort im Herkunftsland."),
        ("applicant", "Ich habe zuletzt in Erbil gewohnt, im Stadtteil Ankawa."),
        ("interviewer", "Warum haben Sie Erbil verlassen?"),
        (
            "applicant",
            "Mein Bruder wurde 2014 von Kämpfern des sogenannten Islamischen Staates bedroht, danach auch ich.",
        ),
        ("interviewer", "Was befürchten Sie bei einer Rückkehr?"),
        ("applicant", "Ich habe Angst, getötet zu werden."),
    ],
    "SYR": [
        ("interviewer", "Woher stammen Sie?"),
        ("applicant", "Aus Aleppo. Später lebte ich in Idlib."),
        ("interviewer", "Was geschah in Aleppo?"),
        (
            "applicant",
            "Unser Viertel wurde 2016 bombardiert. Ich sollte zum Militärdienst eingezogen werden.",
        ),
        ("interviewer", "Was würde bei einer Rückkehr geschehen?"),
        ("applicant", "Ich würde verhaftet, weil ich den Militärdienst verweigert habe."),
    ],
    "AFG": [
        ("interviewer", "Wo haben Sie zuletzt gelebt?"),
        ("applicant", "In Kabul, vorher in Herat."),
        ("interviewer", "Schildern Sie bitte, warum Sie Afghanistan verlassen haben."),
        (
            "applicant",
            "Ich habe für eine ausländische Organisation gearbeitet und wurde von den Taliban bedroht.",
        ),
        ("interviewer", "Gab es gesundheitliche Folgen?"),
        ("applicant", "Ich schlafe schlecht und habe seitdem Albträume."),
    ],
    "ERI": [
        ("interviewer", "Wo sind Sie aufgewachsen?"),
        ("applicant", "In Keren. Danach war ich in Asmara."),
        ("interviewer", "Warum haben Sie Eritrea verlassen?"),
        ("applicant", "Ich sollte in den unbefristeten Nationaldienst und bin geflohen."),
        ("interviewer", "Was erwarten Sie bei einer Rückkehr?"),
        ("applicant", "Strafe wegen Desertion."),
    ],
    "TUR": [
        ("interviewer", "Wo haben Sie zuletzt gelebt?"),
        ("applicant", "In Diyarbakır."),
        ("interviewer", "Was ist Ihnen dort geschehen?"),
        ("applicant", "Ich wurde nach einer Demonstration festgenommen und verhört."),
        ("interviewer", "Was befürchten Sie bei einer Rückkehr?"),
        ("applicant", "Eine erneute Festnahme."),
    ],
}
DEFAULT_SCRIPT = SCRIPTS["IRQ"]
# legal elements the answers of every script cover (by segment position, 0-based)
TAGS = {3: ["act-of-persecution", "actor-of-persecution"], 5: ["fear-on-return"]}
HELD = [Status.HEARING_HELD, Status.DECIDED, Status.APPEAL, Status.CLOSED]


def create_demo_hearings(rng: random.Random, interviewer) -> list[Hearing]:
    """Give every held hearing a transcript. Procedures decided since are sealed; of those
    whose hearing was just held, some are sealed (ready for decision), some still running
    and some at the read-back: those are not held yet, so their procedure is still "hearing
    scheduled" (the status "hearing held" is reached only by sealing the Niederschrift)."""
    hearings = list(
        Hearing.objects.filter(procedure__status__in=HELD)
        .select_related("procedure")
        .order_by("pk")
    )
    for index, hearing in enumerate(hearings):
        if hearing.procedure.status != Status.HEARING_HELD:
            target = HearingState.SEALED
        else:
            target = (HearingState.SEALED, HearingState.RUNNING, HearingState.READ_BACK)[index % 3]
        if target != HearingState.SEALED:
            _not_held_yet(hearing.procedure)
        hearing.state = HearingState.RUNNING
        hearing.started_at = timezone.now()
        hearing.skeleton = "short" if index % 2 else "long"
        hearing.interviewer = interviewer
        hearing.rulebook = services.pinned_rulebook(hearing.date)
        hearing.save()
        script = SCRIPTS.get(hearing.procedure.country, DEFAULT_SCRIPT)
        for position, (speaker, text) in enumerate(script):
            services.add_segment(hearing, speaker, text, TAGS.get(position, []))
        services.refresh_panels(hearing)
        _decide_suggestions(hearing, rng)
        if target == HearingState.RUNNING:
            continue
        services.begin_read_back(hearing)
        if target == HearingState.READ_BACK:
            continue
        for segment in hearing.segments.all():
            services.confirm_segment(hearing, segment.number)
        if rng.random() < 0.5:
            services.correct_segment(
                hearing, 2, script[1][1] + " (Schreibweise korrigiert)", "Ortsname"
            )
        services.conclude(hearing, confirmed=True)
    return hearings


def _decide_suggestions(hearing: Hearing, rng: random.Random) -> None:
    """What an interviewer might have done with the assistant's offers."""
    for shown in hearing.suggestions.all():
        roll = rng.random()
        if roll < 0.5:
            services.set_fate(hearing, shown.pk, "used", "")
        elif roll < 0.7:
            services.set_fate(
                hearing, shown.pk, "dismissed", "bereits im freien Vortrag beantwortet"
            )
        elif roll < 0.85:
            services.set_fate(hearing, shown.pk, "skipped", "")


def _not_held_yet(procedure) -> None:
    """A hearing still running or at the read-back: the procedure stays "hearing scheduled"
    (demo history written before the status log is filled, so nothing logged changes)."""
    procedure.events.filter(status=Status.HEARING_HELD).delete()
    procedure.status = Status.HEARING_SCHEDULED
    procedure.save(update_fields=["status", "updated_at"])
