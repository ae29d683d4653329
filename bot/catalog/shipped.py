"""Where the shipped rules and catalogues live, in a checkout and in an installed wheel.

One source: the repository's ``rules/`` folder. ``setup.py`` copies it into the wheel as
``bot/shipped_rules/`` (package data), so a non-editable install (``pip install .``, pipx,
the Docker image) has it; an editable install or a checkout reads ``rules/`` itself.
The configuration's ``rules_dir`` always wins over both.
"""
from __future__ import annotations

from pathlib import Path

_BOT = Path(__file__).resolve().parent.parent    # the bot/ package
PACKAGE_RULES = _BOT / "shipped_rules"
CHECKOUT_RULES = _BOT.parent / "rules"


def shipped_rules_dir() -> Path:
    """The rules that came with newsbot: package data when installed, ``rules/`` in a checkout."""
    if (PACKAGE_RULES / "groups.yaml").is_file():
        return PACKAGE_RULES
    return CHECKOUT_RULES
