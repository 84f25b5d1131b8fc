"""The shipped model's plain-Python probabilities are scikit-learn's own."""

from __future__ import annotations

import pytest

from akte.intake.corpus import corpus
from akte.intake.model import Model

sklearn = pytest.importorskip("sklearn")


def test_exported_weights_give_scikit_learns_probabilities():
    from akte.intake import train

    samples = corpus(per_kind=12, seed=3)
    data = train.train(samples)
    ours = Model(data)
    # refit the same pipeline to compare with predict_proba
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    texts, kinds = zip(*samples, strict=True)
    vectorizer = TfidfVectorizer(
        analyzer=train.analyse, sublinear_tf=True, min_df=2, max_features=4000
    )
    x = vectorizer.fit_transform(texts)
    model = CalibratedClassifierCV(LinearSVC(C=0.5), method="sigmoid", cv=3).fit(x, kinds)
    probe = [t for t, _ in corpus(per_kind=1, seed=99)]
    expected = model.predict_proba(vectorizer.transform(probe))
    for text, row in zip(probe, expected, strict=True):
        got = ours.probabilities(text)
        for kind, p in zip(model.classes_, row, strict=True):
            assert got[kind] == pytest.approx(p, abs=2e-3)
