"""File numbers: the office's (NNNNNNN-CCC) and the courts' (Aktenzeichen) of every branch.

Court file numbers look alike across branches: an optional court or location prefix, the
chamber or senate (a number, or a Roman numeral at the federal courts), the register, the
running number and the year (``1234/23``, ``23.31234``, ``26.20``), and suffixes:

    A 5 K 1234/23     6 K 1234/23.A    M 12 K 23.31234    VG 31 K 123.23 A    1 B 789/24
    3 L 123/16.GI.A   2 O 123/20       L 7 AS 123/19 B ER  1 BvR 123/20       I ZR 12/20
    BVerwG 1 C 26.20  18 KLs 505 Js 1651/21   34 Wx 240/23 e   1 W-VR 20.23

OCR and line breaks put stray dots, commas or breaks between the parts (``3.M 41.19``), or drop
a space (``A5 K``); the number is given back in its written form, parts joined by one space.
"""

from __future__ import annotations

import re

_SEP = r"[ \t]*[\n.,]?[ \t]*"  # between parts: spaces, or a line break / stray dot from OCR
_GAP = r"[ \t]*\n?[ \t]*"
_PREFIX = r"(?:(?P<court>BVerwG|BVerfG|BSG|BFH|BGH|BAG|OVG|VGH|LSG|VG|SG|FG)[ \t]*(?=[\dIVX])|(?P<place>[A-Z][a-z]?|RN|AN|RO|MN)[ \t]*(?=\d))?"
_CHAMBER = r"(?P<chamber>\d{1,3}|[IVX]{1,5})"
_REGISTER = r"(?P<register>[A-Z][A-Za-z]{0,4}(?:-[A-Z]{1,3})?|(?<=\s)0(?=[ \t]+\d{1,6}/\d\d\b))"  # OCR: 0 for O
_JS = r"(?:(?P<js>\d{1,4}[ \t]+Js)[ \t]+)?"
_NUMBER = r"(?P<number>\d{1,6})(?P<sep>[ \t]*[/.][ \t]*)(?P<year>\d{2,5})"
_DOTTED = r"(?P<dotted>(?:\.[A-Z]{1,3}\b)*)"
_SUFFIX = r"(?P<suffix>(?:[ \t]+(?:B[ \t]+ER|ER|EA|A|e|Hei|Bau[ \t]+e|Bau)\b(?![ \t]*[-/.]?\d))*(?:[ \t]+\(\d{1,2}\))?)"
#: registers only the social courts use; their numbers always begin with S (Sozialgericht) or
#: L (Landessozialgericht), which OCR reads as 5 or 1 glued to the chamber
_SOCIAL_REGISTERS = {
    "AL",
    "AS",
    "AY",
    "BA",
    "BK",
    "EG",
    "KA",
    "KR",
    "KS",
    "SB",
    "SF",
    "SO",
    "VE",
    "VG",
    "VH",
    "VJ",
    "VK",
    "VS",
    "VU",
}
_OCR_SOCIAL = {"5": "S", "1": "L"}
_REGISTER_WORDS = {"Nr", "Rn", "Abs", "Art", "Bl", "Az", "Rz", "Ziff"}

COURT_FILE_NUMBER = re.compile(
    # a dash before it only as a separator ("v. 24.10.2023 -9 WF", "v. 18.12.2023-12 O")
    r"(?<![\w/.])(?:(?<![\w/.]-)|(?<=(?:19|20)\d\d-))"
    + _PREFIX
    + _CHAMBER
    + _SEP
    + _REGISTER
    + _SEP
    + _JS
    + _NUMBER
    + _DOTTED
    + _SUFFIX
    + r"(?![\w/])"
)
OFFICE_FILE_NUMBER = re.compile(r"(?<![\d-])(\d{7})[ \t]*-[ \t]*(\d{3})(?![\d-])")


def office_file_numbers(text: str) -> list[str]:
    return _unique(f"{a}-{b}" for a, b in OFFICE_FILE_NUMBER.findall(text))


#: a title line "<court>, <kind> v. <date> – <number>" whose number lost the space before the
#: civil register O, read as 0: "v. 06.12.2023- 10 1722/22 Hei" for "1 O 1722/22 Hei"
_TITLE_GLUED_O = re.compile(
    r"(?m)^(?P<title>[^\n,]{2,80},[ \t]*\w+[ \t]+v(?:om|\.)[ \t]*[\d.]{8,10}[ \t]*[-–][ \t]*)"
    r"(?P<chamber>\d{1,2})0(?=[ \t]+\d{1,6}/\d\d\b)"
)


def court_file_numbers(text: str) -> list[tuple[str, int]]:
    """Each court file number in `text`, normalised, with where it starts (first ones first)."""
    found = []
    text = _TITLE_GLUED_O.sub(r"\g<title>\g<chamber> O", text)  # later positions move by one
    for m in COURT_FILE_NUMBER.finditer(text):
        register = "O" if m["register"] == "0" else m["register"]
        if register in _REGISTER_WORDS:
            continue
        number, sep, year = m["number"], m["sep"].strip(), m["year"]
        if sep == "/" and len(year) != 2:
            continue
        if sep == "." and len(year) != 2 and len(number) != 2:  # 123.23 or 23.31234
            continue
        place, chamber = m["court"] or m["place"] or "", m["chamber"]
        if (
            not place
            and register in _SOCIAL_REGISTERS
            and chamber[0] in _OCR_SOCIAL
            and chamber[1:]
        ):
            place, chamber = _OCR_SOCIAL[chamber[0]], chamber[1:]  # "549 KA" was "S 49 KA"
        parts = [place, chamber, register]
        if m["js"]:
            parts.append(re.sub(r"[ \t]+", " ", m["js"]))
        head = " ".join(p for p in parts if p)
        number = f"{number}{sep}{year}{m['dotted']}"
        suffix = re.sub(r"[ \t]+", " ", m["suffix"]).rstrip()
        found.append((f"{head} {number}{suffix}", m.start()))
    return found


def normalise(number: str) -> str:
    """The form two spellings of one number share (spaces, case and stray dots aside)."""
    return re.sub(r"[\s.,]+", "", number).upper()


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
