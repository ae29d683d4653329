"""newsbot: reads conflict news like an analyst and alerts Telegram subscribers.

Public API::

    from bot import extract, Facts, Item, NewsbotError
    facts = extract(title, text, published)      # -> Facts

``bot.extract`` is that function, also after the subpackage of the same name was imported
(``from bot.extract import ...`` and ``sys.modules["bot.extract"]`` reach the subpackage).
"""
import sys as _sys
import types as _types
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("newsbot")      # one source: pyproject.toml
except _metadata.PackageNotFoundError:              # a checkout on sys.path, never installed
    __version__ = "0+unknown"

from .errors import ConfigError, InputError, NewsbotError, Problem, RuleError, StoreError  # noqa: E402
from .models import Casualty, Facts, GroupMention, Item  # noqa: E402


def extract(title, text, published=None, *, catalog=None):
    """Read one article: see :func:`bot.extract.extract` (imported on the first call: ``import bot`` stays cheap)."""
    from .extract import extract as _extract
    return _extract(title, text, published, catalog=catalog)


class _Package(_types.ModuleType):
    """The ``bot`` package. Importing a subpackage sets the parent's attribute of the same name; for
    ``bot.extract`` that would hide the public function behind the module, so that one assignment is skipped."""

    def __setattr__(self, name, value):
        if name == "extract" and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

__all__ = ["extract", "Facts", "Item", "GroupMention", "Casualty", "NewsbotError", "ConfigError",
           "RuleError", "StoreError", "InputError", "Problem", "__version__"]
