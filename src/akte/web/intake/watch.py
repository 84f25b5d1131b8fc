"""`akte intake watch DIR`: a drop folder. Each file that has stopped growing is received
(source "folder") and moved to DIR/received/ (or DIR/failed/ with a .reason file when it
could not even be stored); the same file dropped twice is recognised by its hash."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from akte.intake.side_by_side import in_order

from .models import Source
from .services import known_item, read_parts, receive

RECEIVED, FAILED = "received", "failed"


def sweep(folder: Path, echo: Callable[[str], None] = print, sizes: dict | None = None) -> int:
    """Receive the files lying in `folder` now; how many were handled. Two files are read at
    a time (`akte.intake.side_by_side`); they are stored one after the other, in name order."""
    handled = 0
    for path, data, parts in in_order(_read, _ready(folder, sizes)):
        target = folder / RECEIVED
        try:
            if data is None:
                raise OSError(path.name)
            item, new = receive(data, path.name, Source.FOLDER, parts=parts)
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


def _ready(folder: Path, sizes: dict | None) -> Iterator[tuple[Path, bytes | None, bool]]:
    """The files that have stopped growing, their bytes, and whether they came before (asked
    here, in the caller's thread, where the database connection lives)."""
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        size = path.stat().st_size
        if sizes is not None and sizes.get(path.name) != size:
            sizes[path.name] = size  # still being written: next round
            continue
        try:
            data = path.read_bytes()
        except OSError:
            yield path, None, True  # not readable: the sweep moves it to failed/
            continue
        yield path, data, known_item(data) is not None


def _read(ready: tuple[Path, bytes | None, bool]) -> tuple[Path, bytes | None, list | None]:
    path, data, known = ready
    return path, data, None if known or data is None else read_parts(data, path.name)


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
