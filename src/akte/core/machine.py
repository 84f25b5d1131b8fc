"""What every `akte bench` prints about the machine it ran on: cores, memory, load, Python.

Figures from a shared or small machine are only comparable with their baseline from the
same run and with the load they were taken under; this header says which machine that was.
"""

from __future__ import annotations

import os
import platform


def _meminfo() -> dict[str, int]:
    """MemTotal and MemAvailable in bytes from /proc/meminfo (Linux); else sysconf."""
    found: dict[str, int] = {}
    try:
        with open("/proc/meminfo", encoding="ascii") as lines:
            for line in lines:
                name, _, rest = line.partition(":")
                if name in ("MemTotal", "MemAvailable"):
                    found[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    if "MemTotal" not in found:
        try:
            found["MemTotal"] = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            pass
    return found


def _usable_cores() -> int | None:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def machine() -> dict[str, object]:
    """Cores, memory (GiB), load average and Python of this machine, for a bench's header."""
    memory = _meminfo()
    gib = 1024**3
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpu_count": os.cpu_count(),
        "cpu_usable": _usable_cores(),
        "memory_gib": round(memory["MemTotal"] / gib, 1) if "MemTotal" in memory else None,
        "memory_available_gib": (
            round(memory["MemAvailable"] / gib, 1) if "MemAvailable" in memory else None
        ),
        "load_average_1_5_15": load,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
