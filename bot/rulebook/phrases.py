"""Keyword phrases and place names as rules write them: their words, their case, their fold. Pure.

Words are what a regex ``\\w+`` finds (letters, digits, ``_``; Unicode), found by a token scan:
one ``str.translate`` and one ``split``, linear in the text. Words written in capitals (two or
more letters) match case-sensitively, every other word ignores case; case is folded with
:func:`bot.fold.fold` without NFKD (``nfkd=False``: accents are kept, see there).
"""
from __future__ import annotations

from bot.fold import fold

__all__ = ["words", "isword", "fold_case", "phrase_tokens", "is_acronym", "phrase_always_excluded",
           "normalise_place", "spaced_join"]


class _WordChars(dict):
    """``str.translate`` table: word characters (``str.isalnum`` or ``_``, as regex ``\\w``) stay,
    everything else becomes a space. Filled lazily, one entry per distinct character."""

    def __missing__(self, cp: int) -> int:
        c = chr(cp)
        v = cp if c.isalnum() or c == "_" else 32
        self[cp] = v
        return v


_WORD_CHARS = _WordChars()


def words(s: str) -> list[str]:
    """What regex ``\\w+`` finds, by a token scan (linear, no per-match Python work)."""
    return s.translate(_WORD_CHARS).split()


def isword(c: str) -> bool:
    return c.isalnum() or c == "_"


def fold_case(s: str) -> str:
    """Case folded, accents kept: how rule phrases and the text they are searched in are compared."""
    return fold(s, nfkd=False)


def phrase_tokens(phrase: str) -> list[str]:
    """The words of a keyword phrase, as written."""
    return words(phrase)


def is_acronym(token: str) -> bool:
    """A word in capitals (``ISIS``, ``M23``, ``US``): matched case-sensitively."""
    return len(token) >= 2 and token.isupper()


def _token_covers(e: str, k: str) -> bool:
    """Does exclude-word ``e`` match wherever keyword-word ``k`` matches?"""
    if e.casefold() != k.casefold():
        return False
    return (not is_acronym(e)) or (is_acronym(k) and e == k)


def phrase_always_excluded(keyword: str, exclude: str) -> bool:
    """True when every text containing ``keyword`` also contains ``exclude`` (word-wise)."""
    k, e = phrase_tokens(keyword), phrase_tokens(exclude)
    if not e or len(e) > len(k):
        return False
    return any(
        all(_token_covers(e[j], k[i + j]) for j in range(len(e)))
        for i in range(len(k) - len(e) + 1)
    )


def normalise_place(name: str) -> str:
    """A ``place:`` name or an article's place as a region key: spacing collapsed, case folded."""
    return fold_case(" ".join(name.split()))


def spaced_join(title: str, sep: str, text: str) -> str:
    """``" ".join((title + sep + text).split())`` (``sep`` holds no whitespace run: the matcher's).

    An item's title and text as the feed parser leaves them (single spaces, lines and paragraphs apart
    by one or two newlines, nothing at either end) need only their newlines made spaces: two C-level
    replaces and checks instead of a Python object per word (~30 us of a 6 KiB article's ~65).
    Anything else takes the split."""
    if title and text and title.isprintable() and "  " not in title and title[0] != " " and title[-1] != " ":
        t = text.replace("\n\n", " ").replace("\n", " ")
        # (str.isprintable is False for every whitespace character but the space)
        if t.isprintable() and "  " not in t and t[0] != " " and t[-1] != " ":
            return title + sep + t
    return " ".join((title + sep + text).split())
