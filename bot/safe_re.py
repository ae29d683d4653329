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

Speed: re2's wrapper converts ``str`` offsets to and from UTF-8 in Python on every call,
which costs more than the match itself on a sentence (5 us against 2 us). Most feed text
is ASCII, where byte and character offsets are the same: :class:`RE2Pattern` hands ASCII
``str`` to re2 as ``bytes`` (its public API) and reads the groups back from the ``str``.
The result is the same as re2's ``str`` path (an ASCII text holds no character a UTF-8
pattern could match differently); other text, ``sub``, ``split`` and ``findall`` go through
re2 unchanged.
"""
from __future__ import annotations

import re
from typing import Any

import re2

__all__ = ["compile", "FEED_PATTERNS", "Pattern", "RE2Pattern"]

Pattern = Any   # an RE2Pattern (re2's own compiled pattern type is private: re2._Regexp)

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
    return RE2Pattern(compiled)


class RE2Pattern:
    """An RE2 program (``program``, re2's compiled pattern) with ``re``'s pattern interface."""

    __slots__ = ("program",)

    def __init__(self, program: Any):
        self.program = program

    @property
    def pattern(self) -> str:
        return self.program.pattern

    @property
    def groups(self) -> int:
        return self.program.groups

    @property
    def groupindex(self):
        return self.program.groupindex

    def search(self, text, pos=None, endpos=None):
        return self._one(self.program.search, text, pos, endpos)

    def match(self, text, pos=None, endpos=None):
        return self._one(self.program.match, text, pos, endpos)

    def fullmatch(self, text, pos=None, endpos=None):
        return self._one(self.program.fullmatch, text, pos, endpos)

    def _one(self, how, text, pos, endpos):
        """``how`` (the program's search, match or fullmatch) on ASCII text's bytes, else on the text."""
        if text.__class__ is str and text.isascii():
            m = how(text.encode("ascii"), pos, endpos)
            return None if m is None else AsciiMatch(m, text, self)
        return how(text, pos, endpos)

    def finditer(self, text, pos=None, endpos=None):
        if text.__class__ is str and text.isascii():
            start = 0 if pos is None else max(0, min(pos, len(text)))   # (re2 reports the pos it was given)
            return (_AsciiIterMatch(m, text, self, start) for m in self.program.finditer(text.encode("ascii"), pos, endpos))
        return self.program.finditer(text, pos, endpos)

    def findall(self, text, pos=None, endpos=None):
        return self.program.findall(text, pos, endpos)

    def split(self, text, maxsplit=0):
        return self.program.split(text, maxsplit)

    def sub(self, repl, text, count=0):
        return self.program.sub(repl, text, count)

    def subn(self, repl, text, count=0):
        return self.program.subn(repl, text, count)


class AsciiMatch:
    """A match of an ASCII ``str`` found on its bytes: offsets are the bytes match's (the
    same for ASCII), groups are slices of the ``str``."""

    __slots__ = ("_m", "string", "re")

    def __init__(self, m: Any, text: str, pattern: RE2Pattern):
        self._m = m
        self.string = text
        self.re = pattern

    def __getitem__(self, group):
        a, b = self._m.span(group if group.__class__ is int else self.re.groupindex[group])
        return None if a == -1 else self.string[a:b]

    def group(self, *groups):
        if not groups:
            a, b = self._m.span(0)
            return self.string[a:b]
        if len(groups) == 1:
            return self[groups[0]]
        return tuple(self[g] for g in groups)

    def groups(self, default=None):
        out = (self[g] for g in range(1, self.re.groups + 1))
        return tuple(default if x is None else x for x in out)

    def groupdict(self, default=None):
        return {name: default if self[i] is None else self[i] for name, i in self.re.groupindex.items()}

    def start(self, group=0):
        return self._m.start(group)

    def end(self, group=0):
        return self._m.end(group)

    def span(self, group=0):
        return self._m.span(group)

    @property
    def pos(self):
        return self._m.pos

    @property
    def endpos(self):
        return self._m.endpos

    @property
    def lastindex(self):
        return self._m.lastindex

    @property
    def lastgroup(self):
        return self._m.lastgroup

    def expand(self, template):
        # (the str program matched at this match's start gives this same match)
        return self.re.program.match(self.string, self.start(), self.endpos).expand(template)


class _AsciiIterMatch(AsciiMatch):
    """A match from ``finditer``: ``pos`` is the one ``finditer`` was given, as re2 reports it."""

    __slots__ = ("_pos",)

    def __init__(self, m: Any, text: str, pattern: RE2Pattern, pos: int):
        super().__init__(m, text, pattern)
        self._pos = pos

    @property
    def pos(self):
        return self._pos
