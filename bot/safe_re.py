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
``str`` to re2 as ``bytes`` and reads the groups back from the ``str``. There it asks
re2's compiled RE2 object for the spans itself, one call per match: re2's public search
wraps that call in a generator and a match object, which cost as much again.
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


def _native(program: Any) -> Any:
    """re2's compiled RE2 object behind ``program`` when it answers ``Match`` as this module
    expects (a sequence of one (start, end) pair per group, (-1, -1) for none), else None."""
    native = getattr(program, "_regexp", None)
    try:
        spans = native.Match(_UNANCHORED, b"", 0, 0)  # type: ignore[union-attr]
        if not (isinstance(spans, (list, tuple)) and len(spans) == program.groups + 1
                and all(isinstance(x, tuple) and len(x) == 2 for x in spans)):
            return None
    except Exception:   # noqa: BLE001 - another re2 version: the public path serves
        return None
    return native


try:   # re2's anchors, as its own search/match/fullmatch pass them
    _UNANCHORED, _ANCHOR_START, _ANCHOR_BOTH = (re2._re2.RE2.Anchor.UNANCHORED, re2._re2.RE2.Anchor.ANCHOR_START,
                                                re2._re2.RE2.Anchor.ANCHOR_BOTH)
except AttributeError:   # pragma: no cover - another re2 version: _native() finds no fast path
    _UNANCHORED = _ANCHOR_START = _ANCHOR_BOTH = None


class RE2Pattern:
    """An RE2 program (``program``, re2's compiled pattern) with ``re``'s pattern interface.

    On ASCII ``str`` a match is asked of re2's compiled RE2 object directly (``native``), in one
    call that returns every group's span: re2's public ``search`` wraps the same call in a
    generator and a match object per call, which cost as much as the match. A re2 version
    without that object takes the public path (the results are the same; tests hold them so)."""

    __slots__ = ("program", "native", "groups", "groupindex")

    def __init__(self, program: Any):
        self.program = program
        self.groups: int = program.groups
        self.groupindex = program.groupindex
        self.native = _native(program)

    @property
    def pattern(self) -> str:
        return self.program.pattern

    def search(self, text, pos=None, endpos=None):
        return self._one(_UNANCHORED, self.program.search, text, pos, endpos)

    def match(self, text, pos=None, endpos=None):
        return self._one(_ANCHOR_START, self.program.match, text, pos, endpos)

    def fullmatch(self, text, pos=None, endpos=None):
        return self._one(_ANCHOR_BOTH, self.program.fullmatch, text, pos, endpos)

    def _one(self, anchor, how, text, pos, endpos):
        """One match on ASCII text's bytes (natively when it can), else re2's own on the text."""
        if text.__class__ is str and text.isascii():
            n = len(text)
            p = 0 if pos is None else max(0, min(pos, n))
            e = n if endpos is None else max(0, min(endpos, n))
            if p > e:
                return None
            native = self.native
            if native is not None:
                spans = native.Match(anchor, text.encode("ascii"), p, e)
                return None if spans[0][0] == -1 else AsciiMatch(spans, text, self, p, e)
            m = how(text.encode("ascii"), p, e)
            return None if m is None else AsciiMatch(self._spans_of(m), text, self, p, e)
        return how(text, pos, endpos)

    def finditer(self, text, pos=None, endpos=None):
        if text.__class__ is str and text.isascii():
            return self._ascii_iter(text, pos, endpos)
        return self.program.finditer(text, pos, endpos)

    def _ascii_iter(self, text: str, pos, endpos):
        n = len(text)
        p = 0 if pos is None else max(0, min(pos, n))
        e = n if endpos is None else max(0, min(endpos, n))
        if p > e:
            return
        data = text.encode("ascii")
        native = self.native
        if native is None:
            for m in self.program.finditer(data, p, e):
                yield AsciiMatch(self._spans_of(m), text, self, p, e)
            return
        at = p
        while True:   # (re2's own loop: after an empty match, one character on)
            spans = native.Match(_UNANCHORED, data, at, e)
            if spans[0][0] == -1:
                return
            yield AsciiMatch(spans, text, self, p, e)
            if at == e:
                return
            at = at + 1 if at == spans[0][1] else spans[0][1]

    def search_span(self, text, pos=None, endpos=None) -> tuple[int, int] | None:
        """``search(text, pos, endpos).span()`` without the match object (None: no match)."""
        if text.__class__ is str and text.isascii() and self.native is not None:
            n = len(text)
            p = 0 if pos is None else max(0, min(pos, n))
            e = n if endpos is None else max(0, min(endpos, n))
            if p > e:
                return None
            span = self.native.Match(_UNANCHORED, text.encode("ascii"), p, e)[0]
            return None if span[0] == -1 else span
        m = self.search(text, pos, endpos)
        return None if m is None else m.span()

    def spans(self, text, group=0, pos=None, endpos=None) -> list[tuple[int, int]]:
        """``[m.span(group) for m in finditer(text, pos, endpos)]`` without the match objects:
        for a caller that wants only where the matches are (compiled callers pay for every
        Python-level call, and finditer makes two per match)."""
        if text.__class__ is str and text.isascii() and self.native is not None:
            n = len(text)
            p = 0 if pos is None else max(0, min(pos, n))
            e = n if endpos is None else max(0, min(endpos, n))
            out: list[tuple[int, int]] = []
            if p > e:
                return out
            data = text.encode("ascii")
            native = self.native
            if not 0 <= group <= self.groups:
                raise IndexError("bad group index")
            while True:
                spans = native.Match(_UNANCHORED, data, p, e)
                if spans[0][0] == -1:
                    return out
                out.append(spans[group])
                if p == e:
                    return out
                p = p + 1 if p == spans[0][1] else spans[0][1]
        return [m.span(group) for m in self.finditer(text, pos, endpos)]

    def _spans_of(self, m) -> tuple:
        return tuple(m.span(g) for g in range(self.groups + 1))

    def findall(self, text, pos=None, endpos=None):
        return self.program.findall(text, pos, endpos)

    def split(self, text, maxsplit=0):
        return self.program.split(text, maxsplit)

    def sub(self, repl, text, count=0):
        return self.program.sub(repl, text, count)

    def subn(self, repl, text, count=0):
        return self.program.subn(repl, text, count)


class AsciiMatch:
    """A match of an ASCII ``str`` found on its bytes: ``spans`` are the bytes match's offsets
    (the same for ASCII), one (start, end) pair per group; groups are slices of the ``str``.
    Its methods answer as re2's match objects do."""

    __slots__ = ("_spans", "string", "re", "pos", "endpos")

    def __init__(self, spans: Any, text: str, pattern: RE2Pattern, pos: int, endpos: int):
        self._spans = spans
        self.string = text
        self.re = pattern
        self.pos = pos
        self.endpos = endpos

    def _index(self, group) -> int:
        if group.__class__ is not int:
            try:
                group = self.re.groupindex[group]
            except KeyError:
                raise IndexError("bad group name") from None
        if not 0 <= group <= self.re.groups:
            raise IndexError("bad group index")
        return group

    def __getitem__(self, group):
        a, b = self._spans[self._index(group)]
        return None if a == -1 else self.string[a:b]

    def group(self, *groups):
        if not groups:
            a, b = self._spans[0]
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
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        return self._spans[self._index(group)][1]

    def span(self, group=0):
        return self._spans[self._index(group)]

    @property
    def lastindex(self):
        last, at = None, -1
        for g in range(1, self.re.groups + 1):   # (the first group to end rightmost: the outermost)
            if at < self._spans[g][1]:
                at, last = self._spans[g][1], g
        return last

    @property
    def lastgroup(self):
        last = self.lastindex
        if not last:
            return None
        return next((name for name, i in self.re.groupindex.items() if i == last), None)

    def expand(self, template):
        # (the str program matched at this match's start gives this same match)
        return self.re.program.match(self.string, self.start(), self.endpos).expand(template)
