"""Feed-controlled text only meets linear-time patterns (RE2), checked structurally.

No timing here: a module that imports Python's ``re`` must be listed below with the
reason its patterns never see feed text. Everything else compiles through
``bot.safe_re``, which runs RE2.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import safe_re

BOT = Path(__file__).resolve().parent.parent / "bot"

# modules whose ``re`` patterns run only on text we write (rule files, config, our templates)
OWN_TEXT_ONLY: dict[str, str] = {
    "safe_re.py": "maps re's flag constants onto RE2's inline flags",
    "catalog/regions.py": "checks country and province codes written in rule and catalogue files",
}

# modules still to port to safe_re (remove a name when its patterns move to RE2)
NOT_YET: set[str] = {
}


def _imports_re(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name in ("re", "regex") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module in ("re", "regex") and node.level == 0:
            return True
    return False


MODULES = sorted(str(p.relative_to(BOT)) for p in BOT.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_feed_facing_modules_use_only_linear_time_patterns(module):
    if module in OWN_TEXT_ONLY or module in NOT_YET:
        pytest.skip(OWN_TEXT_ONLY.get(module, "not yet ported to safe_re"))
    assert not _imports_re(BOT / module), (
        f"bot/{module} imports Python's re: compile feed-facing patterns with bot.safe_re "
        "(RE2), or list the module in OWN_TEXT_ONLY with the reason its text is our own")


def test_not_yet_list_has_no_stale_entries():
    stale = sorted(m for m in NOT_YET if not (BOT / m).exists() or not _imports_re(BOT / m))
    assert not stale, f"ported or gone, remove from NOT_YET: {stale}"


def test_safe_re_refuses_backtracking_constructs_with_the_pattern_named():
    with pytest.raises(ValueError, match=r"RE2 cannot compile '\(\?<!x\)y'"):
        safe_re.compile(r"(?<!x)y")
    with pytest.raises(ValueError, match="unsupported flags"):
        safe_re.compile(r"a b", re.VERBOSE)


def test_safe_re_flags_become_inline_flags():
    assert safe_re.compile(r"^share on facebook$", re.I | re.M, owner="test").search(
        "x\nShare on FACEBOOK\ny")


def test_every_registered_pattern_compiles_under_re2():
    import importlib
    for module in MODULES:
        if module.endswith("__main__.py"):
            continue
        importlib.import_module("bot." + module[:-3].replace("/", ".").removesuffix(".__init__"))
    import re2
    for owner, source in safe_re.FEED_PATTERNS:
        re2.compile(source)   # raises if any pattern needs backtracking


# ASCII text goes to RE2 as bytes (no offset conversion in Python); the answers must be re2's own
_PATTERNS = [r"\b(\d+) (?:people|civilians)\b", r"(?P<who>[A-Z][a-z]+) (said|says)", r"^\s*(\w+)?:", r"x*",
             r"[\pL\pN_]+-(?:led|backed)", r"(?i)KILLED|(dead)", r"\b", r"(a)|b?", r"((x)(y)?)+"]
_TEXTS = ["Officials said 12 people died.", "x", "", "  ITEM: 3 civilians; Ahmed says so", "US-led strikes",
          "Killed: 4 dead", "Caf\u00e9 \u00e9t\u00e9 said 5 people", "xxx yx"]


def _as_tuple(m):
    if m is None:
        return None
    return (m.group(), m.group(0), m.groups(), m.groups(""), m.span(), m.start(), m.end(), m.groupdict(),
            [m[i] for i in range(m.re.groups + 1)], [m.span(i) for i in range(m.re.groups + 1)],
            m.lastindex, m.lastgroup, m.string, m.pos, m.endpos)


@pytest.mark.parametrize("native", [True, False], ids=["native", "public"])
@pytest.mark.parametrize("pattern", _PATTERNS)
def test_ascii_text_reads_as_re2_reads_it(pattern, native):
    """The native path (re2's RE2 object asked directly) and the public one (another re2
    version without it) both answer as re2's own str path does."""
    import re2
    ours, theirs = safe_re.compile(pattern, owner="test"), re2.compile(pattern)
    assert ours.native is not None   # (this re2 has the fast path)
    if not native:
        ours.native = None
    for text in _TEXTS:
        for pos, endpos in ((None, None), (2, None), (1, len(text) - 1), (-3, 100), (5, 2), (len(text), None)):
            for how in ("search", "match", "fullmatch"):
                assert _as_tuple(getattr(ours, how)(text, pos, endpos)) == \
                    _as_tuple(getattr(theirs, how)(text, pos, endpos)), (how, pattern, text, pos, endpos)
            assert [_as_tuple(m) for m in ours.finditer(text, pos, endpos)] == \
                [_as_tuple(m) for m in theirs.finditer(text, pos, endpos)]
            m = theirs.search(text, pos, endpos)   # search_span(): search's span without the match object
            assert ours.search_span(text, pos, endpos) == (None if m is None else m.span())
            for g in range(theirs.groups + 1):   # spans(): finditer's spans without the match objects
                assert ours.spans(text, g, pos, endpos) == [m.span(g) for m in theirs.finditer(text, pos, endpos)]
        assert ours.findall(text) == theirs.findall(text)
        assert ours.sub("-", text) == theirs.sub("-", text)
        assert ours.split(text) == theirs.split(text)
    assert ours.pattern == pattern and ours.groups == theirs.groups


def test_ascii_match_bad_groups_raise_as_re2_does():
    m = safe_re.compile(r"(?P<n>\d+) (people)", owner="test").search("said 12 people died")
    for bad in (3, -1):
        with pytest.raises(IndexError):
            m.group(bad)
        with pytest.raises(IndexError):
            m.start(bad)
    with pytest.raises(IndexError):
        m.group("nope")
    assert m.group("n") == "12" and m.lastgroup is None and m.lastindex == 2
    with pytest.raises(IndexError):
        m.re.spans("said 12 people died", 3)


def test_ascii_match_groups_are_str_and_expand_works():
    m = safe_re.compile(r"(\d+) (people)", owner="test").search("said 12 people died")
    assert isinstance(m, safe_re.AsciiMatch)   # read on the bytes: no offset conversion
    assert m.group(1, 2) == ("12", "people") and isinstance(m.group(), str)
    assert m.expand(r"\2: \1") == "people: 12"
