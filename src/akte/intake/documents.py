"""PDFs (text layer with pypdfium2, else OCR of the rendered pages) and page images (OCR).

Runs inside the child process of `akte.intake.sandbox`. Sizes are checked before anything is
decoded: the page count, the image header's width and height, the pixels a page would render to.
"""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PIL import Image

from akte.core.message import Message
from akte.intake import ocr
from akte.intake.config import Limits

#: a page with fewer characters than this in its text layer is treated as a scan
MIN_TEXT_CHARS = 40
#: pages are rendered for OCR at this resolution (dots per inch)
OCR_DPI = 200
#: pages of one document read by Tesseract side by side (one thread each; the machine has 2 cores)
OCR_THREADS = 2


def _error(code: str, **params: Any) -> dict[str, Any]:
    return {"error": Message(code, params)}


def read_pdf(name: str, data: bytes, lim: Limits) -> dict[str, Any]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            return _error("intake.read.encrypted")
        return _error("intake.read.broken_pdf")
    pages = len(pdf)
    if pages == 0:
        return _error("intake.read.broken_pdf")
    if pages > lim.max_pages:
        return _error("intake.read.too_many_pages", pages=pages, limit=lim.max_pages)
    texts = []
    for index in range(pages):
        page = pdf[index]
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    if sum(len(t.strip()) for t in texts) >= MIN_TEXT_CHARS * pages:
        return {"text_source": "text", "pages": pages, "page_texts": texts}
    started = time.monotonic()
    ocr_texts: list[str] = []
    for first in range(0, pages, OCR_THREADS):  # a few pages rendered at a time, read side by side
        images = []
        for index in range(first, min(first + OCR_THREADS, pages)):
            page = pdf[index]
            width, height = page.get_size()
            scale = OCR_DPI / 72
            if width * height * scale * scale > lim.max_pixels:
                scale = (lim.max_pixels / max(width * height, 1)) ** 0.5
            if scale < 0.5:  # a page too large to render legibly within the pixel limit
                return _error(
                    "intake.read.image_too_large",
                    width=int(width),
                    height=int(height),
                    limit=lim.max_pixels,
                )
            images.append(page.render(scale=scale, grayscale=True).to_pil())
            page.close()
        with ThreadPoolExecutor(max_workers=OCR_THREADS) as pool:
            results = list(pool.map(lambda image: _ocr(image, lim, started), images))
        for result in results:
            if "error" in result:
                return result
            ocr_texts.append(result["text"])
    return {"text_source": "ocr", "pages": pages, "page_texts": ocr_texts}


def _ocr(image: Image.Image, lim: Limits, started: float) -> dict[str, Any]:
    left = max(lim.timeout - (time.monotonic() - started), 1.0)
    try:
        return {"text": ocr.page_text(image, timeout=left)}
    except ocr.OcrError:
        return _error("intake.read.ocr_failed")


def read_image(name: str, data: bytes, lim: Limits) -> dict[str, Any]:
    Image.MAX_IMAGE_PIXELS = None  # the header is checked here, with its width and height
    try:
        image = Image.open(io.BytesIO(data))  # reads the header only
        width, height = image.size
    except (OSError, ValueError, SyntaxError):
        return _error("intake.read.broken_image")
    if width * height > lim.max_pixels:
        return _error(
            "intake.read.image_too_large", width=width, height=height, limit=lim.max_pixels
        )
    Image.MAX_IMAGE_PIXELS = lim.max_pixels  # and Pillow's own check for every frame
    frames = getattr(image, "n_frames", 1)
    if frames > lim.max_pages:
        return _error("intake.read.too_many_pages", pages=frames, limit=lim.max_pages)
    started = time.monotonic()
    texts = []
    for frame in range(frames):
        try:
            image.seek(frame)
            w, h = image.size
            if w * h > lim.max_pixels:
                return _error(
                    "intake.read.image_too_large", width=w, height=h, limit=lim.max_pixels
                )
            image.load()
        except Image.DecompressionBombError:
            return _error("intake.read.image_too_large", width=0, height=0, limit=lim.max_pixels)
        except (OSError, ValueError, SyntaxError):
            return _error("intake.read.broken_image")
        result = _ocr(image, lim, started)
        if "error" in result:
            return result
        texts.append(result["text"])
    return {"text_source": "ocr", "pages": frames, "page_texts": texts}
