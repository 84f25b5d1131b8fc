"""XJustiz messages: version, validation against the version's schema, the sender's metadata.

The parser resolves no entities, loads no DTD, reaches no network and refuses huge trees; a
message with a DOCTYPE is refused outright (XJustiz has none; XXE and billion laughs need one).
An invalid message is still read as far as it goes, and every schema error is kept with its
line and element, so the message can be shown, never dropped.

Where the metadata sits differs between versions: 3.6.2 nests sender and recipient
(``absender/informationen/…``, ``empfaenger/auswahl_aktenzeichen/…``), 3.2.1 to 3.5.1 list
them flat (``auswahl_absender/absender.gericht``, ``aktenzeichen.absender``, …).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from lxml import etree

from akte.core.message import Message
from akte.intake.config import Limits, data_dir

NS = "http://www.xjustiz.de"
X = {"x": NS}
ENTRY_SCHEMAS = {
    "3.2.1": "xjustiz_0005_nachrichten_3_0.xsd",
    "3.4.1": "xjustiz_0005_nachrichten_3_0.xsd",
    "3.5.1": "xjustiz_0005_nachrichten_3_1.xsd",
    "3.6.2": "xjustiz_0005_nachrichten_3_2.xsd",
}
# where each version keeps the sender's court, its file number and the office's file number
_PATHS = {
    "nested": {
        "court": "x:nachrichtenkopf/x:absender/x:informationen/x:auswahl_kommunikationspartner/x:gericht/code",
        "court_file_number": "x:nachrichtenkopf/x:absender/x:aktenzeichen",
        "office_file_number": "x:nachrichtenkopf/x:empfaenger/x:auswahl_aktenzeichen/x:aktenzeichen.freitext",
    },
    "flat": {
        "court": "x:nachrichtenkopf/x:auswahl_absender/x:absender.gericht/code",
        "court_file_number": "x:nachrichtenkopf/x:aktenzeichen.absender",
        "office_file_number": "x:nachrichtenkopf/x:aktenzeichen.empfaenger",
    },
}
_FALLBACK = {
    "court": "x:grunddaten//x:instanzdaten/x:auswahl_instanzbehoerde/x:gericht/code",
    "court_file_number": "x:grunddaten//x:instanzdaten/x:aktenzeichen//x:aktenzeichen.freitext",
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@cache
def schema(version: str) -> etree.XMLSchema:
    path = data_dir() / "xsd" / version / ENTRY_SCHEMAS[version]
    return etree.XMLSchema(etree.parse(str(path), _parser()))


@cache
def code_list(name: str) -> dict[str, str]:
    """A code list shipped in data/codelists: code -> value (e.g. '006' -> 'Urteil')."""
    (path,) = (data_dir() / "codelists").glob(f"{name}_*.json")
    rows = json.loads(path.read_text(encoding="utf-8"))["daten"]
    return {row[0]: row[1] for row in rows}


def _text(node: etree._Element, path: str) -> str | None:
    found = node.find(path, X)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)


def _element(message: str) -> str:
    """The element a schema error is about ("Element '{ns}akteneinsicht': ..." -> akteneinsicht)."""
    found = _ELEMENT.search(message)
    return found.group(1) if found else ""


def read_message(name: str, data: bytes, lim: Limits) -> dict[str, Any]:
    if _DOCTYPE.search(data):
        return {"error": Message("intake.xjustiz.doctype")}
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return {
            "error": Message(
                "intake.xjustiz.malformed", {"line": exc.lineno or 0, "detail": exc.msg[:200]}
            )
        }
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        return {"error": Message("intake.xjustiz.doctype")}
    if etree.QName(root).namespace != NS:
        return {"error": Message("intake.xjustiz.not_xjustiz")}
    head = root.find("x:nachrichtenkopf", X)
    version = head.get("xjustizVersion", "") if head is not None else ""
    errors: list[Message] = []
    if version not in ENTRY_SCHEMAS:
        errors.append(Message("intake.xjustiz.unknown_version", {"version": version[:20]}))
    else:
        checker = schema(version)
        if not checker.validate(root):
            for entry in checker.error_log:
                errors.append(
                    Message(
                        "intake.xjustiz.schema_error",
                        {
                            "line": entry.line,
                            "element": _element(entry.message),
                            "detail": entry.message[:300],
                        },
                    )
                )
    paths = _PATHS["nested" if version.startswith("3.6") else "flat"]
    meta = {key: _text(root, path) for key, path in paths.items()}
    for key, path in _FALLBACK.items():
        meta[key] = meta[key] or _text(root, path)
    documents = []
    for number, doc in enumerate(root.iterfind(".//x:schriftgutobjekte//x:dokument", X), 1):
        special = doc.find("x:xjustiz.fachspezifischeDaten", X)
        special = special if special is not None else doc
        files = [
            (f.text or "").strip()
            for f in special.iterfind("x:datei/x:dateiname", X)
            if (f.text or "").strip()
        ]
        documents.append(
            {
                "number": number,
                "document_class": _text(special, "x:dokumentklasse/code"),
                "document_type": _text(special, "x:dokumententyp/code"),
                "display_name": _text(special, "x:anzeigename"),
                "date": _text(doc, "x:datumDesSchreibens"),
                "office_file_number": _text(doc, "x:fremdesGeschaeftszeichen"),
                "files": files,
            }
        )
    courts = code_list("GDS.Gerichte")
    return {
        "version": version,
        "valid": not errors,
        "errors": errors,
        "court_code": meta["court"],
        "court": courts.get(meta["court"] or ""),
        "court_file_number": meta["court_file_number"],
        "office_file_number": meta["office_file_number"],
        "documents": documents,
    }
