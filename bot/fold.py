"""One fold and one tokenisation of an item's text, shared by the steps that need words. Pure.

An item's title and text used to be normalised and split into words once for the content hash,
once for the near-duplicate shingles and once more for incident matching. :func:`prepare` does
it once per item; :class:`Prepared` is passed along.

Words are the maximal runs of letters and digits (``str.isalnum``) of the folded text, exactly
what Python's ``[^\\W_]+`` finds, found by a token scan (``str.translate`` then ``str.split``):
linear in the text and with no per-match Python work, unlike a regex ``findall``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Prepared", "prepare", "fold", "tokens"]


class _Separators(dict):
    """``str.translate`` table: letters and digits map to themselves, everything else to a space.

    Filled lazily per code point (at most one entry per distinct character ever seen)."""

    def __missing__(self, cp: int) -> int:
        v = cp if chr(cp).isalnum() else 32
        self[cp] = v
        return v


_SEPARATORS = _Separators()
for _cp in range(128):
    _SEPARATORS[_cp]   # noqa: B018 - pre-fill ASCII


def fold(s: str) -> str:
    """Case- and compatibility-insensitive form: NFKD then casefold (accents become separate marks)."""
    if s.isascii():
        return s.lower()      # NFKD is the identity on ASCII, and casefold() equals lower() there
    return unicodedata.normalize("NFKD", s).casefold()


def tokens(folded: str) -> list[str]:
    """The words of an already folded text: runs of letters and digits, in order."""
    return folded.translate(_SEPARATORS).split()


@dataclass(frozen=True, slots=True)
class Prepared:
    """An item's ``title + "\\n" + text``, folded and split into words once."""

    doc: str            # title + "\n" + text, as given
    tokens: tuple[str, ...]

    @property
    def normalised(self) -> str:
        """The words joined by single spaces: what the content hash hashes."""
        return " ".join(self.tokens)


def prepare(title: str, text: str) -> Prepared:
    doc = f"{title}\n{text}"
    return Prepared(doc, tuple(tokens(fold(doc))))
