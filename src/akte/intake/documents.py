"""PDFs (text layer with pypdfium2, else OCR of the rendered pages) and page images (OCR).

Runs inside the child process of `akte.intake.sandbox`. Sizes are checked before anything is
decoded: the page count, the image header's width and height, the pixels a page would render to.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
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
    return _read_pages(_pdf_pages(pdf, pages, lim), pages, lim)


def _pdf_pages(pdf, pages: int, lim: Limits) -> Iterator[Image.Image | dict[str, Any]]:
    """Each page rendered for OCR when the pool asks for it, or the error that stops the read."""
    for index in range(pages):
        page = pdf[index]
        width, height = page.get_size()
        scale = OCR_DPI / 72
        if width * height * scale * scale > lim.max_pixels:
            scale = (lim.max_pixels / max(width * height, 1)) ** 0.5
        if scale < 0.5:  # a page too large to render legibly within the pixel limit
            yield _error(
                "intake.read.image_too_large", width=int(width), height=int(height),
                limit=lim.max_pixels,
            )  # fmt: skip
            return
        image = page.render(scale=scale, grayscale=True).to_pil()
        page.close()
        yield image


def _read_pages(
    images: Iterator[Image.Image | dict[str, Any]], pages: int, lim: Limits
) -> dict[str, Any]:
    """OCR of every page, `OCR_THREADS` at a time: a thread that is done takes the next page.

    The next page is rendered (or decoded) only when a thread is free, so at most
    `OCR_THREADS` page images are in memory. The first error (a page too large, a failed
    read) is the document's result.
    """
    started = time.monotonic()
    texts: dict[int, str] = {}
    running: dict[Future, int] = {}  # a page being read, and its number
    with ThreadPoolExecutor(max_workers=OCR_THREADS) as pool:
        for number, image in enumerate(images):
            if isinstance(image, dict):
                return _cancel(running, image)
            running[pool.submit(_ocr, image, lim, started)] = number
            if len(running) >= OCR_THREADS and (error := _collect(running, texts, FIRST_COMPLETED)):
                return _cancel(running, error)
        if error := _collect(running, texts, ALL_COMPLETED):
            return error
    return {"text_source": "ocr", "pages": pages, "page_texts": [texts[n] for n in sorted(texts)]}


def _collect(
    running: dict[Future, int], texts: dict[int, str], until: str
) -> dict[str, Any] | None:
    """Waits for the pages `until` says, files their texts; the first error, if any."""
    done, _ = wait(running, return_when=until)
    for future in done:
        number = running.pop(future)
        result = future.result()
        if "error" in result:
            return result
        texts[number] = result["text"]
    return None


def _cancel(running: dict[Future, int], error: dict[str, Any]) -> dict[str, Any]:
    for future in running:
        future.cancel()
    return error


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
    return _read_pages(_frames(image, frames, lim), frames, lim)


def _frames(image: Image.Image, frames: int, lim: Limits) -> Iterator[Image.Image | dict[str, Any]]:
    for frame in range(frames):
        try:
            image.seek(frame)
            w, h = image.size
            if w * h > lim.max_pixels:
                yield _error("intake.read.image_too_large", width=w, height=h, limit=lim.max_pixels)
                return
            image.load()
        except Image.DecompressionBombError:
            yield _error("intake.read.image_too_large", width=0, height=0, limit=lim.max_pixels)
            return
        except (OSError, ValueError, SyntaxError):
            yield _error("intake.read.broken_image")
            return
        yield image.copy()  # the next seek changes `image` while this frame is being read
