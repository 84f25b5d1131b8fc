"""Every code akte.rules emits, with its parameters (texts: akte/words/<language>/rules.yaml).

A parameter named `problem` or `reason` may itself be a message; `akte.words.render` says it
first. Raw values (`raw`) are shown as Python writes them (`'five'`).
"""

_RAW = frozenset({"raw"})

CODES: dict[str, frozenset[str]] = {
    # input values (FactValueError)
    "rules.value.unknown_fact": frozenset({"fact"}),
    "rules.value.derived_fact": frozenset({"fact"}),
    "rules.value.of_fact": frozenset({"fact", "problem"}),
    "rules.value.expected_boolean": _RAW,
    "rules.value.expected_integer": _RAW,
    "rules.value.expected_number": _RAW,
    "rules.value.expected_text": _RAW,
    "rules.value.expected_date": _RAW,
    "rules.value.expected_partial_date": _RAW,
    "rules.value.not_a_partial_date": frozenset({"raw", "reason"}),
    "rules.value.expected_choice": frozenset({"choices", "raw"}),
    "rules.value.expected_choices": frozenset({"choices", "raw"}),
    "rules.value.expected_country": _RAW,
    "rules.value.expected_place": _RAW,
    "rules.value.unknown_type": frozenset({"kind"}),
    # questions
    "rules.question.needed_for": frozenset({"goals"}),
}
