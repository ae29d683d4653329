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

from .errors import Problem, RuleError


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


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys instead of silently keeping the last."""


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
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, (), lm, problems, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        msg = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        raise RuleError([Problem(path, line, f"YAML syntax error: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise RuleError([Problem(path, 1, f"YAML error: {exc}")]) from None
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
