"""The armed-group catalogue: ``rules/groups.yaml``.

Each group has a canonical id, a display name, the aliases news and incident
databases use for it, and an optional parent affiliation (``iskp`` -> ``isil``).
A rule on a parent also covers its affiliates.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.errors import Problem, RuleError
from bot.catalog import yamlsrc

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    # ISO alpha-2 codes where the group operates; extraction uses them as context
    # to choose between groups that share an alias (al-Shabab in Somalia vs Cabo Delgado).
    countries: tuple[str, ...] = ()
    # Aliases too generic to trust without context ("Maoists", "PDF", "al-Shabab" in
    # Mozambique): they match only in articles about one of ``countries``.
    context_aliases: tuple[str, ...] = ()

    @field_validator("aliases", "context_aliases")
    @classmethod
    def _aliases_nonempty(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if not a.strip():
                raise ValueError("an alias may not be empty")
            if a.strip() == "IS":
                raise ValueError("'IS' is an English word and may not be an alias on its own")
        return v

    @field_validator("countries")
    @classmethod
    def _countries_alpha2(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for c in v:
            if len(c) != 2 or not c.isalpha() or not c.isupper():
                raise ValueError(f"country {c!r} is not an ISO 3166-1 alpha-2 code")
        return v


class _GroupsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[Group]


@dataclass(frozen=True)
class GroupCatalog:
    groups: dict[str, Group]

    def __contains__(self, gid: str) -> bool:
        return gid in self.groups

    def get(self, gid: str) -> Group | None:
        return self.groups.get(gid)

    def name(self, gid: str) -> str:
        g = self.groups.get(gid)
        return g.name if g else gid

    def ancestors(self, gid: str) -> tuple[str, ...]:
        """Parents of ``gid``, nearest first (not including ``gid``)."""
        out: list[str] = []
        g = self.groups.get(gid)
        while g is not None and g.parent and g.parent not in out:
            out.append(g.parent)
            g = self.groups.get(g.parent)
        return tuple(out)

    def family(self, gid: str) -> tuple[str, ...]:
        """``gid`` and its ancestors: the ids a rule may name to cover ``gid``."""
        return (gid,) + self.ancestors(gid)

    def descendants(self, gid: str) -> frozenset[str]:
        """``gid`` and every group affiliated with it, directly or not."""
        return frozenset(g for g in self.groups if gid in self.family(g))


def parse_groups(text: str, path: str = "<groups>") -> GroupCatalog:
    data, lm = yamlsrc.loads(text, path)
    if not isinstance(data, dict):
        raise RuleError([Problem(path, 1, "expected a mapping with a 'groups' list")])
    try:
        parsed = _GroupsFile.model_validate(data)
    except ValidationError as exc:
        raise RuleError(yamlsrc.pydantic_problems(exc, lm)) from None
    problems: list[Problem] = []
    groups: dict[str, Group] = {}
    for i, g in enumerate(parsed.groups):
        if g.id in groups:
            problems.append(Problem(path, lm.line_of(("groups", i, "id")), f"duplicate group id {g.id!r}"))
        groups[g.id] = g
    for i, g in enumerate(parsed.groups):
        if g.parent is not None and g.parent not in groups:
            problems.append(Problem(path, lm.line_of(("groups", i, "parent")), f"unknown parent group {g.parent!r}"))
    cat = GroupCatalog(groups)
    for i, g in enumerate(parsed.groups):
        if g.id in cat.ancestors(g.id):
            problems.append(Problem(path, lm.line_of(("groups", i, "parent")), f"affiliation cycle through {g.id!r}"))
    if problems:
        raise RuleError(problems)
    return cat


def load_groups(path: str | Path) -> GroupCatalog:
    return parse_groups(yamlsrc.read_text(path), str(path))
