"""Dedupe key of an item's content: the same words, in any case, accents or spacing, are the same item."""
from __future__ import annotations

import hashlib
from typing import Collection, Sequence

from bot.fold import Prepared, prepare

__all__ = ["content_hash", "hash_new_items", "opening_words"]


def content_hash(title: str, text: str, prepared: Prepared | None = None) -> str:
    """Hash of the normalised title and text: case, accents, punctuation and spacing ignored.

    ``prepared``: the item's :func:`bot.fold.prepare` result, when the caller already has it."""
    p = prepared if prepared is not None else prepare(title, text)
    return hashlib.sha256(p.normalised.encode("utf-8")).hexdigest()


def hash_new_items(items: Sequence, known: Collection[str], words: int) -> list[tuple[str, str] | None]:
    """Per item, ``None`` when its key is in ``known`` (stored already: seen, whatever its text),
    else its content hash and its first ``words`` words joined by single spaces (one
    :func:`bot.fold.prepare` for both). One string, not a tuple of strings: every feed's new items
    wait with them until the cycle files them, and a first poll's backlog of thousands of items
    held as tuples of word objects cost ~15 KB an item (peak RSS +90 MB in ``bench/poll.py``)."""
    out: list[tuple[str, str] | None] = []
    for i in items:
        if i.key in known:
            out.append(None)
            continue
        p = prepare(i.title, i.text)
        out.append((content_hash(i.title, i.text, p), " ".join(p.tokens[:words])))
    return out


def opening_words(joined: str) -> tuple[str, ...]:
    """The words :func:`hash_new_items` joined, as :func:`bot.fold.prepare` gave them (a word
    holds no space)."""
    return tuple(joined.split(" ")) if joined else ()
