"""Read each document in a child process of its own, under time and memory limits.

A PDF that decompresses into gigabytes, an image of 50,000 x 50,000 pixels or a parser that
loops must not take the reader with it: the child gets an address-space limit and a CPU-time
limit (``resource.setrlimit``) and the parent a wall-clock deadline, after which it kills the
child. Whatever happens, the caller gets a result or a `Message` saying why there is none, and
the next document is read by a fresh child.

Children are forked from a fork server that has imported the readers once (``forkserver``),
so a child costs a fork, not an interpreter start, and carries no threads or connections of
the caller (a web worker, a test run).
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
from typing import Any

from akte.core.message import Message
from akte.intake.config import Limits, limits

_context = None


def _ctx():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        # "__main__" too: the fork server then runs the main script once, not each child
        _context.set_forkserver_preload(["__main__", "akte.intake.worker"])
    return _context


def _child(conn, task: str, name: str, data: bytes, lim: Limits) -> None:
    memory = lim.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(lim.timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    from akte.intake import worker

    try:
        result = worker.TASKS[task](name, data, lim)
    except MemoryError:
        result = {"error": Message("intake.read.memory_limit", {"megabytes": lim.memory_mb})}
    except Exception:  # noqa: BLE001 - a reader's bug must not look like a document's content
        result = {"error": Message("intake.read.crashed", {"exitcode": 1})}
    conn.send(_plain(result))
    conn.close()


_MESSAGE = "__message__"


def _plain(value: Any) -> Any:
    """Messages as plain dicts, so that the result pickles across the pipe."""
    if isinstance(value, Message):
        return {_MESSAGE: value.code, "params": _plain(dict(value.params))}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _revive(value: Any) -> Any:
    if isinstance(value, dict):
        if _MESSAGE in value:
            return Message(value[_MESSAGE], _revive(value["params"]))
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


def run(task: str, name: str, data: bytes, lim: Limits | None = None) -> dict[str, Any]:
    """`worker.TASKS[task](name, data)` in a child; on any failure ``{"error": Message}``."""
    lim = lim or limits()
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, task, name, data, lim), daemon=True)
    child.start()
    send.close()
    result: dict[str, Any] | None = None
    answered = False
    try:
        answered = receive.poll(lim.timeout)
        if answered:
            result = _revive(receive.recv())
    except (EOFError, OSError):  # the child died before it answered
        result = None
    finally:
        receive.close()
    if not answered:
        child.kill()
        child.join()
        return {"error": Message("intake.read.time_limit", {"seconds": int(lim.timeout)})}
    child.join(5)
    if child.is_alive():
        child.kill()
        child.join()
    if result is not None:
        return result
    code = child.exitcode
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"error": Message("intake.read.time_limit", {"seconds": int(lim.timeout)})}
    if code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        # native code that cannot get memory under the limit aborts rather than raising
        return {"error": Message("intake.read.memory_limit", {"megabytes": lim.memory_mb})}
    return {"error": Message("intake.read.crashed", {"exitcode": code})}
