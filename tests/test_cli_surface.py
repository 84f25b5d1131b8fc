"""Every `akte` command and option that has been released stays: `tests/cli_surface.json`
lists them (command path -> options). Adding is free; removing or renaming fails here."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from akte.cli import app

RELEASED = Path(__file__).with_name("cli_surface.json")


def surface() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def walk(command, path: str) -> None:
        found[path] = sorted(o for p in command.params for o in (*p.opts, *p.secondary_opts))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "akte")
    return found


def test_no_released_command_or_option_is_gone():
    now = surface()
    released = json.loads(RELEASED.read_text())
    gone = {
        path: sorted(set(options) - set(now.get(path, [])))
        for path, options in released.items()
        if path not in now or set(options) - set(now[path])
    }
    assert not gone, f"removed or renamed: {gone}"
    assert len(released) >= 40  # the list is the real one, not an empty file
