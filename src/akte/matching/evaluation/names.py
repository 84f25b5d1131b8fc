"""The real name table: Wikidata name items with their Latin and Arabic-script forms.

Source: the `rigour` package (OpenSanctions, MIT licence) ships `person_names.txt`, one
line per Wikidata item of a given or family name (`forms => QID`), with the forms that
Wikidata's labels and aliases give for it in many scripts; Wikidata's data is CC0. The
file is compiled into `rigour/_core*.so` as a zstd frame; `extract` finds it there (run
once, with the `zstd` command: `python -m akte.matching.evaluation.names PATH_TO_core.so`)
and keeps the items that have an Arabic-script form and two or more Latin forms that
differ beyond accents. The result is committed as `data/wikidata_name_variants.txt`
(tab-separated: QID, Latin forms, Arabic-script forms, each list joined by `|`).

The forms are real romanisations of one *name*, collected by Wikidata editors; they are
not spellings of one *person* (see docs/matching.md for what follows from that).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import icu

TABLE = Path(__file__).parent / "data" / "wikidata_name_variants.txt"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"^[^\W\d_]+(?:[ '\-ʼʿʾ][^\W\d_]+)*$")
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_fold = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")


@dataclass(frozen=True)
class NameItem:
    qid: str
    latin: tuple[str, ...]
    arabic: tuple[str, ...]


def _folded(form: str) -> str:
    return re.sub(r"[^a-z]", "", _fold.transliterate(form))


def _is_latin(form: str) -> bool:
    return bool(_LATIN.match(form)) and all(
        not ch.isalpha() or "LATIN" in _unicode_name(ch) for ch in form
    )


def _unicode_name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


def select(lines: list[str]) -> list[NameItem]:
    """Items with an Arabic-script form and two Latin forms that differ beyond accents."""
    items = []
    for line in lines:
        forms, _, qid = line.rstrip("\n").rpartition(" => ")
        if not qid.startswith("Q"):
            continue
        parts = forms.split(", ")
        arabic = tuple(f for f in parts if _ARABIC.search(f))
        # Czech/Slovak female surname forms are another name, not another spelling
        latin = tuple(f for f in parts if _is_latin(f) and not f.endswith(("ová", "ova")))
        if arabic and len({_folded(f) for f in latin}) >= 2:
            items.append(NameItem(qid, latin, arabic))
    return items


def extract(core_so: Path) -> list[str]:
    """The lines of `person_names.txt` from rigour's compiled core (needs `zstd`)."""
    data = Path(core_so).read_bytes()
    start = 0
    while (start := data.find(_ZSTD_MAGIC, start)) >= 0:
        out = subprocess.run(  # noqa: S603 - fixed command, input is bytes of a local file
            ["zstd", "-d", "-c"],  # noqa: S607
            input=data[start : start + 40_000_000],
            capture_output=True,
            check=False,
        ).stdout
        if b" => Q" in out[:2000]:
            return out.decode("utf-8").splitlines()
        start += 4
    raise ValueError(f"{core_so}: no person_names table found")


def write(items: list[NameItem], path: Path = TABLE) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(f"{item.qid}\t{'|'.join(item.latin)}\t{'|'.join(item.arabic)}\n")


@cache
def load(path: Path = TABLE) -> tuple[NameItem, ...]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        qid, latin, arabic = line.split("\t")
        items.append(NameItem(qid, tuple(latin.split("|")), tuple(arabic.split("|"))))
    return tuple(items)


if __name__ == "__main__":  # pragma: no cover - run once to refresh the table
    chosen = select(extract(Path(sys.argv[1])))
    write(chosen)
    print(f"{len(chosen)} items written to {TABLE}")
