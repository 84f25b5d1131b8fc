"""Export the Niederschrift as PDF (WeasyPrint) and DOCX (python-docx).

Both carry the same parts: header, numbered segments (a corrected segment is marked and its
correction stands in annex 1 beside the original), confirmation or refusal with reasons,
procedural notes, and annex 2 with the rulebook version, every suggestion with its fate,
and the checklist coverage.

The fixed texts are the caller's: `say` turns a code (`hearing.export.title`, declared in
`codes.py`) into words, e.g. `lambda m: akte.words.render(m, "de")` for the official record.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from akte.core.message import Message

from .codes import LABELS
from .record import Fate, HearingRecord, Speaker

Say = Callable[[Message], str]


@dataclass(frozen=True)
class ExportFrame:
    """What the printed record shows beside the sealed record: from the case file as it is
    now (the applicant's name may be corrected later; the seal does not cover it)."""

    applicant: str = ""
    birth_date: str = ""
    interviewer: str = ""  # the display name (the sealed header keeps the login)
    language: str = ""  # the language's name ("Paschtu", not "ps")
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer) as recorded
    draft: bool = False  # not sealed: DRAFT on every page
    author: str = ""  # the office, as the DOCX author


_FILE = re.compile(r"\b[\w.-]+/[\w./-]*?([\w-]+)\.(?:txt|md|yaml|yml|pdf|html)\b")


def readable_source(value: str) -> str:
    """A rule source that names a file of the repository ("reference/bamf-x.txt") reads as
    the document's name ("BAMF x"), not as a path."""

    def name(match: re.Match) -> str:
        words = match.group(1).replace("_", "-").split("-")
        return " ".join(w.upper() if len(w) <= 4 and w.isalpha() else w.capitalize() for w in words)

    return _FILE.sub(name, value or "")


def language_name(code: str, language: str) -> str:
    """The name of a language code in `language` (ICU): "ps" -> "Paschtu"."""
    import icu

    name = icu.Locale(code).getDisplayLanguage(icu.Locale(language)) if code else ""
    return name if name and name != code else code


_CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 15pt; margin-bottom: 0; } h2 { font-size: 12pt; margin-top: 14pt; }
h2 { break-after: avoid; } tr, .seg, .block { break-inside: avoid; } thead { display: table-header-group; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: 2pt 4pt; border-bottom: .5pt solid #aaa; }
.seg { margin: 4pt 0; } .num { color: #555; width: 2.5em; display: inline-block; }
.who { font-weight: bold; } .mark { color: #8a1c1c; font-size: 8.5pt; }
"""


def labels(say: Say) -> dict[str, str]:
    """Every fixed text of the Niederschrift said by `say` (fates under `fate.<fate>`)."""
    said = {label: say(Message(f"hearing.export.{label}")) for label in LABELS}
    for fate in Fate:
        said[f"fate.{fate.value}"] = say(Message(f"hearing.export.fate.{fate.value}"))
    return said


def _speaker(label: dict, speaker: Speaker) -> str:
    return label[f"{speaker.value}_speaker"]


def _fate(label: dict, suggestion) -> str:
    text = label[f"fate.{suggestion.fate.value}"]
    if suggestion.fate_reason:
        text += f": {suggestion.fate_reason}"
    if suggestion.answer_segment:
        text += f" ({label['answered']} {suggestion.answer_segment})"
    if suggestion.earlier:
        before = "; ".join(
            label[f"fate.{fate}"] + (f": {reason}" if reason else "")
            for fate, reason, _at in suggestion.earlier
        )
        text += f" ({label['earlier']}: {before})"
    return text


def _header_rows(record: HearingRecord, label: dict, frame: ExportFrame) -> list[tuple[str, str]]:
    h = record.header
    rows = [
        (label["file_number"], h.file_number),
        (label["applicant"], frame.applicant),
        (label["birth_date"], frame.birth_date),
        (label["date"], h.date.strftime("%d.%m.%Y")),
        (label["office"], h.office),
        (label["interviewer"], frame.interviewer or h.interviewer),
        (label["interpreter"], h.interpreter),
        (label["language"], frame.language or h.language),
    ]
    if h.others_present:
        rows.append((label["others"], ", ".join(h.others_present)))
    return [(k, v) for k, v in rows if v]


def _confirmation_text(record: HearingRecord, label: dict) -> str:
    c = record.confirmation
    if c is None:
        return label["not_confirmed"]
    if c.confirmed:
        return label["confirmed"]
    return f"{label['refused']} {c.refusal_reasons}"


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 3600:d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def recording_lines(record: HearingRecord, say: Say) -> list[tuple[str, str]]:
    """The recording annex: law, duration, the SHA-256 of the whole and of every chunk in
    full (64 lowercase hex characters), breaks and segment times. Empty without a recording."""
    r = record.recording
    if r is None:
        return []
    label = labels(say)
    lines = [
        (label["recording_law"], say(Message(f"hearing.recording.law.{r.law}"))),
        (label["duration"], f"{_clock(r.duration_s)} ({r.duration_s:.1f} s)"),
        (label["whole_hash"], r.sha256),
    ]
    for b in r.breaks:
        length = f"{b.seconds:.0f} s" if b.seconds is not None else "–"
        lines.append((label["break"], f"{_clock(b.at_s)}, {length}: {b.reason}"))
    for t in r.segment_times:
        lines.append((f"{label['segment']} {t.number}", f"{_clock(t.start_s)}–{_clock(t.end_s)}"))
    for number, digest in enumerate(r.chunks, start=1):
        lines.append((f"{label['chunk_hash']} {number}", digest))
    return lines


def _draft_css(label: dict) -> str:
    text = label["draft"].replace('"', "'")
    return f'@page {{ @top-center {{ content: "{text}"; color: #8a1c1c; font-weight: bold; }} }}'


def to_html(
    record: HearingRecord, say: Say, seal: str = "", frame: ExportFrame | None = None
) -> str:
    frame = frame or ExportFrame()
    label = labels(say)
    e = escape
    css = _CSS + (_draft_css(label) if frame.draft else "")
    parts = [
        f"<!doctype html><html lang='{e(label['html_lang'])}'><head><meta charset='utf-8'><title>{e(label['title'])} {e(record.header.file_number)}</title><style>{css}</style></head><body>",
        f"<h1>{e(label['title'])}</h1><p>{e(label['law'])}</p>",
    ]
    if frame.draft:
        parts.append(f"<p class='mark'><strong>{e(label['draft'])}</strong></p>")
    parts.append("<table>")
    parts += [
        f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _header_rows(record, label, frame)
    ]
    parts.append(f"</table><h2>{e(label['transcript'])}</h2>")
    for s in record.segments:
        mark = (
            f" <span class='mark'>[{e(label['corrected'])}]</span>"
            if record.corrections_for(s.number)
            else ""
        )
        parts.append(
            f"<p class='seg'><span class='num'>{s.number}.</span> "
            f"<span class='who'>{e(_speaker(label, s.speaker))}:</span> {e(s.text)}{mark}</p>"
        )
    if frame.answers:
        parts.append(f"<h2>{e(label['answers'])}</h2><table>")
        parts += [f"<tr><th>{e(q)}</th><td>{e(a)}</td></tr>" for q, a in frame.answers]
        parts.append("</table>")
    parts.append(
        f"<h2>{e(label['confirmation'])}</h2><div class='block'><p>{e(label['apr_confirmation'])}</p>"
        f"<p>{e(_confirmation_text(record, label))}</p><p>{e(label['signatures'])}</p></div>"
    )
    if record.procedural_notes:
        parts.append(f"<h2>{e(label['procedural'])}</h2><ul>")
        parts += [f"<li>{e(n)}</li>" for n in record.procedural_notes]
        parts.append("</ul>")
    parts.append(f"<h2>{e(label['corrections'])}</h2>")
    if record.corrections:
        parts.append(
            f"<table><thead><tr><th>{e(label['segment'])}</th><th>{e(label['corrected'])}</th><th>{e(label['reason'])}</th></tr></thead>"
        )
        parts += [
            f"<tr><td>{c.segment_number}</td><td>{e(c.text)}</td><td>{e(c.reason)}</td></tr>"
            for c in record.corrections
        ]
        parts.append("</table>")
    else:
        parts.append(f"<p>{e(label['no_corrections'])}</p>")
    parts.append(f"<h2>{e(label['annex'])}</h2><p>{e(label['annex_intro'])}</p>")
    parts.append(f"<p>{e(label['rulebook'])}: {e(record.header.rulebook)}</p>")
    parts.append(
        f"<table><thead><tr><th>{e(label['suggestion'])}</th><th>{e(label['reason'])}</th><th>{e(label['source'])}</th><th>{e(label['fate'])}</th></tr></thead>"
    )
    for s in record.suggestions:
        fate = _fate(label, s)
        parts.append(
            f"<tr><td>{e(s.text)}</td><td>{e(s.reason)}</td><td>{e(readable_source(s.source))}</td><td>{e(fate)}</td></tr>"
        )
    parts.append("</table>")
    if record.checklist:
        parts.append(f"<h2>{e(label['checklist'])}</h2><table>")
        for c in record.checklist:
            state = label["covered"] if c.covered else label["open"]
            where = ", ".join(str(n) for n in c.segments)
            parts.append(
                f"<tr><td>{e(c.label)}</td><td>{e(readable_source(c.source))}</td><td>{e(state)} {e(where)}</td></tr>"
            )
        parts.append("</table>")
    if record.recording is not None:
        parts.append(f"<h2>{e(label['recording_annex'])}</h2><table>")
        parts += [
            f"<tr><th>{e(k)}</th><td><code>{e(v)}</code></td></tr>"
            for k, v in recording_lines(record, say)
        ]
        parts.append("</table>")
    if seal:
        parts.append(f"<p><small>{e(label['seal'])}: {e(seal)}</small></p>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(
    record: HearingRecord, say: Say, seal: str = "", frame: ExportFrame | None = None
) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(record, say, seal, frame)).write_pdf()


# Characters XML 1.0 (and so a DOCX file) cannot hold: control characters but tab and newlines
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    """The same record with characters a DOCX cannot hold removed from every text."""
    if type(value) is str:  # not an enum such as Speaker, which is a str too
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, tuple):
        items = [_xml_safe(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # a Message
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def to_docx(
    record: HearingRecord, say: Say, seal: str = "", frame: ExportFrame | None = None
) -> bytes:
    from docx import Document

    frame = _xml_safe(frame or ExportFrame())
    record = _xml_safe(record)
    label = labels(say)
    doc = Document()
    doc.core_properties.title = f"{label['title']} {record.header.file_number}"
    doc.core_properties.author = frame.author or record.header.office
    if frame.draft:  # the header repeats on every page
        doc.sections[0].header.paragraphs[0].text = label["draft"]
    doc.add_heading(label["title"], level=1)
    doc.add_paragraph(label["law"])
    table = doc.add_table(rows=0, cols=2)
    for key, value in _header_rows(record, label, frame):
        row = table.add_row().cells
        row[0].text, row[1].text = key, value
    doc.add_heading(label["transcript"], level=2)
    for s in record.segments:
        p = doc.add_paragraph(f"{s.number}. ")
        p.add_run(f"{_speaker(label, s.speaker)}: ").bold = True
        p.add_run(s.text)
        if record.corrections_for(s.number):
            p.add_run(f" [{label['corrected']}]").italic = True
    if frame.answers:
        doc.add_heading(label["answers"], level=2)
        for question, answer in frame.answers:
            doc.add_paragraph(f"{question}: {answer}")
    doc.add_heading(label["confirmation"], level=2)
    doc.add_paragraph(label["apr_confirmation"])
    doc.add_paragraph(_confirmation_text(record, label))
    doc.add_paragraph(label["signatures"])
    if record.procedural_notes:
        doc.add_heading(label["procedural"], level=2)
        for note in record.procedural_notes:
            doc.add_paragraph(note, style="List Bullet")
    doc.add_heading(label["corrections"], level=2)
    if not record.corrections:
        doc.add_paragraph(label["no_corrections"])
    for c in record.corrections:
        doc.add_paragraph(
            f"{label['segment']} {c.segment_number}: {c.text} ({label['reason']}: {c.reason})"
        )
    doc.add_heading(label["annex"], level=2)
    doc.add_paragraph(label["annex_intro"])
    doc.add_paragraph(f"{label['rulebook']}: {record.header.rulebook}")
    for s in record.suggestions:
        fate = _fate(label, s)
        doc.add_paragraph(
            f"{s.text} | {label['reason']}: {s.reason} | {label['source']}: {readable_source(s.source)} | {label['fate']}: {fate}",
            style="List Bullet",
        )
    if record.checklist:
        doc.add_heading(label["checklist"], level=2)
        for c in record.checklist:
            state = label["covered"] if c.covered else label["open"]
            doc.add_paragraph(
                f"{c.label} ({readable_source(c.source)}): {state}", style="List Bullet"
            )
    if record.recording is not None:
        doc.add_heading(label["recording_annex"], level=2)
        for key, value in recording_lines(record, say):
            doc.add_paragraph(f"{key}: {value}")
    if seal:
        doc.add_paragraph(f"{label['seal']}: {seal}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
