"""Documents read two at a time, results in the documents' order."""

from __future__ import annotations

import threading

import pytest

from akte.intake.side_by_side import in_order


def test_results_keep_the_order_of_the_items_whatever_finishes_first():
    first_may_finish = threading.Event()

    def read(item: int) -> int:
        if item == 0:  # the first document is the slow one: it waits for the second
            assert first_may_finish.wait(10), "the second document was not read meanwhile"
        if item == 1:
            first_may_finish.set()
        return item * 10

    assert list(in_order(read, range(5))) == [0, 10, 20, 30, 40]


def test_no_more_than_width_documents_at_once():
    running, most, lock = 0, 0, threading.Lock()

    def read(item: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        threading.Event().wait(0.01)
        with lock:
            running -= 1
        return item

    assert list(in_order(read, range(12), width=2)) == list(range(12))
    assert most <= 2  # (that two do run at once is the first test)


def test_a_reader_that_fails_raises_at_its_place():
    def read(item: int) -> int:
        if item == 2:
            raise ValueError("broken reader")
        return item

    seen = []
    with pytest.raises(ValueError, match="broken reader"):
        for result in in_order(read, range(5)):
            seen.append(result)
    assert seen == [0, 1]


def test_width_one_reads_one_after_the_other():
    order = []
    assert list(in_order(lambda i: order.append(i) or i, range(3), width=1)) == [0, 1, 2]
    assert order == [0, 1, 2]
