"""Build hook: ship the repository's ``rules/`` inside the package as ``bot/shipped_rules``.

``rules/`` stays the one copy people edit; the wheel carries it as package data so an
installed newsbot (pip, pipx, Docker) finds its default rules and catalogues (see
``bot/catalog/shipped.py``). Everything else is in pyproject.toml.
"""
from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_rules(build_py):
    def run(self):
        super().run()
        src = HERE / "rules"
        if not src.is_dir():   # building from an sdist made without rules/ (MANIFEST.in includes it)
            raise SystemExit("rules/ is missing: the shipped rules cannot be packaged")
        dest = Path(self.build_lib) / "bot" / "shipped_rules"
        dest.mkdir(parents=True, exist_ok=True)
        for f in sorted(src.iterdir()):
            if f.is_file() and f.suffix in (".yaml", ".yml", ".md"):
                shutil.copy2(f, dest / f.name)


setup(cmdclass={"build_py": build_py_with_rules})
