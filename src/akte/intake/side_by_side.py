"""Documents read side by side, results in the order the documents came.

Reading a scan is Tesseract's work in child processes, so threads suffice here. Pages of one
document already share `OCR_THREADS` threads, but a document waits for its slowest page and
the next one starts only then; with two documents in flight the cores stay busy across that
gap. Only `width` results are held ahead of the caller.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: documents read at once (the machine has 2 cores; see `documents.OCR_THREADS`)
WIDTH = 2


def in_order(
    read: Callable[[Item], Result], items: Iterable[Item], width: int = WIDTH
) -> Iterator[Result]:
    """`read(item)` for each item, `width` at a time, yielded in the items' order."""
    if width <= 1:
        yield from map(read, items)
        return
    with ThreadPoolExecutor(max_workers=width) as pool:
        ahead: deque[Future[Result]] = deque()
        for item in items:
            ahead.append(pool.submit(read, item))
            if len(ahead) >= width:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
