"""Rules-as-code engine: dated rulebooks, evaluation, explanations (plain Python, no Django).

    from akte.rules import Rulebook, RulebookError, UNKNOWN

    rulebook = Rulebook.load("rulebooks/dublin-iii")
    evaluation = rulebook.evaluate(facts, as_of=date(2019, 6, 1))
    evaluation.set("absconded", True)          # incremental re-evaluation
    evaluation.explain("transfer_deadline").lines()  # messages; .render(say) says them

See docs/rules.md. Names are imported lazily so that `akte` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from akte.rules.evaluation import Evaluation
    from akte.rules.model import RulebookError
    from akte.rules.rulebook import Rulebook
    from akte.rules.values import UNKNOWN, FactValueError

_EXPORTS = {
    "Rulebook": "akte.rules.rulebook",
    "RulebookError": "akte.rules.model",
    "Evaluation": "akte.rules.evaluation",
    "UNKNOWN": "akte.rules.values",
    "FactValueError": "akte.rules.values",
}
__all__ = ["Evaluation", "FactValueError", "Rulebook", "RulebookError", "UNKNOWN"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'akte.rules' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
