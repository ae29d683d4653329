"""The package layout is a stack of layers: an import may point down the stack or within its own
package, never up, and nothing imports in a circle. ARCHITECTURE.md explains the layers.

A plain ast walk over ``bot/`` (no import-linter: one list and forty lines say the same).
Imports inside functions count too: they are how cycles used to be dodged.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

# Lowest first. A module belongs to the longest entry that prefixes its name.
LAYERS: tuple[str, ...] = (
    "bot.sample", "bot.data",                  # package data (the bundled sample, tables)
    "bot.errors", "bot.models", "bot.clock", "bot.safe_re", "bot.fold", "bot.logs", "bot.metrics", "bot._json",
    "bot.catalog",      # group and region catalogues, the YAML loader, shipped defaults
    "bot.geo",          # coordinates, outlines, distances
    "bot.store",        # SQLite persistence only
    "bot.extraction",      # pure: article text -> Facts
    "bot.rulebook",     # rule files -> compiled matcher; examples; hot reload
    "bot.incidents",    # pure: items -> incidents, update decisions
    "bot.notify",       # pure: the alert payload and its plain-text form
    "bot.config",       # the operator's configuration, read once at start-up
    "bot.feeds",        # edge: fetch, parse, the feed list
    "bot.pipeline",     # the poll cycle: edges meet the core
    "bot.telegram",     # edge: the bot, its commands and the sender
    "bot.app",          # runtime builder, daemon, health server
    "bot.cli",          # the newsbot command
    "bot",              # the public API (bot/__init__.py) and package data
)

# Imports that stay inside a function on purpose, with the reason ("*": any newsbot module).
INNER_ALLOWED: dict[tuple[str, str], str] = {
    ("bot", "bot.extraction"): "the public extract() loads the extraction tables on its first call, not on `import bot`",
    ("bot.cli", "*"): "each subcommand loads only what it runs: `newsbot healthcheck` runs every 30 s in the "
                      "container and must not load the daemon, matplotlib or the gazetteer",
    ("bot.telegram.weekchart", "bot.telegram.weekchart_draw"): "matplotlib (~30 MB) is loaded on the first /stats chart",
    ("bot.extraction._places", "bot.extraction._villages"):
        "the village gazetteer is opened only when an article names no known place (issue 12 owns extract/)",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def layer(module: str) -> int:
    best = -1
    for i, name in enumerate(LAYERS):
        if (module == name or module.startswith(name + ".")) and (best < 0 or len(name) > len(LAYERS[best])):
            best = i
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def package_of(module: str) -> str:
    return LAYERS[layer(module)]


def imports(module: str, source: str, modules=None) -> list[tuple[str, int, bool]]:
    """(imported bot module, line, inside a function) for each import of a newsbot module."""
    modules = MODULES if modules is None else modules
    src = modules.get(module)
    is_pkg = (src.name == "__init__.py") if isinstance(src, Path) else any(m.startswith(module + ".") for m in modules)
    out = []

    def visit(node, inner):
        for child in ast.iter_child_nodes(node):
            nested = inner or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, child.lineno, inner) for a in child.names if a.name.split(".")[0] == "bot")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = module.split(".") if is_pkg else module.split(".")[:-1]
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] != "bot":
                    continue
                for a in child.names:
                    sub = f"{target}.{a.name}"
                    out.append((sub if sub in modules else target, child.lineno, inner))
            visit(child, nested)

    visit(ast.parse(source), False)
    return out


def violations(modules: dict[str, Path] | dict[str, str]) -> list[str]:
    """Upward imports and imports dodged into functions, as ``module:line: message``."""
    problems = []
    for mod, src in modules.items():
        text = src.read_text() if isinstance(src, Path) else src
        for target, line, inner in imports(mod, text, modules):
            if mod.startswith(target + ".") and target != "bot":
                continue                          # a parent package: loaded first anyway
            if layer(target) > layer(mod):
                problems.append(f"{mod}:{line}: imports {target}, which is above it "
                                f"({package_of(target)} over {package_of(mod)})")
            elif inner and (mod, target) not in INNER_ALLOWED and (mod, "*") not in INNER_ALLOWED:
                problems.append(f"{mod}:{line}: imports {target} inside a function: import it at the top")
    return problems


def cycles(modules: dict[str, Path]) -> list[list[str]]:
    graph = {m: set() for m in modules}
    for mod, path in modules.items():
        for target, _, _ in imports(mod, path.read_text(), modules):
            if target in graph and target != mod and not mod.startswith(target + "."):
                graph[mod].add(target)
    found, state = [], {}

    def dfs(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                dfs(nxt, stack)
        stack.pop()
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            dfs(m, [])
    return found


def test_every_module_is_in_a_declared_layer():
    for mod in MODULES:
        layer(mod)


def test_no_import_points_up_a_layer_or_hides_in_a_function():
    assert violations(MODULES) == []


def test_no_import_cycles():
    assert cycles(MODULES) == []


def test_every_module_imports():
    import importlib
    for mod in MODULES:
        importlib.import_module(mod)


def test_the_check_catches_an_upward_import():
    fake = {"bot.store.items": "from bot.incidents import assign\n",
            "bot.incidents": "", "bot.incidents.assign": ""}
    assert violations(fake) == ["bot.store.items:1: imports bot.incidents.assign, which is above it "
                                "(bot.incidents over bot.store)"]


def test_the_check_catches_an_import_dodged_into_a_function():
    fake = {"bot.pipeline.cycle": "def f():\n    from bot.store import items\n",
            "bot.store": "", "bot.store.items": ""}
    assert violations(fake) == ["bot.pipeline.cycle:2: imports bot.store.items inside a function: "
                                "import it at the top"]


@pytest.mark.parametrize("path", sorted(p for p in MODULES.values() if "extraction" not in p.parts),
                         ids=lambda p: str(p.relative_to(BOT)))
def test_modules_stay_small(path: Path):
    lines = len(path.read_text().splitlines())
    assert lines <= 420, f"{path.relative_to(BOT)} has {lines} lines: split it by job (ARCHITECTURE.md)"
