"""Dedupe key of an item's content: the same words, in any case, accents or spacing, are the same item."""
from __future__ import annotations

import hashlib

from bot.fold import Prepared, prepare

__all__ = ["content_hash"]


def content_hash(title: str, text: str, prepared: Prepared | None = None) -> str:
    """Hash of the normalised title and text: case, accents, punctuation and spacing ignored.

    ``prepared``: the item's :func:`bot.fold.prepare` result, when the caller already has it."""
    p = prepared if prepared is not None else prepare(title, text)
    return hashlib.sha256(p.normalised.encode("utf-8")).hexdigest()
