"""German OCR with Tesseract (Debian's `tesseract-ocr` and `tesseract-ocr-deu`).

The `tesseract` command is run once per page image, inside the document's child process, so
the child's memory and time limits hold for it too. One thread (``OMP_THREAD_LIMIT=1``): the
documents are read side by side, not one page with two threads.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess

from PIL import Image

LANGUAGE = "deu"


class OcrError(Exception):
    pass


def available() -> bool:
    return shutil.which("tesseract") is not None


def page_text(image: Image.Image, timeout: float) -> str:
    """The text Tesseract reads on one page image (German model, automatic layout)."""
    if not available():
        raise OcrError("tesseract is not installed")
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", compress_level=1)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, the image on stdin
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"],  # noqa: S607
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError("timeout") from exc
    if done.returncode != 0:
        raise OcrError(done.stderr.decode("utf-8", "replace")[-300:])
    return done.stdout.decode("utf-8", "replace")
