"""What a document says about itself: its file numbers (own and cited), court, date,
deadlines and parties. Pure functions over the page texts; codes and values, no sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from akte.intake import filenumbers
from akte.intake.xjustiz import code_list

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11,
    "dezember": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
DATE = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)[ \t]*\.[ \t]*(?:(?P<m>[01]?\d)[ \t]*\.[ \t]*|(?P<mn>{_MONTH})[ \t]+)(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# lines that carry a copy's or the registry's date, not the document's own
_STAMP = re.compile(
    r"ausfertigung|ausgefertigt|beglaubigt|urkundsbeamt|eingang|eingegangen|zugestellt|"
    r"abschrift|geschäftsstelle|\bAZ\s*:",
    re.IGNORECASE,
)
_KINDS = r"(?:Urteil|Beschluss|Gerichtsbescheid|Endurteil|Hinweisbeschluss|Teilurteil)"
# where a decision names its own date, strongest first
_OWN_DATE = [
    re.compile(r"Verkündet\s+am\s*$", re.I),
    # a title line: "OLG München, Beschluss v. 24.01.2024 – 23 U 9287/21"
    re.compile(rf"(?:^|\n)[^\n,]{{2,80}},[ \t]*{_KINDS}[ \t]+(?:vom|v\.)[ \t]*$", re.I),
    re.compile(r"\bam\s*$", re.I),  # "am 27. März 2024 ... für Recht erkannt" (see _AM)
    re.compile(rf"{_KINDS}\s+(?:vom|v\.)\s*$", re.I),  # in the head; further down: a citation
    re.compile(r"(?:Verhandlung|Sitzung|Beratung)\s+vom\s*$", re.I),  # the hearing's date
    re.compile(
        r"(?:^|\n)[ \t]*[A-ZÄÖÜ][\wäöüß./ -]{1,40},\s+(?:den\s+)?$"
    ),  # "Potsdam, den 3. Mai 2024"
    re.compile(r"Datum:?\s*$", re.I),
]
_HEAD_ONLY = {1, 3, 5, 6}  # title, kind vom, place and date, Datum
_TITLE, TITLE_CHARS = 1, 300  # a title line is one of the page's first lines
_DECIDED = re.compile(r"\b(?:beschlossen|entschieden|für Recht erkannt|erkannt)\b", re.I)
#: how far after "am <date>" the decision's verb may come: on the same line further down; in
#: the head across the lines of the rubrum ("am 9. Januar 2024 / durch den Vorsitzenden ... /
#: beschlossen:"), as long as no other date comes between
_DECIDED_WITHIN, _DECIDED_WITHIN_HEAD = 160, 400
_AM, _KIND_VOM, _HEARING = 2, 3, 4  # the places of those patterns in _OWN_DATE

_ROLES = (
    r"Kläger(?:in|innen)?|Beklagte[rn]?|Antragsteller(?:in|innen)?|Antragsgegner(?:in)?|"
    r"Beigeladene[rn]?|Beschwerdeführer(?:in)?|Beschwerdegegner(?:in)?|Berufungskläger(?:in)?|"
    r"Revisionskläger(?:in)?|Kläger und Berufungskläger"
)
ROLE_LINE = re.compile(rf"^[ \t]*[-–][ \t]*(?P<role>{_ROLES})[ \t]*[-–]", re.I)
_BLOCK_START = re.compile(r"^gegen$|sache$|verfahren$|Rechtsstreit$|^In de[rnm]\b", re.I)
HEARING = re.compile(
    r"(?:Termin|mündliche[rn]? Verhandlung|Erörterungstermin|Verhandlungstermin)[^\n]{0,80}?"
    r"(?:am|auf)\s+(?:\w+,\s*(?:den\s+)?)?(?P<date>[0-3]?\d\.\s*(?:[01]?\d\.\s*|\w+\s+)(?:19|20)\d\d)"
    r"(?:[^\n\d]{0,20}(?P<time>[0-2]?\d[:.][0-5]\d)\s*Uhr)?",
    re.I,
)
PERIOD = re.compile(
    r"(?:binnen|innerhalb)\s+(?:von\s+)?(?P<period>(?:eines|einer|zwei|drei|vier|sechs|\d{1,2})\s+(?:Wochen|Woche|Monaten|Monats|Tagen))",
    re.I,
)
UNTIL = re.compile(r"\bbis\s+(?:zum\s+)?(?P<date>[0-3]?\d\.\s*[01]?\d\.\s*(?:19|20)\d\d)", re.I)

_COURT_WORDS = (
    r"Bundesverwaltungsgericht|Bundesverfassungsgericht|Bundesgerichtshof|Bundessozialgericht|"
    r"Bundesfinanzhof|Bundesarbeitsgericht|Bayerische[rn]? Verwaltungsgerichtshof|Bayerisches Oberstes Landesgericht|"
    r"(?:Oberverwaltungsgericht|Verwaltungsgerichtshof|Verwaltungsgericht|Oberlandesgericht|"
    r"Landgericht|Amtsgericht|Landessozialgericht|Sozialgericht|Finanzgericht|Landesarbeitsgericht|"
    r"Arbeitsgericht)(?:s|es)?(?:\s+(?:der Freien Hansestadt\s+|des Landes\s+|für das Land\s+)?[A-ZÄÖÜ][\wäöüß]+(?:[ -](?:am|an der|in der|im)\s+[A-ZÄÖÜ][\wäöüß]+|-[A-ZÄÖÜ][\wäöüß]+)?)?"
)
COURT = re.compile(rf"\b(?P<name>{_COURT_WORDS})")
_ABBREVIATED = {
    "BVerwG": "Bundesverwaltungsgericht", "BVerfG": "Bundesverfassungsgericht",
    "BGH": "Bundesgerichtshof", "BSG": "Bundessozialgericht", "BFH": "Bundesfinanzhof",
    "BayObLG": "Bayerisches Oberstes Landesgericht", "VGH München": "Bayerischer Verwaltungsgerichtshof",
    "VG": "Verwaltungsgericht", "OVG": "Oberverwaltungsgericht", "VGH": "Verwaltungsgerichtshof",
    "OLG": "Oberlandesgericht", "LG": "Landgericht", "AG": "Amtsgericht", "SG": "Sozialgericht",
    "LSG": "Landessozialgericht", "FG": "Finanzgericht",
}  # fmt: skip
COURT_SHORT = re.compile(
    r"(?<![\w-])(?P<abbr>BVerwG|BVerfG|BGH|BSG|BFH|BayObLG|VGH München|VG|OVG|VGH|OLG|LG|AG|SG|LSG|FG)"
    r"(?:\s+(?P<place>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)?(?:\s+II)?))?(?=[\s,])"
)
#: the part of page 1 where a document names itself: its heading, file number, court, date
HEAD_CHARS = 1500


@dataclass
class Extracted:
    court_file_numbers: list[str] = field(default_factory=list)
    cited_file_numbers: list[str] = field(default_factory=list)
    office_file_numbers: list[str] = field(default_factory=list)
    court: str | None = None
    document_date: str | None = None
    deadlines: list[dict] = field(default_factory=list)
    parties: list[dict] = field(default_factory=list)


def parse_date(raw: str) -> dt.date | None:
    m = DATE.search(raw)
    if not m:
        return None
    month = int(m["m"]) if m["m"] else MONTHS[m["mn"].lower()]
    try:
        return dt.date(int(m["y"]), month, int(m["d"]))
    except ValueError:
        return None


def document_date(text: str) -> str | None:
    """The date of the decision or letter itself, never a copy's stamp."""
    candidates = []
    for m in DATE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _STAMP.search(line):
            continue
        date = parse_date(m.group(0))
        if date is None:
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        strength = next((i for i, p in enumerate(_OWN_DATE) if p.search(before)), None)
        decided = strength in (_AM, _HEARING) and _decided_after(
            text, m.end(), m.start() <= HEAD_CHARS
        )
        if strength == _AM and not decided:
            strength = None  # "am <date>" counts where the decision follows ("... beschlossen")
        if strength == _HEARING and decided:
            strength = _AM  # "auf die mündliche Verhandlung vom <date> ... für Recht erkannt"
        if strength == _TITLE and m.start() > TITLE_CHARS:
            strength = _KIND_VOM  # "BVerwG, Urteil vom ..." further down: as any "Urteil vom"
        if strength in _HEAD_ONLY and m.start() > HEAD_CHARS:
            strength = None  # "Urteil vom <date>" further down cites another decision
        if strength is None and m.start() > HEAD_CHARS:
            continue
        candidates.append((strength if strength is not None else 9, m.start(), date))
    if not candidates:
        return None
    return min(candidates)[2].isoformat()


def _decided_after(text: str, end: int, in_head: bool) -> bool:
    """Whether the decision's verb follows the date at `end` (see `_DECIDED_WITHIN`)."""
    window = text[end : end + (_DECIDED_WITHIN_HEAD if in_head else _DECIDED_WITHIN)]
    if not in_head:
        window = window.split("\n", 1)[0]
    verb = _DECIDED.search(window)
    return verb is not None and not DATE.search(window, 0, verb.start())


def file_numbers(text: str, sender_numbers: list[str]) -> tuple[list[str], list[str]]:
    """(own, cited): the document's own numbers are the sender's, those labelled in the head and
    the first one in the head; every other number it names it merely cites."""
    found = filenumbers.court_file_numbers(text)
    own: list[str] = list(sender_numbers)
    head = [(n, at) for n, at in found if at < HEAD_CHARS]
    if head and not _cites(text, head[0][1]):
        own.append(head[0][0])
    for number, at in head:
        label = text[max(0, at - 25) : at]
        if re.search(
            r"(?:Az\.?|Aktenzeichen|Geschäftszeichen|Gz\.?)\s*:?\s*$", label, re.I
        ) and not _cites(text, at):
            own.append(number)
    own_keys = {filenumbers.normalise(n) for n in own}
    cited = [n for n, _ in found if filenumbers.normalise(n) not in own_keys]
    return _unique(own), _unique(cited)


def _cites(text: str, at: int) -> bool:
    before = text[max(0, at - 80) : at]
    return bool(
        re.search(r"Vorinstanz|vorgehend|vgl\.|Bezug|Ihr(?:e)? (?:Zeichen|Schreiben)", before, re.I)
    )


@cache
def _court_names() -> dict[str, str]:
    return {name.lower(): name for name in code_list("GDS.Gerichte").values()}


def court(head: str) -> str | None:
    """The court that speaks in the document's head, written as the court list writes it."""
    candidates = []
    for m in COURT.finditer(head):
        name = re.sub(r"^(\w+?gericht(?:shof)?)(?:es|s)\b", r"\1", m["name"])
        name = re.sub(r"^Bayerische[n]? ", "Bayerischer ", name)
        candidates.append((m.start(), name))
    for m in COURT_SHORT.finditer(head):
        abbr, place = m["abbr"], m["place"]
        full = _ABBREVIATED[abbr]
        if abbr in ("VG", "OVG", "VGH", "OLG", "LG", "AG", "SG", "LSG", "FG"):
            if not place:
                continue
            full = f"{full} {place}"
        candidates.append((m.start(), full))
    if not candidates:
        return None
    name = min(candidates)[1].strip()
    return _court_names().get(name.lower(), name)


def deadlines(text: str) -> list[dict]:
    out: list[dict] = []
    for m in HEARING.finditer(text):
        date = parse_date(m["date"])
        if date:
            out.append(
                {
                    "kind": "hearing",
                    "date": date.isoformat(),
                    "time": (m["time"] or "").replace(".", ":") or None,
                }
            )
    for m in UNTIL.finditer(text):
        date = parse_date(m["date"])
        if date:
            out.append({"kind": "until", "date": date.isoformat()})
    for m in PERIOD.finditer(text):
        out.append({"kind": "period", "period": re.sub(r"\s+", " ", m["period"])})
    return _unique_dicts(out)


_NOT_A_NAME = re.compile(
    r"Rechtsanw|Kanzlei|bevollmächtigt|vertreten|Prozessbevollm|^wegen\b", re.I
)
_SALUTATION = re.compile(r"^(?:des|der|die|dem|den)?\s*(?:Herrn|Frau|Herr)?\s*", re.I)


def _name(block: list[str]) -> str | None:
    for line in block:
        plain = _SALUTATION.sub("", line).strip(" ,")
        plain = re.split(r",|\bgeb\.|\bwohnhaft", plain, maxsplit=1)[0].strip(" -–")
        if _NOT_A_NAME.search(plain) or len(plain.split()) < 2 or not 2 <= len(plain) <= 120:
            continue
        return plain
    return None


def parties(text: str) -> list[dict]:
    """Each party named before its role line ("- Kläger -"): the first line of its block
    that reads as a name (two words or more, no counsel, no salutation)."""
    out = []
    block: list[str] = []
    for line in text[:8000].splitlines():
        line = line.strip()
        m = ROLE_LINE.match(line)
        if m:
            name = _name(block)
            if name:
                out.append({"role": m["role"], "name": name})
            block = []
        elif _BLOCK_START.search(line):
            block = []
        elif line:
            block = (block + [line])[-6:]
    return _unique_dicts(out)


def extract(page_texts: list[str], sender: dict | None = None) -> Extracted:
    text = "\n".join(page_texts)
    sender = sender or {}
    own_sender = [sender["court_file_number"]] if sender.get("court_file_number") else []
    own, cited = file_numbers(text, own_sender)
    office = filenumbers.office_file_numbers(text)
    if sender.get("office_file_number"):
        office = _unique([sender["office_file_number"], *office])
    head = (page_texts[0] if page_texts else "")[:HEAD_CHARS]
    return Extracted(
        court_file_numbers=own,
        cited_file_numbers=cited,
        office_file_numbers=office,
        court=sender.get("court") or court(head),
        document_date=sender.get("date") or document_date(text),
        deadlines=deadlines(text),
        parties=parties(text),
    )


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _unique_dicts(items: list[dict]) -> list[dict]:
    seen: dict = {}
    for item in items:
        seen.setdefault(tuple(sorted(item.items())), item)
    return list(seen.values())
