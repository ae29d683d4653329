"""The ``newsbot`` command line."""
from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

import click

from .config import Config, FeedConfig, load_config
from .errors import ConfigError, NewsbotError, RuleError
from .logs import setup_logging

def default_rules_dir() -> Path:
    """./rules when present, else the rules shipped with newsbot (package data when installed)."""
    from bot.catalog.shipped import shipped_rules_dir
    here = Path("rules")
    return here if (here / "groups.yaml").exists() else shipped_rules_dir()


def _fail(exc: Exception, code: int = 2) -> None:
    click.echo(f"newsbot: {exc}", err=True)
    sys.exit(code)


def _version(ctx: click.Context, _param, value: bool) -> None:
    """``--version``: the package version, then which extraction reader this install runs."""
    if not value or ctx.resilient_parsing:
        return
    from importlib import metadata
    from bot.extraction import reader
    click.echo(f"newsbot, version {metadata.version('newsbot')}")
    click.echo(f"extraction: {reader()}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and which extraction reader runs (compiled or pure Python), then exit.")
def main() -> None:
    """newsbot: news-monitoring alerts on armed-group attacks, delivered to Telegram."""


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
              help="Rules directory (default: the shipped rules).")
@click.option("--per-article", is_flag=True, help="One alert per (rule, article): incident folding off.")
def demo(as_json: bool, rules_dir: Path | None, per_article: bool) -> None:
    """Run the whole pipeline on the bundled sample feed: no token, no network."""
    from bot.app.runtime import run_once
    from .sample import FEED

    setup_logging("WARNING")
    with tempfile.TemporaryDirectory(prefix="newsbot-demo-") as tmp:
        config = Config(feeds=[FeedConfig(url=FEED.as_uri(), name="sample")],
                        rules_dir=rules_dir or default_rules_dir(), state_dir=Path(tmp),
                        alert_backlog=True, console=True,
                        retention={"items_days": 100 * 365})   # the sample's articles are from 2023-24
        if per_article:
            config.incidents = config.incidents.model_copy(update={"enabled": False})
        try:
            report = asyncio.run(run_once(config, as_json=as_json))
        except NewsbotError as exc:
            _fail(exc, 1)
    if not as_json:
        updates = sum(1 for p in report.processed for pl in p.alerts
                      if isinstance(pl, dict) and pl.get("type") == "update")
        click.echo(f"{report.new_items} items read, {report.alerts - updates} alerts and "
                   f"{updates} updates.", err=True)


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), envvar="NEWSBOT_CONFIG",
              help="Configuration file (env NEWSBOT_CONFIG; default ./newsbot.yaml).")
@click.option("--once", is_flag=True, help="One poll cycle of every feed, then exit (non-zero when every feed failed).")
def run(config_path: Path | None, once: bool) -> None:
    """Poll the configured feeds and deliver alerts (the daemon, or one cycle with --once)."""
    from bot.app.daemon import run_daemon
    from bot.app.runtime import run_once

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        _fail(exc)
    token = config.telegram_token.get_secret_value() if config.telegram_token else ""
    setup_logging(config.log.level, json_lines=config.log.json_lines, secrets=[token])
    click.echo(f"newsbot: configuration {config.source}, rules {config.rules_dir}", err=True)
    try:
        if once:
            report = asyncio.run(run_once(config))
            failed = [f for f in report.feeds if f.status == "error"]
            click.echo(f"{len(report.feeds)} feeds polled ({len(failed)} failed), "
                       f"{report.new_items} new items, {report.alerts} alerts, {report.queued} queued.",
                       err=True)
            if report.feeds and len(failed) == len(report.feeds):
                for f in failed:
                    click.echo(f"  {f.name} {f.url}: {f.error or f.error_kind or 'failed'}", err=True)
                _fail(f"no feed could be polled: all {len(failed)} failed", 1)
            if not report.feeds:
                _fail("no feeds configured: add feeds: to the configuration or use `newsbot feeds add`", 1)
        else:
            asyncio.run(run_daemon(config))
    except RuleError as exc:
        _fail(f"invalid rules, not starting:\n{exc}", 1)
    except NewsbotError as exc:
        _fail(exc, 1)
    except KeyboardInterrupt:
        pass


@main.group()
def rules() -> None:
    """Check and try out alert rules."""


@rules.command("check")
@click.argument("rules_dir", required=False, type=click.Path(path_type=Path))
def rules_check(rules_dir: Path | None) -> None:
    """Validate every rule file and run each rule's examples. Exit 1 on any problem."""
    from bot.rulebook.examples import run_examples
    from bot.rulebook.load import load_rules

    rules_dir = rules_dir or default_rules_dir()
    try:
        ruleset = load_rules(rules_dir)
    except RuleError as exc:
        for p in exc.problems:
            click.echo(str(p))
        click.echo(f"{len(exc.problems)} problem(s) in {rules_dir}", err=True)
        sys.exit(1)
    problems = run_examples(ruleset)
    for p in problems:
        click.echo(str(p))
    n_examples = sum(len(r.examples) for r in ruleset.rules)
    click.echo(f"{len(ruleset.rules)} rules, {n_examples} examples, {len(problems)} problem(s)", err=True)
    sys.exit(1 if problems else 0)


@rules.command("test")
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="A feed file or JSON lines of {id,title,text,published} (default: the bundled sample).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
              help="Rules directory (default: ./rules when present, else the shipped rules).")
@click.option("--rule", "rule_ids", multiple=True, metavar="ID",
              help="Test only this rule (repeatable; default: every rule).")
def rules_test(corpus: Path | None, rules_dir: Path | None, rule_ids: tuple[str, ...]) -> None:
    """Run the rules over a corpus and show, per rule, what matched and why."""
    from bot.feeds.corpus import load_corpus
    from bot.pipeline.process import process_item
    from bot.rulebook.book import Rulebook
    from bot.rulebook.explain import ItemResult, explain
    from .sample import CORPUS

    try:
        book = Rulebook.load(rules_dir or default_rules_dir())
        items = load_corpus(corpus or CORPUS)
    except RuleError as exc:
        _fail(f"invalid rules:\n{exc}", 1)
    except NewsbotError as exc:
        _fail(exc, 1)
    chosen = list(book.ruleset.rules)
    if rule_ids:
        import difflib
        known = {r.id: r for r in chosen}
        for rid in rule_ids:
            if rid not in known:
                close = difflib.get_close_matches(rid, sorted(known), n=1)
                _fail(f"no rule {rid!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
                      + f"; the rules are: {', '.join(sorted(known))}", 1)
        chosen = [known[rid] for rid in dict.fromkeys(rule_ids)]
    results = [ItemResult(p.item.key, p.item.title, p.facts, p.matches)
               for p in (process_item(item, book) for item in items)]
    click.echo(explain(book.ruleset, results, rules=chosen, show_facts=True), nl=False)


@main.command("extract")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
def extract_cmd(source) -> None:
    """Read facts from articles: JSON lines {id,title,text,published?} give one JSON line each;
    plain text (anything not starting with '{') is read as one article, its first line the title."""
    from bot.feeds.corpus import CorpusError, parse_time, records
    from bot.extraction import extract

    text = source.read()
    try:
        if text.lstrip()[:1] == "{":
            recs = list(records(text.splitlines(), getattr(source, "name", "<stdin>")))
        else:
            title, _, body = text.strip().partition("\n")
            recs = [{"id": None, "title": title.strip(), "text": body.strip()}] if text.strip() else []
        for rec in recs:
            facts = extract(rec.get("title") or "", rec.get("text") or "", parse_time(rec.get("published")))
            click.echo(json.dumps({"id": rec.get("id"), **facts.to_dict()}, ensure_ascii=False))
    except CorpusError as exc:
        _fail(exc, 1)


@main.group()
def incidents() -> None:
    """Incidents: the articles folded into one real-world event, with their timeline."""


def _incident_store(config_path: Path | None):
    from .store import Store
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        _fail(exc)
    return Store(config.db_path)


_config_option = click.option("--config", "config_path", type=click.Path(path_type=Path), envvar="NEWSBOT_CONFIG",
                              help="Configuration file (env NEWSBOT_CONFIG; default ./newsbot.yaml); "
                                   "its state_dir holds the incidents.")
_feeds_config_option = click.option("--config", "config_path", type=click.Path(path_type=Path),
                                    envvar="NEWSBOT_CONFIG",
                                    help="Configuration file (env NEWSBOT_CONFIG; default ./newsbot.yaml): "
                                         "its feeds plus those added here, kept in its state_dir.")


@incidents.command("list")
@_config_option
@click.option("--limit", default=50, show_default=True, help="How many, newest first.")
def incidents_list_cmd(config_path: Path | None, limit: int) -> None:
    """Recent incidents, newest first: place, groups, toll and how many items."""
    from bot.incidents.report import incidents_list
    store = _incident_store(config_path)
    try:
        click.echo(incidents_list(store, limit=limit))
    finally:
        store.close()


def _print_incident(config_path: Path | None, render, incident_id: int) -> None:
    store = _incident_store(config_path)
    try:
        click.echo(render(store, incident_id))
    except NewsbotError as exc:
        _fail(exc, 1)
    finally:
        store.close()


@incidents.command("show")
@_config_option
@click.argument("incident_id", type=int)
def incidents_show_cmd(config_path: Path | None, incident_id: int) -> None:
    """One incident's timeline: items, tolls and alerts sent."""
    from bot.incidents.report import incident_show
    _print_incident(config_path, incident_show, incident_id)


@incidents.command("explain")
@_config_option
@click.argument("incident_id", type=int)
def incidents_explain_cmd(config_path: Path | None, incident_id: int) -> None:
    """Why each item was joined to the incident (the signals and their scores)."""
    from bot.incidents.report import incident_explain
    _print_incident(config_path, incident_explain, incident_id)


@main.group()
def feeds() -> None:
    """Manage the polled feeds (the config file's feeds plus those added here)."""


def _feeds_ctx(config_path: Path | None):
    from .store import Store
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        _fail(exc)
    return config, Store(config.db_path)


@feeds.command("list")
@_feeds_config_option
def feeds_list_cmd(config_path: Path | None) -> None:
    """Every feed with its health: last poll, errors, broken or not."""
    from bot.feeds.admin import describe_feed, feed_configs
    config, store = _feeds_ctx(config_path)
    try:
        states = {f.url: f for f in store.feeds()}
        for fc in feed_configs(config, store):
            state = states.get(fc.url)
            click.echo(describe_feed(state) if state else f"{fc.name}  {fc.url}  (not polled yet)")
    finally:
        store.close()


@feeds.command("add")
@_feeds_config_option
@click.argument("url")
@click.option("--name", default=None, help="Display name (default: the host).")
def feeds_add_cmd(config_path: Path | None, url: str, name: str | None) -> None:
    """Add a feed; a running daemon picks it up within a minute."""
    from bot.feeds.admin import FeedsError, add_feed
    _, store = _feeds_ctx(config_path)
    try:
        add_feed(store, url, name)
        click.echo(f"added {url}")
    except FeedsError as exc:
        _fail(exc, 1)
    finally:
        store.close()


@feeds.command("remove")
@_feeds_config_option
@click.argument("url")
def feeds_remove_cmd(config_path: Path | None, url: str) -> None:
    """Remove a feed added with `feeds add` or imported (config-file feeds are edited in the file)."""
    from bot.feeds.admin import FeedsError, remove_feed
    config, store = _feeds_ctx(config_path)
    try:
        if not remove_feed(store, url, config=config):
            _fail(f"no such feed: {url}", 1)
        click.echo(f"removed {url}")
    except FeedsError as exc:
        _fail(exc, 1)
    finally:
        store.close()


@feeds.command("import")
@_feeds_config_option
@click.argument("opml", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def feeds_import_cmd(config_path: Path | None, opml: Path) -> None:
    """Import feeds from an OPML file."""
    from bot.feeds.admin import FeedsError, import_opml
    _, store = _feeds_ctx(config_path)
    try:
        click.echo(str(import_opml(store, opml.read_bytes())))
    except FeedsError as exc:
        _fail(exc, 1)
    finally:
        store.close()


@feeds.command("export")
@_feeds_config_option
def feeds_export_cmd(config_path: Path | None) -> None:
    """Write every feed as OPML on standard output."""
    from bot.feeds.admin import export_opml, feed_configs
    config, store = _feeds_ctx(config_path)
    try:
        click.echo(export_opml(feed_configs(config, store)).decode("utf-8"), nl=False)
    finally:
        store.close()


@main.command()
@click.option("--url", default="http://127.0.0.1:8080/healthz", show_default=True)
def healthcheck(url: str) -> None:
    """Ask a running daemon's /healthz; exit 0 when healthy (for docker compose)."""
    from bot.app.health import probe
    status, body = probe(url)
    click.echo(body)
    sys.exit(0 if status == 200 else 1)


if __name__ == "__main__":
    main()
