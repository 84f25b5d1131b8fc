"""Only what pyproject.toml cannot say: the wheel carries the top-level `rulebooks/` folder as
package data `akte/rulebooks/`, where `akte.rules.config` finds it in an installed Akte (a
source checkout and an editable install read `rulebooks/` in place)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRulebooks(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            self.copy_tree("rulebooks", str(Path(self.build_lib) / "akte" / "rulebooks"))


setup(cmdclass={"build_py": BuildWithRulebooks})
