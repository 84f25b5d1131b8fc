"""`akte bench intake`: the intake measured on real court decisions, against a plain baseline.

The 86 decisions of ``shared/testdata/court-decisions-dev`` (published HTML pages) are laid out
as PDFs with WeasyPrint (the decision's own text, without the site's navigation), and as
degraded page images (skewed, blurred, noisy, JPEG) for the OCR path. The page title names the
kind, date and file number: that is the truth, and it is never shown to the reader (the title
line of the Bavarian pages is part of the decision's text there, the BVerwG page title is not).

A fixed part is held out (``sha256(file name) % 3 == 0``): reported only in aggregate, never
per document. The baseline runs in the same pass: "which of URTEIL / BESCHLUSS /
GERICHTSBESCHEID comes first on page 1".
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile
from akte.intake import extract as facts
from akte.intake.filenumbers import normalise
from akte.intake.model import shipped
from akte.intake.pipeline import result
from akte.intake.read import Part, read_bytes
from akte.intake.side_by_side import WIDTH, in_order

CLASSES = ["Urteil", "Beschluss", "Gerichtsbescheid"]
_GOLD_KIND = {"Urteil": "Urteil", "Endurteil": "Urteil", "Beschluss": "Beschluss",
              "Hinweisbeschluss": "Beschluss", "Gerichtsbescheid": "Gerichtsbescheid"}  # fmt: skip
_BVERWG = re.compile(r"BVerwG (?P<az>.+?), (?P<kind>\w+) vom (?P<date>\d\d?\. \w+ \d{4})")
_BAYERN = re.compile(
    r" - (?P<court>.+?), (?P<kind>\w+) v\. (?P<date>\d\d\.\d\d\.\d{4}) – (?P<az>.+)$"
)
_COURT_PREFIX = re.compile(r"^(?:BVerwG|BVerfG|BGH|BSG|BFH|VG|OVG|VGH|LSG|SG|FG)\s+")


@dataclass
class Decision:
    name: str
    path: Path
    kind: str
    date: str
    number: str

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha256(self.name.encode()).hexdigest(), 16) % 3 == 0


def default_data() -> Path:
    return (
        Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "court-decisions-dev"
    )


def decisions(root: Path) -> list[Decision]:
    from lxml import html

    out = []
    for path in sorted(root.glob("*/*.html")):
        title = html.parse(str(path), html.HTMLParser(encoding="utf-8")).findtext(".//title") or ""
        title = " ".join(title.split())
        m = _BVERWG.search(title) or _BAYERN.search(title)
        if not m or m["kind"] not in _GOLD_KIND:
            continue
        date = facts.parse_date(m["date"])
        out.append(
            Decision(
                path.name,
                path,
                _GOLD_KIND[m["kind"]],
                date.isoformat() if date else "",
                m["az"].strip(),
            )
        )
    return out


def _content(path: Path) -> str:
    """The decision's own text as HTML, without the site around it and without resources."""
    from lxml import etree, html

    doc = html.parse(str(path), html.HTMLParser(encoding="utf-8")).getroot()
    # BVerwG: the decision itself (heading, file number, rubrum, tenor, reasons), without the
    # press summary, the key sentences, the citation box and earlier decisions (hidden) around it
    nodes = doc.xpath(
        "//div[@class='row entscheidung'][not(ancestor::*[contains(@class,'hiddendata')])]"
    )
    if not nodes:
        nodes = doc.xpath("//div[@id='content']")
    node = nodes[0]
    for bad in node.xpath(
        ".//script|.//style|.//img|.//link|.//iframe|.//*[@id='doc-toolbar']|.//h1[contains(@class,'sr-only')]"
    ):
        bad.getparent().remove(bad)
    for element in node.iter():
        if isinstance(element.tag, str):
            for attribute in ("style", "src", "href", "srcset"):
                element.attrib.pop(attribute, None)
    return etree.tostring(node, encoding="unicode", method="html")


def _published(path: Path) -> str:
    """The whole page as the site shows it (menus, summary, key sentences, citation box), as a
    PDF printed from the browser would have it: the harder case for the first-keyword rule."""
    from lxml import etree, html

    doc = html.parse(str(path), html.HTMLParser(encoding="utf-8")).getroot()
    body = doc.find("body")
    for bad in body.xpath(
        ".//script|.//style|.//img|.//link|.//iframe|.//svg|.//noscript|.//button|.//input|.//select"
    ):
        bad.getparent().remove(bad)
    for element in body.iter():
        if isinstance(element.tag, str):
            element.attrib.clear()
    return etree.tostring(body, encoding="unicode", method="html")


_PAGE = "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:2.2cm} body{font:11pt serif}</style></head><body>%s</body></html>"


def render_pdf(decision: Decision, cache: Path | None, whole_page: bool = False) -> bytes:
    target = cache / f"{decision.name}{'.page' if whole_page else ''}.pdf" if cache else None
    if target and target.is_file():
        return target.read_bytes()
    from weasyprint import HTML

    content = _published(decision.path) if whole_page else _content(decision.path)
    pdf = HTML(string=_PAGE % content, base_url=None).write_pdf()
    if target:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
    return pdf


def scan(pdf: bytes, pages: int, seed: int) -> bytes:
    """The first `pages` pages as a scanner gives them: 200 dpi, skewed, blurred, noisy, JPEG."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    r = random.Random(seed)
    document = pdfium.PdfDocument(pdf)
    images = []
    for index in range(min(pages, len(document))):
        image = document[index].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(r.uniform(-1.2, 1.2), expand=False, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(r.uniform(0.3, 0.8)))
        noise = _noise(image.size, r.uniform(12, 25), seed=r.getrandbits(32))
        image = Image.blend(image, noise, 0.12)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=r.randint(30, 50))
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def _noise(size: tuple[int, int], sigma: float, seed: int):
    """Gaussian grey noise around mid-grey, like `Image.effect_noise` but seeded, so that a
    scan, and the bench's OCR figures, are the same in every run."""
    import numpy as np
    from PIL import Image

    values = np.random.default_rng(seed).normal(128, sigma, (size[1], size[0]))
    return Image.fromarray(values.clip(0, 255).astype(np.uint8), mode="L")


def baseline(page_one: str) -> str | None:
    """Which of URTEIL / BESCHLUSS / GERICHTSBESCHEID comes first on page 1."""
    low = page_one.lower()
    found = [(low.find(w.lower()), w) for w in CLASSES if w.lower() in low]
    return min(found)[1] if found else None


def _same_number(predicted: list[str], gold: str) -> bool:
    if not predicted:
        return False
    return normalise(_COURT_PREFIX.sub("", predicted[0])) == normalise(_COURT_PREFIX.sub("", gold))


def scores(gold: list[str], predicted: list[str | None]) -> dict[str, Any]:
    per_class = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == c for p in predicted)
        n_gold = sum(g == c for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": n_gold,
        }
    present = [c for c in CLASSES if per_class[c]["support"]]
    macro = sum(per_class[c]["f1"] for c in present) / len(present) if present else 0.0
    confusion = {
        c: dict(
            Counter(
                (p if p in CLASSES else "other")
                for g, p in zip(gold, predicted, strict=True)
                if g == c
            )
        )
        for c in present
    }
    return {"macro_f1": round(macro, 3), "per_class": per_class, "confusion": confusion}


def _arm(items: list[tuple[Decision, bytes]], label: str) -> tuple[dict, list[dict]]:
    """Reads the items as the intake does (`side_by_side`: two documents at a time); the
    throughput is pages over the arm's wall-clock time, beside each document's own time."""

    def read(item: tuple[Decision, bytes]) -> tuple[Decision, Part, dict, float]:
        decision, data = item
        started = time.perf_counter()
        (part,) = list(read_bytes(f"{decision.name}.pdf", data))
        out = result(part)
        return decision, part, out, time.perf_counter() - started

    started = time.perf_counter()
    done = list(in_order(read, items))
    seconds = time.perf_counter() - started
    rows, pages, each = [], 0, []
    model = shipped()
    for decision, part, out, took in done:
        pages += out.get("pages", 0)
        each.append(took * 1000)
        page_one = part.page_texts[0] if part.page_texts else ""
        model_kind = None
        if model and part.page_texts:
            probabilities = model.probabilities(part.text)
            model_kind = max(probabilities, key=probabilities.get)
        rows.append({
            "decision": decision, "kind": out.get("kind"), "baseline": baseline(page_one), "model": model_kind,
            "number_ok": _same_number(out.get("court_file_numbers", []), decision.number),
            "date_ok": out.get("document_date") == decision.date, "error": out.get("error"),
            "predicted_number": (out.get("court_file_numbers") or [None])[0], "predicted_date": out.get("document_date"),
        })  # fmt: skip
    return {
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 2) if seconds else None,
        "documents_side_by_side": WIDTH,
        "document_p50_ms": round(percentile(each, 0.5), 1) if each else None,
        "document_p95_ms": round(percentile(each, 0.95), 1) if each else None,
        "path": label,
    }, rows


def _summary(rows: list[dict]) -> dict[str, Any]:
    gold = [r["decision"].kind for r in rows]
    system = scores(gold, [r["kind"] for r in rows])
    n = len(rows)
    return {
        "documents": n,
        "macro_f1": system["macro_f1"],
        "baseline_macro_f1": scores(gold, [r["baseline"] for r in rows])["macro_f1"],
        "model_only_macro_f1": scores(gold, [r["model"] for r in rows])["macro_f1"],
        "per_class": system["per_class"],
        "confusion": system["confusion"],
        "file_number_exact": round(sum(r["number_ok"] for r in rows) / n, 3) if n else None,
        "date_accuracy": round(sum(r["date_ok"] for r in rows) / n, 3) if n else None,
        "unreadable": sum(bool(r["error"]) for r in rows),
    }


def run(
    data: Path,
    cache: Path | None,
    ocr_documents: int,
    ocr_pages: int,
    show_dev: bool,
    whole_pages: bool = True,
) -> dict[str, Any]:
    corpus = decisions(data)
    rendered = [(d, render_pdf(d, cache)) for d in corpus]
    published = [(d, render_pdf(d, cache, whole_page=True)) for d in corpus] if whole_pages else []
    report: dict[str, Any] = {
        "machine": machine_info(),
        "data": str(data), "documents": len(corpus),
        "held_out_rule": "sha256(file name) % 3 == 0; reported in aggregate only",
        "kinds": dict(Counter(d.kind for d in corpus)),
    }  # fmt: skip
    for label, items in [
        ("text_layer", rendered),
        ("published_page", published),
        ("ocr", _scans(rendered, ocr_documents, ocr_pages)),
    ]:
        if not items:
            continue
        timing, rows = _arm(items, label)
        section = {"timing": timing}
        for split, chosen in [
            ("dev", [r for r in rows if not r["decision"].held_out]),
            ("held_out", [r for r in rows if r["decision"].held_out]),
        ]:
            section[split] = _summary(chosen)
        section["all"] = _summary(rows)
        if show_dev:
            section["dev_misses"] = [
                {"file": r["decision"].name, "gold": [r["decision"].kind, r["decision"].number, r["decision"].date],
                 "got": [r["kind"], r["predicted_number"], r["predicted_date"]]}
                for r in rows if not r["decision"].held_out and not (r["kind"] == r["decision"].kind and r["number_ok"] and r["date_ok"])
            ]  # fmt: skip
        report[label] = section
    return report


def _scans(
    rendered: list[tuple[Decision, bytes]], documents: int, pages: int
) -> list[tuple[Decision, bytes]]:
    if documents <= 0:
        return []
    # every third decision first, so a small sample still spans both sources and both splits
    chosen = (rendered[::3] + [x for i, x in enumerate(rendered) if i % 3])[:documents]
    return [(d, scan(pdf, pages, seed=i)) for i, (d, pdf) in enumerate(chosen)]
