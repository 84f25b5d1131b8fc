from pathlib import Path

import pytest

from akte.analytics import synth


@pytest.fixture(scope="session")
def synthetic_snapshot(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("snapshot")
    synth.generate(3000, folder, seed=7)
    return folder


@pytest.fixture(scope="session")
def office_snapshot(tmp_path_factory) -> Path:
    """A history the size of one office's (30,000 procedures over twelve years)."""
    folder = tmp_path_factory.mktemp("office")
    synth.generate(30000, folder, seed=7)
    return folder
