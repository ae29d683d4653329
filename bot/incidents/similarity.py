"""What incidents compare: title words, places, provinces and group families. Pure.

Hand-written: a few set operations on title words; a similarity library would add a dependency
for less explainable output.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from bot.fold import COMBINING, byte_table, chunks, fold, non_ascii


_STOP = frozenset("""
a an and are as at be been but by for from has have he her his in into is it its of on or that the their
they this to was were will with after over says said say new amid as about after against before being
more than who what why how when where which while not no up out off also has had one two three year years
its we you our your them there here just may might could would should can do does did get got
""".split())
_PROVINCE_SUFFIXES = frozenset(
    "province oblast region governorate state district territory prefecture county krai department".split())

# Token scans instead of regexes (feed text; linear, no per-match Python work):
# combining marks dropped by one str.translate (bot.fold.COMBINING), words found by another.
_COMBINING = COMBINING
_JOINERS = "'-"      # inside a word between letters or digits ("al-shabaab", "taliban's"); ’ is folded to '


_WORD_BYTES = byte_table(_JOINERS)


def _words(folded: str) -> list[str]:
    r"""Runs of letters and digits, joined by single ' or - between them (what the regex
    ``[^\W_]+(?:['’-][^\W_]+)*`` finds on ``fold(text, strip_marks=True)``),
    in order. ``folded``: the output of :func:`bot.fold.fold`, with or without ``strip_marks``
    (marks and ’ are handled here either way)."""
    out: list[str] = []
    if not folded.isascii():
        odd = [c for c in non_ascii(folded) if ord(c) in _COMBINING or c == "’" or not c.isalnum()]
        if len(odd) <= 16:
            # few distinct characters to fix: one C-level pass each, then the text is plain
            for c in odd:
                folded = folded.replace(c, "" if ord(c) in _COMBINING else "'" if c == "’" else " ")
    for chunk in chunks(folded, _WORD_BYTES):
        if not chunk.isascii() and not chunk.isalnum():
            # combining marks dropped, ’ folded, other non-word characters split on
            chunk = chunk.translate(_COMBINING).replace("’", "'")
            parts = "".join(c if c.isalnum() or c in _JOINERS else " " for c in chunk).split()
            if len(parts) != 1:
                for part in parts:
                    out.extend(_words(part))
                continue
            chunk = parts[0]
        if "-" not in chunk and "'" not in chunk:
            out.append(chunk)
            continue
        n = len(chunk)
        start = -1
        for i, c in enumerate(chunk):
            if c in _JOINERS:
                if start >= 0 and i + 1 < n and chunk[i + 1] not in _JOINERS and chunk[i - 1] not in _JOINERS:
                    continue          # a single joiner between two word characters
                if start >= 0:
                    out.append(chunk[start:i])
                    start = -1
            elif start < 0:
                start = i
        if start >= 0:
            out.append(chunk[start:])
    return out


def _stem(w: str) -> str:
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


# Places are matched in the title and the opening of the text, where a report names its event;
# deeper down articles recount earlier attacks, whose villages must not pull them into those.
OPENING_CHARS = 3000


def words_of(text: str) -> set[str]:
    ws = set(_words(fold(text)))
    out = {w for w in ws if not w.endswith("s")}      # _stem only changes words ending in s
    out.update(_stem(w) for w in ws if w.endswith("s"))
    return out


@lru_cache(maxsize=1024)     # an item's title is read twice: assign's probe, then fuse
def title_terms(title: str) -> frozenset[str]:
    """Content words of a title: stop words and numbers dropped (tolls differ between reports)."""
    return frozenset(w for w in (_stem(w) for w in _words(fold(title, strip_marks=True)))
                     if w not in _STOP and not w.isdigit() and len(w) > 1)


def place_parts(place: str | None) -> tuple[frozenset[str], ...]:
    """'Crocus City Hall, Moscow' -> ({crocus, city, hall}, {moscow})."""
    if not place:
        return ()
    return _place_parts_of(place)


@lru_cache(maxsize=4096)
def _place_parts_of(place: str) -> tuple[frozenset[str], ...]:
    out = []
    for part in place.split(","):
        toks = frozenset(_stem(w) for w in _words(fold(part, strip_marks=True)))
        if toks:
            out.append(toks)
    return tuple(out)


def norm_province(p: str | None) -> str | None:
    """Folded province name without its administrative suffix word ('Nord-Kivu Province' -> 'nord-kivu')."""
    if not p:
        return None
    return _norm_province_of(p)


@lru_cache(maxsize=4096)
def _norm_province_of(p: str) -> str | None:
    # Drop whole words (bounded like regex \b: word = letter, digit or _) that are suffixes;
    # the rest is kept as is, whitespace collapsed.
    f = fold(p, strip_marks=True)
    kept: list[str] = []
    for is_word, run in groupby(f, key=lambda c: c.isalnum() or c == "_"):
        piece = "".join(run)
        kept.append(" " if is_word and piece in _PROVINCE_SUFFIXES else piece)
    return " ".join("".join(kept).split()) or None


def is_same_place(a: str, b: str) -> bool:
    """Same most specific name, or one place lies within the other ('Moscow' and 'Crocus City Hall,
    Moscow'); two villages of one district ('Mbau, Beni' and 'Kamango, Beni') are different places."""
    pa, pb = place_parts(a), place_parts(b)
    if not pa or not pb:
        return False
    return pa[0] == pb[0] or pa[0] in pb or pb[0] in pa


def place_within(a: str, b: str) -> bool:
    """Every part of place ``a`` is a part of place ``b`` ('Crocus City Hall' within 'Crocus City Hall, Moscow')."""
    pb = place_parts(b)
    return all(x in pb for x in place_parts(a))


_FAMILIES: dict[int, tuple[object, dict[str, frozenset[str]]]] = {}   # id(catalog) -> (catalog, gid -> family)


def family(gid: str, catalog) -> frozenset[str]:
    if catalog is None:
        return frozenset((gid,))
    entry = _FAMILIES.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        if len(_FAMILIES) >= 4:           # catalogs of a few rule reloads at most
            _FAMILIES.clear()
        entry = _FAMILIES[id(catalog)] = (catalog, {})
    fams = entry[1]
    f = fams.get(gid)
    if f is None:
        if len(fams) >= 4096:
            fams.clear()
        f = fams[gid] = frozenset(catalog.family(gid))
    return f


def related(a: str, b: str, catalog) -> bool:
    """Same group, or one is an affiliate of the other (iskp/isil), not mere siblings."""
    return a == b or a in family(b, catalog) or b in family(a, catalog)
