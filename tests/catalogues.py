"""A rules folder for a test: the shipped group and region catalogues, and the test's own rules."""
from __future__ import annotations

import shutil
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "rules"


def copy_catalogues(dest: Path) -> Path:
    """Copy ``groups.yaml`` and ``regions.yaml`` from the repo's ``rules/`` into ``dest`` (made if missing)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("groups.yaml", "regions.yaml"):
        shutil.copy(SHIPPED / name, dest / name)
    return dest
