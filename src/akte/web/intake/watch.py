"""`akte intake watch DIR`: a drop folder. Each file that has stopped growing is received
(source "folder") and moved to DIR/received/ (or DIR/failed/ with a .reason file when it
could not even be stored); the same file dropped twice is recognised by its hash."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .models import Source
from .services import receive

RECEIVED, FAILED = "received", "failed"


def sweep(folder: Path, echo: Callable[[str], None] = print, sizes: dict | None = None) -> int:
    """Receive the files lying in `folder` now; how many were handled."""
    handled = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        size = path.stat().st_size
        if sizes is not None and sizes.get(path.name) != size:
            sizes[path.name] = size  # still being written: next round
            continue
        target = folder / RECEIVED
        try:
            item, new = receive(path.read_bytes(), path.name, Source.FOLDER)
            echo(f"{path.name}: {'received' if new else 'received before'} as item {item.pk}, "
                 f"{item.documents.count()} document(s)")  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - one file must not stop the folder
            target = folder / FAILED
            (target).mkdir(exist_ok=True)
            (target / f"{path.name}.reason").write_text(f"{type(exc).__name__}", encoding="utf-8")
            echo(f"{path.name}: not received ({type(exc).__name__})")
        target.mkdir(exist_ok=True)
        path.replace(target / path.name)
        if sizes is not None:
            sizes.pop(path.name, None)
        handled += 1
    return handled


def watch(
    folder: Path, *, once: bool, interval: float, echo: Callable[[str], None] = print
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if once:
        sweep(folder, echo)
        return
    sizes: dict = {}
    while True:
        sweep(folder, echo, sizes)
        time.sleep(interval)
