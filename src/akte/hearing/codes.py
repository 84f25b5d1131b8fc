"""Every code akte.hearing emits, with its parameters (texts: akte/words/<language>/hearing.yaml)."""

CODES: dict[str, frozenset[str]] = {
    "hearing.reason.place_named": frozenset({"places"}),
    "hearing.reason.country_of_origin": frozenset(),
    "hearing.question.open_for": frozenset({"needs"}),
}
