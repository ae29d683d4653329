"""newsbot: reads conflict news like an analyst and alerts Telegram subscribers.

Public API::

    from bot import extract, Facts, Item, NewsbotError
    facts = extract(title, text, published)      # -> Facts

The implementation lives in the subpackage :mod:`bot.extraction`; ``bot.extract`` is only ever this
function.
"""
from importlib import metadata as _metadata

from .errors import ConfigError, InputError, NewsbotError, Problem, RuleError, StoreError
from .models import Casualty, Facts, GroupMention, Item

try:
    __version__ = _metadata.version("newsbot")      # one source: pyproject.toml
except _metadata.PackageNotFoundError:              # a checkout on sys.path, never installed
    __version__ = "0+unknown"


def extract(title, text, published=None, *, catalog=None):
    """Read one article: see :func:`bot.extraction.extract`. The extraction tables load on the
    first call, so ``import bot`` (every ``newsbot`` command) stays cheap."""
    from .extraction import extract as _extract
    return _extract(title, text, published, catalog=catalog)


__all__ = ["extract", "Facts", "Item", "GroupMention", "Casualty", "NewsbotError", "ConfigError",
           "RuleError", "StoreError", "InputError", "Problem", "__version__"]
