"""Which procedure a document belongs to, and why: the office file number first, then a
court file number already on record, then the person search on the parties' names."""

from __future__ import annotations

import unicodedata

from akte.intake.filenumbers import normalise
from akte.matching.query import QueryError
from akte.web.cases.models import Procedure
from akte.web.search.people import person_index

#: parties whose names are searched (the applicant's side; never the state)
_APPLICANT_ROLES = (
    "kläger",
    "antragsteller",
    "beschwerdeführer",
    "berufungskläger",
    "revisionskläger",
)


def _plain(name: str) -> str:
    return " ".join(
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().split()
    )


def court_numbers_key(numbers: list[str]) -> str:
    return "".join(f"|{normalise(n)}" for n in numbers) + ("|" if numbers else "")


def match(result: dict) -> tuple[Procedure | None, list[dict]]:
    from .models import IntakeDocument

    for number in result.get("office_file_numbers", []):
        procedure = Procedure.objects.filter(file_number=number).first()
        if procedure:
            return procedure, [{"code": "match.office_file_number", "number": number}]
    for number in result.get("court_file_numbers", []):
        earlier = (
            IntakeDocument.objects.filter(
                procedure__isnull=False, court_numbers__contains=f"|{normalise(number)}|"
            )
            .select_related("procedure")
            .order_by("-pk")
            .first()
        )
        if earlier:
            return earlier.procedure, [{"code": "match.court_file_number", "number": number}]
    for party in result.get("parties", []):
        if not party["role"].lower().startswith(_APPLICANT_ROLES):
            continue
        try:
            found = person_index().search(party["name"], limit=5)
        except QueryError:
            continue
        # a letter names a person, nothing else: the match must be the spelling itself, and
        # the only person with that spelling (else a person decides)
        same = [c for c in found if _plain(c.spelling) == _plain(party["name"]) or c.likely_match]
        if len(same) > 1:
            return None, [
                {"code": "match.person_ambiguous", "name": party["name"], "count": len(same)}
            ]
        if not same:
            continue
        procedure = (
            Procedure.objects.filter(person_id=int(same[0].id)).order_by("-created_at").first()
        )
        if procedure:
            return procedure, [{"code": "match.person", "name": party["name"]}]
    return None, [{"code": "match.none"}]
