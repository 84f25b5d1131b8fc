"""Hypothesis fuzzing of every parser that takes outside input (`akte bench fuzz`).

Each `Target` pairs a strategy of hostile inputs with a check that passes when the parser
gives a valid result or its documented error (with a message that says what and where),
and fails on any other exception. The default test run (`tests/fuzz/`) runs a modest number
of examples per target; `akte bench fuzz --examples 10000 --json` runs many and prints, per
parser, the examples run, the failures and the time. Hypothesis is a dev dependency.
"""
