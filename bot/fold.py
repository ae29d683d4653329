"""One fold and one tokenisation of an item's text, shared by the steps that need words. Pure.

An item's title and text used to be normalised and split into words once for the content hash,
once for the near-duplicate shingles and once more for incident matching. :func:`prepare` does
it once per item; :class:`Prepared` is passed along.

Words are the maximal runs of letters and digits (``str.isalnum``) of the folded text, exactly
what Python's ``[^\\W_]+`` finds, found by a token scan: the UTF-8 bytes go through one
``bytes.translate`` (ASCII punctuation becomes a space, non-ASCII bytes stay) and one ``split``;
only the few tokens holding non-ASCII characters are looked at character by character. Linear in
the text, with no per-match Python work (unlike a regex ``findall``, or ``str.translate`` with a
mapping, which is per character on non-ASCII text).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Prepared", "prepare", "fold", "tokens", "COMBINING"]


def byte_table(keep: str = "") -> bytes:
    """``bytes.translate`` table: ASCII letters, digits and ``keep`` stay, other ASCII bytes become
    a space, bytes of multi-byte UTF-8 characters (>= 0x80) stay."""
    return bytes(c if c >= 128 or chr(c).isalnum() or chr(c) in keep else 32 for c in range(256))


_BYTES = byte_table()


_ASCII = bytes(range(128))
_FEW = 16     # distinct non-ASCII characters handled one str.replace pass each


def non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text`` (C-level: its UTF-8 without the ASCII bytes)."""
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))


# Combining marks (the accents NFKD splits off), as a ``str.translate`` table that drops them.
COMBINING = {cp: None for lo, hi in ((0x300, 0x36f), (0x1ab0, 0x1aff), (0x1dc0, 0x1dff), (0x20d0, 0x20ff),
                                     (0xfe20, 0xfe2f)) for cp in range(lo, hi + 1)}


def fold(s: str, *, nfkd: bool = True, strip_marks: bool = False) -> str:
    """Case- and compatibility-insensitive form: NFKD then casefold (accents become separate marks).

    ``nfkd=False`` folds case only (``str.casefold``): accents and compatibility forms stay as
    written (``é`` stays ``é``, ``²`` stays ``²``). Rule keywords and
    ``place:`` names are matched that way (bot.rulebook): a rule written ``Mosul`` does not find
    ``Mosūl``, and the folded text keeps the original's length on most non-ASCII text, so phrase
    hits map back to the original words by offset. The two forms differ on ~17,000 code points.

    ``strip_marks``: also accent-insensitive: the combining marks are dropped (one C-level
    ``str.translate`` pass) and ’ reads as ' ("Bandiagara", "Bandiágara" and "BANDIÁGARA" fold
    alike). Incidents compare titles and places in this form.

    News text is ASCII but for a few distinct characters (quotes, dashes, accented names), so
    those are folded one by one (a ``str.replace`` pass each) when that gives the same result as
    folding the whole text: no character is a combining mark (nothing to reorder) and each
    one's own folding is all it changes."""
    if s.isascii():
        return s.lower()      # NFKD is the identity on ASCII, and casefold() equals lower() there
    if not nfkd:
        return s.casefold()
    if strip_marks:
        return fold(s).translate(COMBINING).replace("’", "'")
    chars = non_ascii(s)
    if len(chars) > _FEW:
        return unicodedata.normalize("NFKD", s).casefold()
    decomposed: set[str] = set()
    for c in chars:
        d = unicodedata.normalize("NFKD", c)
        if unicodedata.combining(c) or (d and unicodedata.combining(d[0])):
            return unicodedata.normalize("NFKD", s).casefold()     # marks to reorder: the whole way
        if d != c:
            s = s.replace(c, d)
        decomposed.update(d)
    if "\u03a3" in decomposed or any(c.lower() != c.casefold() for c in decomposed if not c.isascii()):
        return s.casefold()   # lower() differs (ß, ligatures, final sigma's context)
    return s.lower()


def chunks(text: str, table: bytes) -> list[str]:
    """``text`` split where ``table`` puts spaces, and on any whitespace; tokens that hold
    non-ASCII characters are returned as they are, for the caller to look at."""
    return text.encode("utf-8", "surrogatepass").translate(table).decode("utf-8", "surrogatepass").split()


def tokens(folded: str) -> list[str]:
    """The words of an already folded text: runs of letters and digits, in order."""
    if folded.isascii():
        return chunks(folded, _BYTES)
    seps = [c for c in non_ascii(folded) if not c.isalnum()]
    if len(seps) <= _FEW:
        # the few distinct non-ASCII characters that are not letters or digits become spaces
        for c in seps:
            folded = folded.replace(c, " ")
        return chunks(folded, _BYTES)
    # many distinct ones (one pass each would not be linear): look at the non-ASCII tokens one by one
    words: list[str] = []
    for t in chunks(folded, _BYTES):
        if t.isascii() or t.isalnum():
            words.append(t)
        else:
            words.extend("".join(c if c.isalnum() else " " for c in t).split())
    return words


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
