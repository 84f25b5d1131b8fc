"""Build the shipped model: `python -m akte.intake.train` (needs scikit-learn, a dev dependency).

Trains TF-IDF + LinearSVC, calibrated with CalibratedClassifierCV (Platt scaling, 3 folds), on
the generated letters of `akte.intake.corpus` plus the corrections reviewers made (a JSON Lines
file of {"text", "kind"} given with --corrections), and writes the weights as JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from akte.intake.config import data_dir
from akte.intake.corpus import corpus
from akte.intake.model import analyse


def train(samples: list[tuple[str, str]]) -> dict:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    texts, kinds = zip(*samples, strict=True)
    vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=2, max_features=4000)
    x = vectorizer.fit_transform(texts)
    model = CalibratedClassifierCV(LinearSVC(C=0.5), method="sigmoid", cv=3)
    model.fit(x, kinds)
    folds = []
    for calibrated in model.calibrated_classifiers_:
        estimator = calibrated.estimator
        folds.append(
            {
                "coef": [[round(float(v), 5) for v in row] for row in estimator.coef_],
                "intercept": [round(float(v), 5) for v in estimator.intercept_],
                "a": [round(float(c.a_), 6) for c in calibrated.calibrators],
                "b": [round(float(c.b_), 6) for c in calibrated.calibrators],
            }
        )
    vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    return {
        "classes": [str(c) for c in model.classes_],
        "vocabulary": dict(sorted(vocabulary.items(), key=lambda kv: kv[1])),
        "idf": [round(float(v), 6) for v in vectorizer.idf_],
        "folds": folds,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=data_dir() / "model.json")
    parser.add_argument("--per-kind", type=int, default=80)
    parser.add_argument("--corrections", type=Path, help="JSON Lines of reviewers' corrections")
    args = parser.parse_args(argv)
    samples = corpus(args.per_kind)
    if args.corrections:
        for line in args.corrections.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                samples.append((item["text"], item["kind"]))
    data = train(samples)
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(f"wrote {args.out}: {len(data['classes'])} kinds, {len(data['idf'])} features")


if __name__ == "__main__":
    main()
