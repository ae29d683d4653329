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
    return compiled
