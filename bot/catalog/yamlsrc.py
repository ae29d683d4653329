"""YAML loading that remembers where every value came from.

Rule and catalogue errors must say ``path:line: what is wrong``. PyYAML's
composer already records positions on nodes; :func:`load` builds plain
Python data from the node tree and a :class:`LineMap` from value paths
(``("rules", 2, "min_killed")``) to 1-based line numbers, so a pydantic
error location can be turned into a file line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from bot.errors import Problem, RuleError


@dataclass
class LineMap:
    path: str
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: Iterable[Any]) -> int:
        """Line of the deepest known prefix of ``loc`` (1 when nothing is known)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


#: deepest nesting of lists and mappings accepted (10,000 nested ``[`` would exhaust the stack)
MAX_DEPTH = 100
#: largest rule, catalogue or config file read (the shipped groups.yaml is 15 KB)
MAX_CHARS = 1024 * 1024


class _Refused(Exception):
    def __init__(self, mark, message: str):
        self.mark, self.message = mark, message


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader for files people write: no anchors or aliases, bounded nesting.

    Aliases are refused while composing, before anything is expanded, so an alias bomb
    (a few hundred bytes that expand into millions of nodes) costs nothing; nesting
    deeper than :data:`MAX_DEPTH` is refused before Python's recursion limit is reached.
    Duplicate keys are refused by :func:`_build`.
    """

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark, f"aliases (*{event.anchor}) are not allowed here: "
                                             "write the value out in full")
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, f"anchors (&{event.anchor}) are not allowed here: "
                                             "write the value out in full")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if self._depth >= MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


def _indent(text: str, line: int) -> tuple[int, int | None]:
    """(indent of 0-based ``line``, indent of the nearest non-blank line above it, or None
    when there is none or that line opens a block with a trailing ``:``)."""
    lines = text.splitlines()
    if line >= len(lines):
        return 0, None
    cur = len(lines[line]) - len(lines[line].lstrip(" "))
    for prev in reversed(lines[:line]):
        if prev.strip() and not prev.lstrip().startswith("#"):
            if prev.rstrip().endswith(":"):
                return cur, None
            return cur, len(prev) - len(prev.lstrip(" "))
    return cur, None


def _flow_depth_problem(text: str, path: str) -> Problem | None:
    """A linear pre-scan for ``[``/``{`` nested deeper than :data:`MAX_DEPTH`.

    PyYAML's scanner looks ahead through every unclosed ``[`` (each may start a key),
    at a cost that grows with the square of their number, before the composer sees the
    first one; so deep flow nesting is refused here, before PyYAML runs. Quoted text and
    comments are skipped.
    """
    depth = 0
    line, col = 1, 0
    quote = ""
    prev = "\n"
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        col += 1
        if c == "\n":
            line, col = line + 1, 0
        elif quote:
            if c == "\\" and quote == '"':
                i += 1
                col += 1
            elif c == quote:
                quote = ""
        elif c in "'\"" and (prev in " \t\n[{,:-?" ):
            quote = c
        elif c == "#" and prev in " \t\n":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(path, line, f"nested more than {MAX_DEPTH} levels deep", col)
        elif c in "]}":
            depth = max(0, depth - 1)
        prev = c
        i += 1
    return None


def plain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message in plain words) for a PyYAML syntax error; 1-based."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark.line + 1 if exc.context_mark else None
    if "'\\t'" in problem or "\t" in problem:
        return line, col, "a tab cannot indent YAML: use spaces"
    if "mapping values are not allowed" in problem:
        cur, prev = _indent(text, line - 1)
        if prev is not None and cur > prev:
            return line, cur + 1, "this line is indented more than the one above"
        return line, col, "a ': ' inside a value: put the value in quotes"
    if "expected <block end>" in problem:
        return line, col, ("this line's indentation does not match the lines above it"
                           + (f" (the block starts at line {opened})" if opened else ""))
    if "quoted scalar" in context:
        return line, col, f"a quoted value is never closed (the quote opens at line {opened or line})"
    if "flow node" in context and "<stream end>" in problem:
        return line, col, "a '[' or '{' is never closed"
    if "flow sequence" in context:
        return line, col, f"a '[' is never closed (opened at line {opened or line})"
    if "flow mapping" in context:
        return line, col, f"a '{{' is never closed (opened at line {opened or line})"
    if "block mapping" in context and "expected <block end>" not in problem:
        return line, col, f"this line does not fit the mapping above it: {problem}"
    return line, col, "YAML syntax error: " + (" ".join(x for x in (context, problem) if x) or "invalid YAML")


def _build(node: yaml.Node, loc: tuple, lm: LineMap, problems: list[Problem], loader) -> Any:
    lm.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        loader.flatten_mapping(node)
        for knode, vnode in node.value:
            key = loader.construct_object(knode, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                problems.append(Problem(lm.path, knode.start_mark.line + 1, "mapping keys must be plain scalars"))
                continue
            if key in out:
                problems.append(Problem(lm.path, knode.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            out[key] = _build(vnode, loc + (key,), lm, problems, loader)
            lm.lines[loc + (key,)] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(v, loc + (i,), lm, problems, loader) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def loads(text: str, path: str = "<string>") -> tuple[Any, LineMap]:
    """Parse YAML text; raise :class:`RuleError` with ``path:line`` on any syntax problem."""
    lm = LineMap(path)
    problems: list[Problem] = []
    if len(text) > MAX_CHARS:
        raise RuleError([Problem(path, 1, f"the file is {len(text):,} characters; newsbot reads YAML files "
                                          f"of up to {MAX_CHARS:,}")])
    deep = _flow_depth_problem(text, path)
    if deep is not None:
        raise RuleError([deep])
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, (), lm, problems, loader)
    except _Refused as exc:
        raise RuleError([Problem(path, exc.mark.line + 1, exc.message, exc.mark.column + 1)]) from None
    except yaml.MarkedYAMLError as exc:
        line, col, msg = plain_syntax_error(exc, text)
        raise RuleError([Problem(path, line, msg, col)]) from None
    except yaml.YAMLError as exc:
        raise RuleError([Problem(path, 1, f"YAML error: {exc}")]) from None
    except RecursionError:   # defence in depth: MAX_DEPTH should have stopped it first
        mark = loader.get_mark()
        raise RuleError([Problem(path, mark.line + 1, "nested too deeply to read", mark.column + 1)]) from None
    finally:
        loader.dispose()
    if problems:
        raise RuleError(problems)
    return data, lm


def read_text(path: str | Path) -> str:
    """A user-edited file's text; an unreadable file is a located :class:`RuleError`."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([Problem(str(path), 1, f"cannot read file: {exc}")]) from None


def load(path: str | Path) -> tuple[Any, LineMap]:
    return loads(read_text(path), str(path))


def pydantic_problems(exc, lm: LineMap, prefix: tuple = ()) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into located problems."""
    out = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        where = ".".join(str(x) for x in loc if not isinstance(x, int) or True)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r}"
        elif where:
            msg = f"{where}: {msg}"
        out.append(Problem(lm.path, lm.line_of(loc), msg))
    return out
