"""Recording decisions (Bescheide), appeals and the courts' rulings. Each moves the
procedure itself (`transitions.on_event`) when the lifecycle allows it from where it is."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy

from .lifecycle import outcomes
from .lifecycle_models import FINAL_OUTCOMES, Appeal, AppealKind, Decision
from .models import Document, Procedure, Status
from .transitions import TransitionRefused, check, on_event


class DecisionRefused(ValueError):
    """What was wrong with a decision or appeal, for the person recording it."""


def outcome_choices() -> list[tuple[str, str]]:
    """`code` or `code:ground`, as the decision form offers them."""
    choices = []
    for code, outcome in outcomes().items():
        if outcome.grounds:
            choices += [
                (f"{code}:{g}", f"{OUTCOME_NAMES[code]}: {GROUND_NAMES[g]}")
                for g in outcome.grounds
            ]
        else:
            choices.append((code, str(OUTCOME_NAMES[code])))
    return choices


def version_for(choice: str, lodged_on: dt.date | None):
    code, _, ground = choice.partition(":")
    outcome = outcomes().get(code)
    if (
        outcome is None
        or (ground and ground not in outcome.grounds)
        or (outcome.grounds and not ground)
    ):
        raise DecisionRefused(str(gettext_lazy("Choose an outcome from the list.")))
    version = outcome.version(ground, lodged_on)
    if version is None:
        raise DecisionRefused(
            str(gettext_lazy("This outcome does not apply to an application lodged on %(date)s."))
            % {"date": lodged_on.strftime("%d.%m.%Y") if lodged_on else "–"}
        )
    return code, ground, version


@transaction.atomic
def record_decision(
    procedure: Procedure,
    user,
    *,
    choice: str,
    decided_on: dt.date,
    appeal_days: int,
    notified_on: dt.date | None,
    notified: list[str],
    document: Document | None,
) -> Decision:
    try:
        check(procedure, Status.DECIDED, event="decision_recorded")
    except TransitionRefused as exc:
        raise DecisionRefused(exc.message) from exc
    code, ground, version = version_for(choice, procedure.lodged_on)
    if notified_on and notified_on < decided_on:
        raise DecisionRefused(str(gettext_lazy("Notified before the decision was made?")))
    decision = Decision.objects.create(
        procedure=procedure,
        outcome=code,
        ground=ground,
        basis=version.basis,
        decided_on=decided_on,
        appeal_days=appeal_days,
        notified_on=notified_on,
        notified=",".join(dict.fromkeys(notified)),
        document=document,
        decided_by=user,
    )
    on_event(procedure, "decision_recorded", Status.DECIDED, user, _summary(decision))
    return decision


def _summary(decision: Decision) -> str:
    return (
        f"{decision.outcome}{':' + decision.ground if decision.ground else ''} ({decision.basis})"
    )


@transaction.atomic
def record_appeal(procedure: Procedure, user, **fields) -> Appeal:
    """An appeal lodged against the latest decision: the procedure goes to `appeal` (a
    second appeal on a pending one, e.g. the urgent application beside the action, adds
    no status entry)."""
    decision = procedure.decisions.order_by("-recorded_at", "-pk").first()
    if decision is None:
        raise DecisionRefused(str(gettext_lazy("There is no decision to appeal against.")))
    if fields.get("kind") not in AppealKind.values:
        raise DecisionRefused(str(gettext_lazy("Choose the type of proceedings.")))
    if fields["lodged_on"] < decision.decided_on:
        raise DecisionRefused(str(gettext_lazy("The appeal is dated before the decision.")))
    appeal = Appeal.objects.create(
        procedure=procedure, decision=decision, recorded_by=user, **fields
    )
    on_event(procedure, "appeal_lodged", Status.APPEAL, user, appeal.court_file_number)
    return appeal


@transaction.atomic
def record_court_outcome(appeal: Appeal, user, *, outcome: str, outcome_on: dt.date) -> Appeal:
    """The court's ruling. A ruling that ends the main proceedings moves the procedure:
    dismissed or withdrawn -> `final`; annulled or obliged -> back to `lodged` for a new
    decision. Urgent rulings change no status."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.outcome:
        raise DecisionRefused(str(gettext_lazy("The court's ruling is already recorded.")))
    urgent_only = {"granted", "refused"}
    if (appeal.kind == AppealKind.URGENT) != (outcome in urgent_only):
        raise DecisionRefused(
            str(gettext_lazy("This ruling does not fit the type of proceedings."))
        )
    if outcome_on < appeal.lodged_on:
        raise DecisionRefused(str(gettext_lazy("The ruling is dated before the appeal.")))
    appeal.outcome, appeal.outcome_on = outcome, outcome_on
    appeal.save(update_fields=["outcome", "outcome_on"])
    event = FINAL_OUTCOMES.get(outcome)
    if event:
        target = Status.FINAL if event == "court_final" else Status.LODGED
        on_event(appeal.procedure, event, target, user, f"{appeal.court_file_number}: {outcome}")
    return appeal


OUTCOME_NAMES = {
    "asylum": gettext_lazy("entitlement to asylum (Art. 16a GG)"),
    "refugee": gettext_lazy("refugee status"),
    "subsidiary": gettext_lazy("subsidiary protection"),
    "deportation_ban_5": gettext_lazy("deportation ban § 60 (5) AufenthG"),
    "deportation_ban_7": gettext_lazy("deportation ban § 60 (7) AufenthG"),
    "unfounded": gettext_lazy("rejected as unfounded"),
    "manifestly_unfounded": gettext_lazy("rejected as manifestly unfounded"),
    "inadmissible": gettext_lazy("inadmissible"),
    "discontinued_withdrawn": gettext_lazy("discontinued: application withdrawn"),
    "discontinued_not_pursued": gettext_lazy("discontinued: application not pursued"),
}
GROUND_NAMES = {
    "dublin": gettext_lazy("another Member State is responsible (Dublin)"),
    "protection_elsewhere": gettext_lazy("protection granted in another Member State"),
    "safe_third_country": gettext_lazy("safe third country"),
    "third_country": gettext_lazy("other third country"),
    "follow_up_no_new_elements": gettext_lazy("follow-up application without new elements"),
}
