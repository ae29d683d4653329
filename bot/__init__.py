"""newsbot: reads conflict news like an analyst and alerts Telegram subscribers.

Public API::

    from bot import extract, Facts, Item, NewsbotError
"""
__version__ = "0.1.0"

from .errors import ConfigError, DeliveryError, NewsbotError, Problem, RuleError, StoreError  # noqa: E402
from .models import Casualty, Facts, GroupMention, Item  # noqa: E402


def extract(title, text, published=None, *, catalog=None):
    """Read one article: see :func:`bot.extract.extract`."""
    from .extract import extract as _extract
    return _extract(title, text, published, catalog=catalog)


__all__ = ["extract", "Facts", "Item", "GroupMention", "Casualty", "NewsbotError", "ConfigError",
           "RuleError", "StoreError", "DeliveryError", "Problem", "__version__"]
