"""Alert rules: schema-checked YAML that ships with its own test cases. This module: what a rule is.

Layout of a rules directory::

    rules/
      groups.yaml    the armed-group catalogue (bot.catalog.groups)
      regions.yaml   the region catalogue (bot.catalog.regions)
      *.yaml         rule files, each a mapping with a ``rules:`` list

Rule order is file name order, then list order. A rule::

    - id: isil-10-killed              # lower case, digits, hyphens; unique across files
      title: ISIL or affiliates, 10 or more killed
      description: ...                # optional
      enabled: true                   # default true
      severity: high                  # info | low | medium (default) | high | critical
      groups: [isil]                  # any of; matched against PERPETRATOR groups only
      include_affiliates: true        # default true: isil also covers iskp, adf, iswap ...
      regions: [africa, CD, CD-NK, sahel, "place:Macomia"]   # any of
      kinds: [attack]                 # any of: attack | arrest | diplomacy | other
      min_killed: 10                  # needs a killed figure >= 10
      min_wounded: 5
      min_casualties: 20              # killed + wounded (a missing figure counts 0; both missing: no match)
      keywords_any: [suicide bombing] # any of these phrases
      keywords_all: [bank]            # all of these phrases
      exclude: [drill]                # none of these phrases
      near:                           # any of these circles (bot.geo): a gazetteer place or lat/lon
        - {place: Beni, km: 50}       # "Name", "Name, CC" or "Name, CC-PROV"; ambiguous names are errors
        - {lat: -11.35, lon: 40.35, km: 30, name: "Macomia road"}
      examples:                       # run by `newsbot rules check` (bot.rulebook.examples)
        - {seed: drc-beni-adf-38, match: true}        # an id of bot/sample/seeds.jsonl
        - {title: "...", text: "...", match: false}

Every condition given must hold (AND); inside a list, any entry will do (OR),
except ``keywords_all``. An empty or missing list is no condition.

Regions are written as: a continent or named region id from ``regions.yaml``
(lower case), a country as ISO 3166-1 alpha-2 (``CD``, upper case), a province
as ISO 3166-2 (``CD-NK``), or a place as ``place:Name``. A place matches the
article's place (or any comma-separated part of it, so ``place:Moscow`` matches
"Crocus City Hall, Moscow") or its province name, ignoring case.

Keywords are whole words or phrases, searched in the title and the text.
Words written in capitals (two or more letters: ``ISIS``, ``ADF``, ``US``,
``M23``) match case-sensitively, every other word ignores case. Words split
by punctuation may be written with a space or a hyphen ("al-Shabaab" also
finds "al Shabaab").

:func:`bot.rulebook.load.load_rules` validates everything as a whole and raises
:class:`~bot.errors.RuleError` listing every problem as ``path:line: what``.
:func:`bot.rulebook.examples.run_examples` runs each rule's examples through
extraction and matching, the same path the daemon uses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from bot.catalog.groups import GroupCatalog
from bot.catalog.regions import RegionCatalog
from bot.geo._near import NearPoint, NearSpec

RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
KINDS = ("attack", "arrest", "diplomacy", "other")
SEVERITIES = ("info", "low", "medium", "high", "critical")
PLACE_PREFIX = "place:"
DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "sample" / "seeds.jsonl"

Severity = Literal["info", "low", "medium", "high", "critical"]
KindName = Literal["attack", "arrest", "diplomacy", "other"]

class Example(BaseModel):
    """A test case: a text (with optional title) or a seed reference, and whether it must match."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: str | None = None
    title: str = ""
    text: str | None = None
    published: datetime | None = None
    match: StrictBool
    note: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> "Example":
        if self.seed is None and self.text is None and not self.title:
            raise ValueError("an example needs 'text' (and optionally 'title') or 'seed'")
        if self.seed is not None and (self.text is not None or self.title):
            raise ValueError("an example has either 'seed' or 'text'/'title', not both")
        return self


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str = Field(min_length=1)
    description: str = ""
    enabled: StrictBool = True
    severity: Severity = "medium"
    groups: list[str] = []
    include_affiliates: StrictBool = True
    regions: list[str] = []
    kinds: list[KindName] = []
    min_killed: StrictInt | None = Field(default=None, ge=0)
    min_wounded: StrictInt | None = Field(default=None, ge=0)
    min_casualties: StrictInt | None = Field(default=None, ge=0)
    keywords_any: list[str] = []
    keywords_all: list[str] = []
    exclude: list[str] = []
    near: list[NearSpec] = []
    examples: list[Example] = []

    @property
    def has_conditions(self) -> bool:
        return bool(
            self.groups or self.regions or self.kinds or self.keywords_any or self.keywords_all
            or self.min_killed is not None or self.min_wounded is not None
            or self.min_casualties is not None or bool(self.near)
        )


@dataclass(frozen=True, slots=True)
class RuleSource:
    """Where a rule was defined: for example failures and duplicate-id messages."""

    path: str
    line: int
    example_lines: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, eq=False)
class RuleSet:
    """A validated rule set and the catalogues it refers to."""

    rules: tuple[Rule, ...]
    groups: GroupCatalog
    regions: RegionCatalog
    fingerprint: str                       # sha256 of the parsed content: same content, same value
    sources: Mapping[str, RuleSource] = field(default_factory=dict)
    seeds_path: Path = DEFAULT_SEEDS
    near: Mapping[str, tuple[NearPoint, ...]] = field(default_factory=dict)   # rule id -> resolved circles

    def get(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    @property
    def enabled(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)
