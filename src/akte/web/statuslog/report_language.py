"""The Art. 15 access report in the applicant's language: the same language choice as the
status page (`applicant.page_language`: the applicant's first language Akte has words for),
the report's words from `access_report/<language>.yaml` (keys of
`akte.web.audit.report_words.TEXTS`; a key missing there is said in English), dates as the
status page writes them. Registered with the audit app in `apps.ready()`."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from akte.web.audit.report_words import ApplicantWords

from . import applicant


def _folder():
    return resources.files(__package__).joinpath("access_report")


@cache
def _texts(language: str) -> dict[str, str] | None:
    path = _folder().joinpath(f"{language}.yaml")
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("texts") or {}).items()}


def report_words(person_languages: list[str]) -> ApplicantWords | None:
    """The applicant's words: as the status page chooses (the applicant's first language Akte
    has a page in), of those with the report's words (a status page alone is not enough: the
    report would be all English); None when that is German or English."""
    for code in person_languages:
        language = applicant.supported(code)
        if language in ("de", "en"):
            return None
        if language is not None and _texts(language) is not None:
            return _words(language)
    return None


def _words(language: str) -> ApplicantWords:
    page = applicant.catalogue(language)
    return ApplicantWords(
        language=language,
        name=page.name,
        direction=page.direction,
        texts=_texts(language),
        moment=page.moment,
        author=page.author,
        reviewed=bool(page.reviewed_by),
    )
