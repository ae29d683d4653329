"""Loading a rules directory into a :class:`~bot.rulebook.schema.RuleSet`, every problem at ``path:line``.

Each rule file is checked against the schema (:mod:`bot.rulebook.schema`), then each rule's
references against the catalogues (group ids, regions, seeds, ``near:`` places) and for sense
(no conditions, keywords always excluded). Nothing is loaded partially: one
:class:`~bot.errors.RuleError` lists every problem of every file.
"""
from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.catalog import yamlsrc
from bot.catalog.groups import GroupCatalog, load_groups
from bot.catalog.regions import COUNTRY_RE, PROVINCE_RE, RegionCatalog, country_code_for_name, country_known, load_regions, province_known
from bot.errors import Problem, RuleError
from bot.geo import PlaceLookupError
from bot.geo._near import NearPoint, point_of
from bot.rulebook.phrases import phrase_always_excluded, phrase_tokens
from bot.rulebook.schema import DEFAULT_SEEDS, PLACE_PREFIX, Rule, RuleSet, RuleSource

__all__ = ["load_rules", "load_seeds", "rule_files", "CATALOGUE_FILES"]

CATALOGUE_FILES = ("groups.yaml", "regions.yaml")


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Any] | None = None


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
