"""Linear-time regular expressions for feed-controlled text.

Every pattern that runs on text a feed controls (titles, bodies, links, article
pages) is compiled here and runs on RE2 (google-re2), which has no backtracking:
match time is linear in the input whatever the pattern. Python's ``re`` stays for
text we write ourselves (rule files, config, our own templates).

RE2 syntax is Perl's without look-around and back-references. Two differences to
remember when porting a pattern from ``re``:

* ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII-only in RE2; write ``[\\pL\\pN_]``
  for a Unicode word character, and bound words with explicit classes.
* flags: IGNORECASE, MULTILINE and DOTALL are passed as inline flags; VERBOSE and
  the others are refused.

``FEED_PATTERNS`` lists every pattern compiled here (``owner``, source), so a test can
check the guarantee structurally, without timing anything.
"""
from __future__ import annotations

import re
from typing import Any

import re2

__all__ = ["compile", "FEED_PATTERNS", "Pattern"]

Pattern = Any   # re2's compiled pattern type is private (re2._Regexp)

_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))
_ALLOWED = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE

FEED_PATTERNS: list[tuple[str, str]] = []


class _AsciiFast(re2._Regexp):
    """re2's pattern with a shorter path for ASCII ``str`` text in ``search``, ``match`` and
    ``fullmatch``: there byte offsets are character offsets, so the wrapper's offset
    conversions (a generator, a dict and two C calls per match) are skipped; one call
    costs about half (extraction makes some twenty per article). Other text takes
    re2's own path. ``tests/test_extract_speed_paths.py`` holds both paths to the same results."""

    __slots__ = ()

    def _ascii(self, anchor, text: str, pos, endpos):
        n = len(text)
        pos = 0 if pos is None else max(0, min(pos, n))
        endpos = n if endpos is None else max(0, min(endpos, n))
        if pos > endpos:
            return None
        spans = self._regexp.Match(anchor, text.encode("ascii"), pos, endpos)
        return None if spans[0] == _NULL_SPAN else re2._Match(self, text, pos, endpos, spans)

    def search(self, text, pos=None, endpos=None):
        if text.__class__ is str and text.isascii():
            return self._ascii(_UNANCHORED, text, pos, endpos)
        return super().search(text, pos, endpos)

    def match(self, text, pos=None, endpos=None):
        if text.__class__ is str and text.isascii():
            return self._ascii(_ANCHOR_START, text, pos, endpos)
        return super().match(text, pos, endpos)

    def fullmatch(self, text, pos=None, endpos=None):
        if text.__class__ is str and text.isascii():
            return self._ascii(_ANCHOR_BOTH, text, pos, endpos)
        return super().fullmatch(text, pos, endpos)


try:   # re2's private parts the fast path uses; without them patterns stay re2's own
    _UNANCHORED, _ANCHOR_START, _ANCHOR_BOTH = (re2._Anchor.UNANCHORED, re2._Anchor.ANCHOR_START,
                                                re2._Anchor.ANCHOR_BOTH)
    _NULL_SPAN = re2._NULL_SPAN
    _FAST = re2._Regexp.__slots__ == ("_pattern", "_regexp") and hasattr(re2, "_Match")
except AttributeError:
    _FAST = False


def _fast(compiled):
    if not _FAST or type(compiled) is not re2._Regexp:
        return compiled
    out = _AsciiFast.__new__(_AsciiFast)   # a new object: re2.compile caches and shares its own
    out._pattern = compiled._pattern
    out._regexp = compiled._regexp
    return out


def compile(pattern: str, flags: int = 0, *, owner: str = "") -> Pattern:  # noqa: A001 - mirrors re.compile
    """Compile ``pattern`` for RE2; raise ``ValueError`` naming the pattern if RE2 refuses it."""
    if flags & ~_ALLOWED:
        raise ValueError(f"safe_re: unsupported flags {flags!r} for {pattern!r}")
    letters = "".join(letter for flag, letter in _INLINE if flags & flag)
    source = f"(?{letters}){pattern}" if letters else pattern
    options = re2.Options()
    options.log_errors = False
    try:
        compiled = re2.compile(source, options)
    except re2.error as exc:
        raise ValueError(f"safe_re: RE2 cannot compile {pattern!r}: {exc}") from None
    FEED_PATTERNS.append((owner, source))
    return _fast(compiled)
