"""Reading quantities out of tokens: digits with separators, number words,
"a dozen", scaled figures ("1.5 million") and vague quantities.

"A dozen" and "half a dozen" are round figures: 12 and 6, flagged ``approximate``.

Vague quantities follow ACLED's coding convention and are read as a lower bound
flagged ``approximate``: "dozens" = 12, "scores" = 20, "hundreds" = 100,
"thousands" = 1000. "Several", "many", "a number of" give no figure.
"""
from __future__ import annotations

from typing import NamedTuple

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "both": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
    # common misspellings in wire copy and summaries
    "twele": 12, "tweleve": 12, "twelf": 12, "thirten": 13, "fourten": 14, "fiften": 15, "sixten": 16,
    "eightteen": 18, "ninteen": 19, "nineteeen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "ninty": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# ACLED convention for vague plurals (lower bounds, approximate=True).
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
# Words that are numbers only when a casualty phrase follows; never on their own.
WEAK = frozenset({"a", "an", "no", "single", "both"})

# Words a quantity can start with (a cheap pre-check before read_quantity).
NUMBER_START = frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | {"none", "nobody", "half", "dozen"} | frozenset(
    f"{t}-{u}" for t in TENS for u in UNITS if 0 < UNITS[u] < 10 and u not in WEAK)

# the fate after "and another" that makes it one more person ("one was killed and another wounded")
_ANOTHER_FATE = frozenset({"wounded", "injured", "hurt", "killed", "died", "dead"})
_SEPARATORS = (",", "\u202f", " ")


def _digits_ok(tok: str) -> bool:
    """``tok`` is digits with optional thousands separators (groups of three) and decimals:
    "12", "1,000", "12,345.5". A token scan (no regex): feed text is hostile."""
    whole, dot, frac = tok.partition(".")
    if dot and not (frac.isdigit() and frac.isascii()):
        return False
    if whole.isdigit() and whole.isascii():
        return True
    for sep in _SEPARATORS:
        if sep in whole:
            groups = whole.split(sep)
            return (1 <= len(groups[0]) <= 3 and all(g.isdigit() and g.isascii() for g in groups)
                    and all(len(g) == 3 for g in groups[1:]))
    return False


class Quantity(NamedTuple):
    """A quantity read from tokens (a NamedTuple: documents make many and it is the
    cheapest immutable record to build)."""
    value: int
    start: int          # token index of the first token
    end: int            # token index after the last token
    approximate: bool = False
    weak: bool = False  # "a", "an", "both", "no": needs a casualty word right after


def _digit_value(tok: str) -> float | None:
    if not ("0" <= tok[:1] <= "9") or not _digits_ok(tok):
        return None   # (a figure in digits starts with one: words skip the scan)
    try:
        return float(tok.replace(",", "").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return None


def _word_value(tok: str) -> int | None:
    if tok in UNITS:
        return UNITS[tok]
    if tok in TENS:
        return TENS[tok]
    if "-" in tok:
        a, _, b = tok.partition("-")
        if a in TENS and b in UNITS and 0 < UNITS[b] < 10 and b not in WEAK:
            return TENS[a] + UNITS[b]
    return None


def read_quantity(words: list[str], i: int) -> Quantity | None:
    """Parse a quantity starting at lower-cased token ``words[i]``, or None."""
    n = len(words)
    w = words[i]
    if w in ("no", "none", "nobody") and (w != "no" or (i + 1 < n and words[i + 1] == "one")):
        return Quantity(0, i, i + (2 if w == "no" else 1), weak=True)
    if w in VAGUE:
        return Quantity(VAGUE[w], i, i + 1, approximate=True)
    if w == "another":
        # "one person was killed and another wounded": one more person, of the second verb
        if i and words[i - 1] == "and" and i + 1 < n and (words[i + 1] in _ANOTHER_FATE or (
                words[i + 1] == "was" and i + 2 < n and words[i + 2] in _ANOTHER_FATE)):
            return Quantity(1, i, i + 1)
        return None
    if w == "a" and i + 1 < n and words[i + 1] == "dozen":
        return Quantity(12, i, i + 2, approximate=True)   # "a dozen" is a round figure (issue 9)
    if w == "half" and i + 2 < n and words[i + 1] == "a" and words[i + 2] == "dozen":
        return Quantity(6, i, i + 3, approximate=True)
    dv = _digit_value(w)
    if dv is not None:
        j = i + 1
        if j < n and words[j] in SCALES and words[j] != "hundred":
            dv *= SCALES[words[j]]
            j += 1
        if dv != int(dv) or dv > 10_000_000_000:
            return None
        return Quantity(int(dv), i, j)
    v = _word_value(w)
    if v is None:
        return None
    if w in WEAK and not (w in ("a", "an") and i + 1 < n and words[i + 1] in SCALES):
        return Quantity(v, i, i + 1, weak=True)
    total, current, j = 0, v, i + 1
    while j < n:
        t = words[j]
        if t in SCALES:
            current = max(current, 1) * SCALES[t]
            if SCALES[t] >= 1000:
                total += current
                current = 0
            j += 1
        elif (t == "and" and j + 1 < n and words[j - 1] in SCALES
              and _word_value(words[j + 1]) is not None and words[j + 1] not in WEAK):
            j += 1
        elif (t not in WEAK and _word_value(t) is not None
              and (words[j - 1] in SCALES or words[j - 1] == "and")):
            current += _word_value(t)  # type: ignore[operator]
            j += 1
        else:
            break
    if w == "dozen":
        return Quantity(12, i, j, approximate=True)
    return Quantity(total + current, i, j)
