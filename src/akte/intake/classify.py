"""Which kind of document this is, and why: sender code, heading, wording, model, in that order.

The kinds, their GDS codes and the rules are data (``data/classification.yaml``); every result
carries its evidence as messages ("heading 'BESCHLUSS' on page 1", "sender's document class 007").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from akte.core.message import Message
from akte.intake import model as statistical
from akte.intake.config import data_dir
from akte.intake.xjustiz import code_list

HEADING_LINES = 40
HEADING_PAGES = 3
SENDER_CONFIDENCE = 0.99
HEADING_CONFIDENCE = 0.97
WORDING_CONFIDENCE = 0.9


@dataclass
class Classification:
    kind: str | None
    document_class: str | None
    document_type: str | None
    confidence: float
    evidence: list[Message] = field(default_factory=list)
    disagreement: bool = False


@dataclass(frozen=True)
class Rules:
    kinds: dict
    sender_classes: dict
    sender_types: dict
    headings: list  # (rule, kind, compiled line pattern, compiled title pattern)
    wording: list  # (rule, kind, compiled pattern, first_page)


@cache
def rules() -> Rules:
    data = yaml.safe_load((data_dir() / "classification.yaml").read_text(encoding="utf-8"))
    headings = []
    for h in data["headings"]:
        word = h["word"]
        line = re.compile(rf"^\W{{0,3}}(?:{word})\W{{0,3}}$", re.IGNORECASE)
        # "<court>, <kind> v. <date> - <file number>"; OCR may lose the comma ("= Fur
        # Gerichtsbescheid v. 18.05.2022 - S 39 ..."), then the date and the number must follow
        title = re.compile(
            rf"^[^\n]{{2,80}}(?:,\s*(?:{word})\s+v(?:om|\.)\s"
            rf"|\s(?:{word})\s+v(?:om|\.)\s*[0-3]?\d\.[^\n]{{4,30}}?\s?[-–]\s*\w)",
            re.IGNORECASE,
        )
        headings.append((h["rule"], h["kind"], line, title))
    wording = [
        (w["rule"], w["kind"], re.compile(w["phrase"], re.IGNORECASE), bool(w.get("first_page")))
        for w in data["wording"]
    ]
    for kind in [h[1] for h in headings] + [w[1] for w in wording]:
        assert kind in data["kinds"], f"classification.yaml: unknown kind {kind}"
    return Rules(data["kinds"], data["sender_classes"], data["sender_types"], headings, wording)


def _codes(kind: str) -> tuple[str, str | None]:
    entry = rules().kinds[kind]
    return entry["document_class"], entry.get("document_type")


def _unspace(line: str) -> str:
    """'B E S C H L U S S' -> 'BESCHLUSS' (a heading set in spaced letters)."""
    if re.fullmatch(r"(?:\w ){3,}\w", line.strip()):
        return line.replace(" ", "")
    return line


def heading(page_texts: list[str]) -> tuple[str, str, str, int] | None:
    """(rule, kind, line, page) of the first heading: on page 1 within its first lines, else
    on the next pages (a cover sheet, a printed web page's menus before the decision)."""
    for number, text in enumerate(page_texts[:HEADING_PAGES], 1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        for line in lines[:HEADING_LINES] if number == 1 else lines:
            plain = _unspace(line)
            for rule, kind, whole, title in rules().headings:
                if whole.match(plain) or title.match(plain):
                    return rule, kind, line[:120], number
    return None


def wording(page_texts: list[str]) -> tuple[str, str, str, int] | None:
    for rule, kind, pattern, first_page in rules().wording:
        pages = page_texts[:1] if first_page else page_texts
        for number, text in enumerate(pages, 1):
            m = pattern.search(text)
            if m:
                return rule, kind, re.sub(r"\s+", " ", m.group(0))[:120], number
    return None


def classify(page_texts: list[str], sender: dict | None = None) -> Classification:
    sender = sender or {}
    evidence: list[Message] = []
    text_kind, text_conf, text_evidence = _from_text(page_texts)
    code = sender.get("document_class")
    if code:
        classes = code_list("GDS.Dokumentklasse")
        types = code_list("GDS.Dokumenttyp")
        evidence.append(
            Message("intake.evidence.sender_code", {"code": code, "name": classes.get(code, "?")})
        )
        doc_type = sender.get("document_type")
        kind = rules().sender_types.get(doc_type or "") or rules().sender_classes.get(code)
        if doc_type:
            evidence.append(
                Message(
                    "intake.evidence.sender_type",
                    {"code": doc_type, "name": types.get(doc_type, "?")},
                )
            )
        result = Classification(kind, code, doc_type, SENDER_CONFIDENCE, evidence + text_evidence)
        if text_kind and kind and text_kind != kind and _codes(text_kind)[0] != code:
            result.disagreement = True
            result.evidence.append(
                Message("intake.evidence.disagreement", {"sender": kind, "text": text_kind})
            )
        return result
    if text_kind is None:
        return Classification(None, None, None, 0.0, [Message("intake.evidence.nothing")])
    document_class, document_type = _codes(text_kind)
    return Classification(text_kind, document_class, document_type, text_conf, text_evidence)


def _from_text(page_texts: list[str]) -> tuple[str | None, float, list[Message]]:
    probabilities = {}
    m = statistical.shipped()
    if m is not None and any(t.strip() for t in page_texts):
        probabilities = m.probabilities("\n".join(page_texts))
    found = heading(page_texts)
    if found:
        rule, kind, line, page = found
        evidence = [Message("intake.evidence.heading", {"heading": line, "page": page})]
        return kind, max(HEADING_CONFIDENCE, probabilities.get(kind, 0.0)), evidence
    said = wording(page_texts)
    if said:
        rule, kind, phrase, page = said
        evidence = [
            Message("intake.evidence.wording", {"rule": rule, "phrase": phrase, "page": page})
        ]
        return kind, max(WORDING_CONFIDENCE, probabilities.get(kind, 0.0)), evidence
    if probabilities:
        kind, p = max(probabilities.items(), key=lambda kv: kv[1])
        return (
            kind,
            p,
            [Message("intake.evidence.model", {"kind": kind, "probability": round(p, 3)})],
        )
    return None, 0.0, []
