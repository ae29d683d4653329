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

The one home of text folding: :func:`fold` (NFKD and case; ``nfkd=False`` for case only, the
rulebook's; ``strip_marks`` for accent-blind comparison, the incidents') and :func:`fold_ascii`, the
length-preserving fold extraction reads in, with :func:`lower_same_length`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Prepared", "prepare", "fold", "casefold", "tokens", "COMBINING"]


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
        return casefold(s)
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


def casefold(s: str) -> str:
    """``s.casefold()``, which walks a non-ASCII string character by character through the Unicode
    tables (~35 us a 6 KiB article): each character folds on its own (full case folding reads no
    context), so the ASCII letters are folded on the UTF-8 bytes at C speed, then each of the few
    distinct other characters that folding changes by one ``str.replace`` (many distinct ones: the
    whole way)."""
    if s.isascii():
        return s.lower()
    chars = non_ascii(s)
    if len(chars) > _FEW:
        return s.casefold()
    out = s.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    for c in chars:
        f = c.casefold()
        if f != c:
            out = out.replace(c, f)
    return out


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


# --- extraction's length-preserving fold --------------------------------------------------------

_PUNCT = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ", "\t": " ", "\r": " ",
}


class _FoldTable(dict):
    """str.translate table filled lazily: each char maps to exactly one char."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _PUNCT.get(ch)
        if out is None:
            if code < 128:
                out = ch
            else:
                base = unicodedata.normalize("NFKD", ch)[:1]
                out = base if base and ord(base) < 128 and base.isalpha() else ch
                if ch == "\u0130":  # Turkish dotted capital I
                    out = "I"
        self[code] = out
        return out


_FOLD = _FoldTable()


_ASCII_BYTES = bytes(range(128))


_COMMON = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
           ("\u2014", "-"), ("\xa0", " "))


def fold_ascii(text: str) -> str:
    """Length-preserving ASCII folding of accents and typographic punctuation (extraction's fold).

    Unlike :func:`fold` it maps each character to exactly one character, so offsets found in the
    folded copy are offsets in the original: extraction reads in the folded text and reports
    spans of the original.

    The most common typographic characters are replaced with str.replace (C speed);
    the (few) other non-ASCII characters, tabs and carriage returns go through Python."""
    if text.isascii() and "\t" not in text and "\r" not in text:
        return text
    for a, b in _COMMON:
        if a in text:
            text = text.replace(a, b)
    if text.isascii() and "\t" not in text and "\r" not in text:
        return text   # the common replacements were all it needed
    # the other characters: each distinct one replaced at C speed (an articles holds a few
    # distinct ones, often many times; a Python call per occurrence costs more). They are
    # found in the UTF-8 bytes with the ASCII bytes deleted (C speed; set(text) walks every
    # character in Python objects).
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if "\t" in text:
        rest += "\t"
    if "\r" in text:
        rest += "\r"
    for ch in set(rest):
        rep = _FOLD[ord(ch)]
        if rep != ch:
            text = text.replace(ch, rep)
    return text


def lower_same_length(text: str) -> str:
    """``text.lower()``, except that a character whose lower case is longer ("İ") stays as it is."""
    if text.isascii():
        return text.lower()
    if "\u03a3" not in text:   # (capital sigma: the one context-dependent lower case, kept to str.lower)
        # str.lower() walks a non-ASCII string character by character through the Unicode
        # tables; the ASCII letters are lowered on the UTF-8 bytes at C speed instead, then the
        # few distinct other characters one replace each
        utf8 = text.encode("utf-8", "surrogatepass")
        low = utf8.lower().decode("utf-8", "surrogatepass")
        rest = utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        for ch in set(rest):
            lc = ch.lower()
            if lc != ch and len(lc) == 1:
                low = low.replace(ch, lc)
        return low
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
