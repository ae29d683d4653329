"""Build hook: ship the repository's ``rules/`` inside the package as ``bot/shipped_rules``,
and compile the extraction reader with mypyc when it can.

``rules/`` stays the one copy people edit; the wheel carries it as package data so an
installed newsbot (pip, pipx, Docker) finds its default rules and catalogues (see
``bot/catalog/shipped.py``). Everything else is in pyproject.toml.

Compiled reader: a wheel build (``pip wheel .``, ``pip install .``) compiles ``COMPILED`` with
mypyc (about 1.4x faster ``extract()``, same output) when mypyc, a C compiler and the Python
headers are there. Otherwise, or with ``NEWSBOT_PURE_PYTHON=1``, or when compiling fails, it
prints one warning line and ships the same modules as pure Python. An editable install
(``pip install -e .``) stays pure, so that an edit to a .py is never shadowed by an older .so:
``python setup.py build_ext --inplace`` (mypy installed) builds the .so files in the checkout
for benches (``newsbot --version`` says which reader runs; delete ``bot/extraction/*.so`` to go back).
"""
from pathlib import Path
import os
import shutil
import sys
import sysconfig

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# The hot pure-Python modules of the reader, each its own extension (``separate``: a shared
# library per group must sit at the top of the import path, or mypyc's ``__file__`` is wrong).
# __init__ (extract()'s glue; a compiled package __init__ imports itself), _villages (run as
# ``python -m``), _automaton (a thin wrapper over ahocorasick_rs) and _snapshot (I/O) stay pure.
COMPILED = [f"bot/extraction/{m}.py" for m in
            ("_background", "_casualties", "_groups", "_kind", "_numbers", "_places", "_text")]
_BUILDS = {"bdist_wheel", "build_ext", "build", "install"}   # commands that produce the installed code


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


def _warn(why: str) -> None:
    print(f"WARNING: newsbot's extraction is built as pure Python ({why})", file=sys.stderr)


class optional_build_ext(build_ext):
    """A compile error leaves the pure-Python modules in place (they are in the wheel anyway)."""

    def run(self):
        try:
            super().run()
        except Exception as exc:   # distutils' CompileError, LinkError, PlatformError, ...
            _warn(f"compiling failed: {exc}")

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:
            _warn(f"compiling {ext.name} failed: {exc}")


def _ext_modules() -> list:
    if not _BUILDS.intersection(sys.argv[1:]):
        return []   # metadata and editable installs: nothing to compile
    for old in (HERE / "build").glob("lib*"):
        shutil.rmtree(old, ignore_errors=True)   # an earlier build's modules would go into this wheel
    if os.environ.get("NEWSBOT_PURE_PYTHON") == "1":
        _warn("NEWSBOT_PURE_PYTHON=1")
        return []
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        _warn("no Python headers (Python.h)")
        return []
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if not shutil.which(cc):
        _warn(f"no C compiler ({cc})")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed")
        return []
    try:
        return mypycify(COMPILED + ["--ignore-missing-imports", "--follow-imports=silent"],
                        separate=True, target_dir=str(HERE / "build" / "mypyc"))
    except BaseException as exc:   # mypyc exits (SystemExit) on a type error
        _warn(f"mypyc failed: {exc!r}")
        return []


setup(cmdclass={"build_py": build_py_with_rules, "build_ext": optional_build_ext},
      ext_modules=_ext_modules())
