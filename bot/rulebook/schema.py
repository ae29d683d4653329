"""Alert rules: schema-checked YAML that ships with its own test cases.

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
      examples:                       # run by `newsbot rules check` / `rules test`
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

:func:`load_rules` validates everything as a whole and raises
:class:`~bot.errors.RuleError` listing every problem as ``path:line: what``.
:func:`bot.rulebook.examples.run_examples` runs each rule's examples through
extraction and matching, the same path the daemon uses.
"""
from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    model_validator,
)

from bot.catalog import yamlsrc
from bot.errors import Problem, RuleError
from bot.geo import PlaceLookupError
from bot.geo._near import NearPoint, NearSpec, point_of
from bot.catalog.groups import GroupCatalog, load_groups
from bot.catalog.regions import COUNTRY_RE, PROVINCE_RE, RegionCatalog, country_code_for_name, country_known, load_regions, province_known
from bot.rulebook.phrases import phrase_always_excluded, phrase_tokens

RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
KINDS = ("attack", "arrest", "diplomacy", "other")
SEVERITIES = ("info", "low", "medium", "high", "critical")
PLACE_PREFIX = "place:"
CATALOGUE_FILES = ("groups.yaml", "regions.yaml")
DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "sample" / "seeds.jsonl"

Severity = Literal["info", "low", "medium", "high", "critical"]
KindName = Literal["attack", "arrest", "diplomacy", "other"]

# ---------------------------------------------------------------- schema
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


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Any] | None = None


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


# ---------------------------------------------------------------- loading
def _fmt_loc(loc: tuple) -> str:
    out = ""
    for x in loc:
        out += f"[{x}]" if isinstance(x, int) else (f".{x}" if out else str(x))
    return out


def _schema_problems(exc: ValidationError, lm: yamlsrc.LineMap, prefix: tuple, label: str,
                     known_keys: tuple[str, ...]) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = lm.line_of(prefix + loc)
        if err["type"] == "extra_forbidden":
            key = loc[-1]
            where = _fmt_loc(loc[:-1])
            hint = ""
            if not where:
                close = difflib.get_close_matches(str(key), known_keys, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
            msg = f"unknown key {key!r}" + (f" in {where}" if where else "") + hint
        else:
            where = _fmt_loc(loc)
            msg = f"{where}: {err['msg']}" if where else err["msg"]
            if err["type"] == "missing":
                msg = f"missing required key {where!r}"
            elif err["type"] in ("int_type", "int_parsing", "int_from_float"):
                msg = f"{where}: {err.get('input')!r} is not a whole number"
            elif err["type"] == "string_type" and isinstance(err.get("input"), bool):
                msg += " (YAML reads yes/no/on/off as true/false: quote it)"
        out.append(Problem(lm.path, line, f"{label}: {msg}"))
    return out


def _load_seed_ids(path: Path) -> set[str] | None:
    try:
        with path.open(encoding="utf-8") as fh:
            return {json.loads(line)["id"] for line in fh if line.strip()}
    except (OSError, ValueError, KeyError):
        return None


def load_seeds(path: Path | str = DEFAULT_SEEDS) -> dict[str, dict]:
    """Seed articles by id: ``{"id", "title", "text", "published"}``."""
    out: dict[str, dict] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d
    return out


def _check_group(gid: str, groups: GroupCatalog) -> str | None:
    if gid in groups:
        return None
    folded = gid.casefold()
    owners = [g.id for g in groups.groups.values()
              if folded == g.name.casefold() or folded in (a.casefold() for a in g.aliases)]
    if len(owners) == 1:
        return f"unknown group id {gid!r} (that is an alias: use the group id {owners[0]!r})"
    if owners:
        return f"unknown group id {gid!r} (that is an alias of {', '.join(map(repr, owners))}: use a group id)"
    close = difflib.get_close_matches(gid, list(groups.groups), n=1)
    return f"unknown group id {gid!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def _check_region(rid: str, regions: RegionCatalog) -> str | None:
    if rid.startswith(PLACE_PREFIX):
        return None if rid[len(PLACE_PREFIX):].strip() else "empty place name in 'place:'"
    if rid in regions:
        return None
    if COUNTRY_RE.match(rid):
        return None if country_known(rid) else f"unknown country code {rid!r}"
    if PROVINCE_RE.match(rid):
        return None if province_known(rid) else f"unknown ISO 3166-2 province code {rid!r}"
    if country_known(rid.upper()) or province_known(rid.upper()):
        return f"unknown region {rid!r} (country and province codes are upper case: {rid.upper()!r})"
    code = country_code_for_name(rid)
    if code:
        return f"unknown region {rid!r} (a country is written as its ISO code: did you mean {code}?)"
    close = regions.suggest(rid)
    if close:
        return f"unknown region {rid!r} (did you mean {close!r}?)"
    return (f"unknown region {rid!r}: use a region id from regions.yaml ({', '.join(sorted(regions.regions)[:6])}, "
            f"…), an ISO country code (CD), an ISO 3166-2 code (CD-NK), or 'place:{rid}' if it is a town "
            "or district")


def _rule_problems(rule: Rule, lm: yamlsrc.LineMap, at: tuple, groups: GroupCatalog | None,
                   regions: RegionCatalog | None, seed_ids: set[str] | None) -> list[Problem]:
    """Reference and sense checks of one schema-valid rule."""
    out: list[Problem] = []
    label = f"rule {rule.id!r}"

    def add(loc: tuple, msg: str) -> None:
        out.append(Problem(lm.path, lm.line_of(at + loc), f"{label}: {msg}"))

    if groups is not None:
        for i, gid in enumerate(rule.groups):
            msg = _check_group(gid, groups)
            if msg:
                add(("groups", i), msg)
    if regions is not None:
        for i, rid in enumerate(rule.regions):
            msg = _check_region(rid, regions)
            if msg:
                add(("regions", i), msg)
    for key in ("keywords_any", "keywords_all", "exclude"):
        for i, phrase in enumerate(getattr(rule, key)):
            if not phrase_tokens(phrase):
                add((key, i), f"{key} entry {phrase!r} has no words, so it can never match")
    if not rule.has_conditions:
        add(("id",), "the rule has no conditions and would match every item; "
                     "give groups, regions, kinds, a min_* threshold or keywords")
    for i, kw in enumerate(rule.keywords_all):
        for ex in rule.exclude:
            if phrase_always_excluded(kw, ex):
                add(("keywords_all", i), f"can match nothing: required keyword {kw!r} is always excluded by {ex!r}")
    if rule.keywords_any and rule.exclude and all(
        any(phrase_always_excluded(kw, ex) for ex in rule.exclude) for kw in rule.keywords_any
    ):
        add(("exclude",), "can match nothing: every keywords_any phrase is excluded")
    if seed_ids is not None:
        for i, ex in enumerate(rule.examples):
            if ex.seed is not None and ex.seed not in seed_ids:
                close = difflib.get_close_matches(ex.seed, sorted(seed_ids), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                add(("examples", i, "seed"), f"unknown seed {ex.seed!r}{hint}")
    return out


def rule_files(rules_dir: str | Path) -> list[Path]:
    """The rule files of a directory, in rule order (file name order)."""
    d = Path(rules_dir)
    found = [*d.glob("*.yaml"), *d.glob("*.yml")]
    return sorted(p for p in found if p.name not in CATALOGUE_FILES and p.is_file())


def _fingerprint(rules: list[Rule], groups: GroupCatalog, regions: RegionCatalog) -> str:
    payload = {
        "rules": [r.model_dump(mode="json") for r in rules],
        "groups": {k: g.model_dump(mode="json") for k, g in sorted(groups.groups.items())},
        "regions": {k: r.model_dump(mode="json") for k, r in sorted(regions.regions.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def load_rules(rules_dir: str | Path, *, seeds_path: str | Path | None = None) -> RuleSet:
    """Load and validate the whole rules directory.

    Raises :class:`RuleError` whose ``problems`` list every mistake found in
    every file (``path:line: what is wrong``); nothing is loaded partially.
    """
    d = Path(rules_dir)
    seeds = Path(seeds_path) if seeds_path is not None else DEFAULT_SEEDS
    problems: list[Problem] = []
    if not d.is_dir():
        raise RuleError([Problem(str(d), 1, "rules directory not found")])

    groups: GroupCatalog | None = None
    regions: RegionCatalog | None = None
    try:
        groups = load_groups(d / "groups.yaml")
    except RuleError as exc:
        problems += exc.problems
    try:
        regions = load_regions(d / "regions.yaml")
    except RuleError as exc:
        problems += exc.problems
    seed_ids = _load_seed_ids(seeds)

    files = rule_files(d)
    if not files:
        problems.append(Problem(str(d), 1, "no rule files (*.yaml or *.yml besides groups.yaml and regions.yaml)"))
    known_keys = tuple(Rule.model_fields)
    rules: list[Rule] = []
    sources: dict[str, RuleSource] = {}
    near: dict[str, tuple[NearPoint, ...]] = {}
    for path in files:
        try:
            data, lm = yamlsrc.load(path)
        except RuleError as exc:
            problems += exc.problems
            continue
        if data is None:
            problems.append(Problem(str(path), 1, "the rule file is empty: give it a 'rules:' list "
                                                  "(or move the file out of the rules folder)"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(str(path), 1, "a rule file is a mapping with a 'rules:' list"))
            continue
        try:
            top = _RulesFile.model_validate(data)
        except ValidationError as exc:
            problems += _schema_problems(exc, lm, (), "file", ("rules",))
            continue
        if not isinstance(top.rules, list):
            problems.append(Problem(str(path), lm.line_of(("rules",)) if "rules" in data else 1,
                                    "the rule file has no 'rules:' list"))
            continue
        for i, raw in enumerate(top.rules or []):
            rid = raw.get("id") if isinstance(raw, dict) else None
            label = f"rule {rid!r}" if isinstance(rid, str) else f"rules[{i}]"
            if not isinstance(raw, dict):
                problems.append(Problem(str(path), lm.line_of(("rules", i)), f"{label}: a rule is a mapping of keys"))
                continue
            try:
                rule = Rule.model_validate(raw)
            except ValidationError as exc:
                problems += _schema_problems(exc, lm, ("rules", i), label, known_keys)
                continue
            problems += _rule_problems(rule, lm, ("rules", i), groups, regions, seed_ids)
            line = lm.line_of(("rules", i))
            if rule.id in sources:
                problems.append(Problem(str(path), lm.line_of(("rules", i, "id")),
                                        f"duplicate rule id {rule.id!r} (first defined at {sources[rule.id]})"))
                continue
            if rule.near:
                pts, near_problems = _resolve_near(rule, lm, ("rules", i))
                problems += near_problems
                near[rule.id] = pts
            ex_lines = tuple(lm.line_of(("rules", i, "examples", j)) for j in range(len(rule.examples)))
            sources[rule.id] = RuleSource(str(path), line, ex_lines)
            rules.append(rule)
    if problems:
        raise RuleError(problems)
    assert groups is not None and regions is not None
    return RuleSet(
        rules=tuple(rules),
        groups=groups,
        regions=regions,
        fingerprint=_fingerprint(rules, groups, regions),
        sources=sources,
        seeds_path=seeds,
        near=near,
    )


def _resolve_near(rule: Rule, lm: yamlsrc.LineMap, at: tuple) -> tuple[tuple[NearPoint, ...], list[Problem]]:
    """A rule's ``near:`` places through the gazetteer (loaded on first use); unknown or ambiguous: path:line."""
    pts: list[NearPoint] = []
    out: list[Problem] = []
    for j, spec in enumerate(rule.near):
        try:
            pts.append(point_of(spec))
        except PlaceLookupError as exc:
            out.append(Problem(lm.path, lm.line_of(at + ("near", j, "place")), f"rule {rule.id!r}: near: {exc}"))
    return tuple(pts), out
