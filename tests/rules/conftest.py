"""Write small rulebooks into a temporary folder for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

MANIFEST = "name: demo\nversion: '1'\nlanguages: [de, en]\n"


def write_rulebook(folder: Path, files: dict[str, str], manifest: str = MANIFEST) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rulebook.yaml").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


import pytest  # noqa: E402


@pytest.fixture
def make_rulebook(tmp_path):
    """write_rulebook into a fresh folder under tmp_path."""
    counter = iter(range(10_000))

    def make(files: dict[str, str], manifest: str = MANIFEST) -> Path:
        return write_rulebook(tmp_path / f"book{next(counter)}", files, manifest)

    return make
