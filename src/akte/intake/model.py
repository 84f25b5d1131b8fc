"""The statistical model: TF-IDF over words and word pairs, a linear classifier per kind,
calibrated (scikit-learn's CalibratedClassifierCV with Platt scaling).

scikit-learn trains it (`python -m akte.intake.train`); the package ships its weights as
JSON (``data/model.json``), read here with plain Python: no pickle, nothing downloaded, and
scikit-learn is not needed to run Akte. `tests/intake/test_model.py` checks that these
probabilities are scikit-learn's own.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache

from akte.intake.config import data_dir

_WORD = re.compile(r"[a-zäöüß]{2,}|§")


def analyse(text: str) -> list[str]:
    """Lower-case words of two letters or more, and each pair of neighbours."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class Model:
    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.vocabulary: dict[str, int] = data["vocabulary"]
        self.idf: list[float] = data["idf"]
        self.folds = data[
            "folds"
        ]  # [{"coef": [[...]], "intercept": [...], "a": [...], "b": [...]}]

    def features(self, text: str) -> dict[int, float]:
        counts = Counter(t for t in analyse(text) if t in self.vocabulary)
        vector = {
            self.vocabulary[t]: (1 + math.log(n)) * self.idf[self.vocabulary[t]]
            for t, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {i: v / norm for i, v in vector.items()}

    def probabilities(self, text: str) -> dict[str, float]:
        x = self.features(text)
        total = [0.0] * len(self.classes)
        for fold in self.folds:
            scores = [
                sum(row[i] * v for i, v in x.items()) + b
                for row, b in zip(fold["coef"], fold["intercept"], strict=True)
            ]
            p = [
                1 / (1 + math.exp(max(min(a * s + c, 500), -500)))
                for s, a, c in zip(scores, fold["a"], fold["b"], strict=True)
            ]
            z = sum(p)
            p = [v / z for v in p] if z else [1 / len(p)] * len(p)
            total = [t + v for t, v in zip(total, p, strict=True)]
        return {k: t / len(self.folds) for k, t in zip(self.classes, total, strict=True)}


@cache
def shipped() -> Model | None:
    path = data_dir() / "model.json"
    if not path.is_file():
        return None
    return Model(json.loads(path.read_text(encoding="utf-8")))
