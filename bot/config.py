"""Configuration: one YAML file, read and validated once at start-up.

Secrets never live in the file: the bot token comes only from the environment
(``TELEGRAM_BOT_TOKEN``), as do ``TELEGRAM_API_URL`` (a self-hosted Bot API
server, passed to python-telegram-bot's ``base_url``) and
``TELEGRAM_ADMIN_IDS`` (comma-separated user ids).
"""
from __future__ import annotations

import difflib
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from .clock import iso
from .errors import ConfigError
from bot.incidents import IncidentSettings
from bot.catalog import yamlsrc
from bot.catalog.shipped import shipped_rules_dir

DEFAULT_CONFIG_ENV = "NEWSBOT_CONFIG"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeedConfig(_Strict):
    url: str = Field(min_length=1)
    name: str = Field(min_length=1)
    interval: int = Field(default=300, ge=5, description="seconds between polls")
    full_text: bool = False
    allow_private: bool = Field(default=False, description="may reach loopback/private addresses (and its "
                                                           "article pages too); config feeds only")

    @field_validator("url")
    @classmethod
    def _scheme(cls, v: str) -> str:
        if not v.startswith(("http://", "https://", "file://")):
            raise ValueError("must be an http://, https:// or file:// URL")
        return v


class FetchConfig(_Strict):
    connect_timeout: float = Field(default=10.0, gt=0)
    timeout: float = Field(default=30.0, gt=0)
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0, description="cap on a feed or article body, "
                                                                      "decoded; a larger body is a too_large error")
    max_items: int = Field(default=1000, ge=1, description="entries taken per feed per poll; the newest are kept")
    max_redirects: int = Field(default=5, ge=0, le=20)
    concurrency: int = Field(default=16, ge=1, description="concurrent fetches overall")
    per_host: int = Field(default=2, ge=1, description="concurrent fetches per host")
    user_agent: str | None = None
    broken_after: int = Field(default=5, ge=1, description="consecutive failures before a feed is marked broken")


class TelegramConfig(_Strict):
    allowed_chats: list[int] = Field(default_factory=list, description="empty: anyone may subscribe")
    admin_ids: list[int] = Field(default_factory=list)
    send_interval: float = Field(default=1.0, gt=0, description="seconds between outbox drains")


class LogConfig(_Strict):
    level: str = "INFO"
    json_lines: bool = Field(default=False, alias="json")

    @field_validator("level")
    @classmethod
    def _level(cls, v: str) -> str:
        v = v.upper()
        if v not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return v


class ScheduleConfig(_Strict):
    """When each feed is polled (see :mod:`bot.feeds.schedule`)."""

    jitter: float = Field(default=0.1, ge=0, lt=1, description="fraction of the interval by which polls are spread")
    start_spread: float = Field(default=10.0, ge=0, description="seconds over which the first polls are spread")
    backoff_factor: float = Field(default=2.0, ge=1, description="growth of the delay per consecutive failure")
    max_backoff: float = Field(default=3600.0, ge=30, description="longest delay between polls of a failing feed")
    max_ttl: float = Field(default=6 * 3600.0, ge=0, description="longest feed <ttl> honoured, in seconds")
    max_retry_after: float = Field(default=24 * 3600.0, ge=0, description="longest Retry-After honoured")


class HealthConfig(_Strict):
    """The /healthz and /metrics HTTP endpoint (see :mod:`bot.app.health`)."""

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535, description="0 picks a free port")
    max_poll_age: float | None = Field(default=None, ge=10,
                                       description="seconds without any successful poll before /healthz fails; "
                                                   "unset: twice the longest feed interval plus a minute, "
                                                   "at least 5 minutes")

    def poll_age_limit(self, intervals: Iterable[float]) -> float:
        """The /healthz limit on the age of the last successful poll, for feeds with these intervals."""
        if self.max_poll_age is not None:
            return self.max_poll_age
        return max(300.0, 2 * max(intervals, default=300) + 60)


class RetentionConfig(_Strict):
    """How long state is kept (see :mod:`bot.store.maintenance`)."""

    items_days: float = Field(default=90, gt=0, description="items (and their matches and alerts) older than this go")
    outbox_days: float = Field(default=30, gt=0, description="sent and failed outbox rows older than this go")
    every: float = Field(default=6 * 3600.0, ge=60, description="seconds between pruning runs")
    batch: int = Field(default=5000, ge=1, description="rows deleted per transaction")

    def cutoffs(self, now: datetime) -> tuple[str, str]:
        """(items_before, outbox_before) as ISO-8601 UTC strings for :meth:`Store.prune`."""
        def at(days: float) -> str:
            return iso(now - timedelta(days=days))
        return at(self.items_days), at(self.outbox_days)


class ReloadConfig(_Strict):
    """Rules hot reload (see :mod:`bot.rulebook.reload`)."""

    watch: bool = Field(default=True, description="watch rules_dir for edits")
    debounce_ms: int = Field(default=500, ge=0, description="wait for edits to settle before reloading")
    force_polling: bool = Field(default=False, description="poll the directory instead of using inotify")


class Config(_Strict):
    feeds: list[FeedConfig] = Field(default_factory=list)
    rules_dir: Path = Path("rules")
    state_dir: Path = Path("state")
    alert_backlog: bool = Field(default=False, description="alert on the first poll of a new feed")
    console: bool = Field(default=False, description="print alerts on standard output")
    fetch: FetchConfig = Field(default_factory=FetchConfig)
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    log: LogConfig = Field(default_factory=LogConfig)
    incidents: IncidentSettings = Field(default_factory=IncidentSettings)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)
    retention: RetentionConfig = Field(default_factory=RetentionConfig)
    reload: ReloadConfig = Field(default_factory=ReloadConfig)
    # from the environment only
    telegram_token: SecretStr | None = Field(default=None, exclude=True)
    telegram_api_url: str | None = Field(default=None, exclude=True)
    #: the file this configuration was read from (for "configuration ./newsbot.yaml" at start-up)
    source: str | None = Field(default=None, exclude=True)

    @field_validator("feeds")
    @classmethod
    def _unique_feeds(cls, v: list[FeedConfig]) -> list[FeedConfig]:
        seen: set[str] = set()
        for f in v:
            if f.url in seen:
                raise ValueError(f"feed url listed twice: {f.url}")
            seen.add(f.url)
        return v

    @property
    def db_path(self) -> Path:
        return self.state_dir / "newsbot.db"


def _env_overrides(env: Mapping[str, str]) -> dict:
    out: dict = {}
    if env.get("TELEGRAM_BOT_TOKEN"):
        out["telegram_token"] = env["TELEGRAM_BOT_TOKEN"]
    if env.get("TELEGRAM_API_URL"):
        out["telegram_api_url"] = env["TELEGRAM_API_URL"]
    return out


def _admin_ids(env: Mapping[str, str]) -> list[int]:
    raw = env.get("TELEGRAM_ADMIN_IDS", "").strip()
    if not raw:
        return []
    try:
        return [int(x) for x in raw.replace(" ", "").split(",") if x]
    except ValueError:
        raise ConfigError("TELEGRAM_ADMIN_IDS: must be a comma-separated list of numeric user ids") from None


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The settings model that holds the last key of ``loc`` (for did-you-mean)."""
    model: type[BaseModel] | None = Config
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        inner = getattr(ann, "__args__", None)
        candidates = [ann, *(inner or ())]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return model


def _setting_message(err: dict) -> str:
    """``feeds[2].interval: …`` with list positions counted from 1, and did-you-mean for unknown keys."""
    loc = tuple(err["loc"])
    where = ""
    for part in loc:
        where += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    if err["type"] != "extra_forbidden":
        return f"{where}: {err['msg']}"
    model = _model_at(loc)
    known = [] if model is None else [f.alias or name for name, f in model.model_fields.items()
                                      if name not in ("telegram_token", "telegram_api_url", "source")]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{where}: unknown setting{hint}"


def parse_config(text: str, path: str = "<config>", env: Mapping[str, str] | None = None,
                 base: Path | None = None) -> Config:
    """Validate config text; relative dirs are resolved against ``base`` (the file's folder)."""
    env = os.environ if env is None else env
    try:
        data, lm = yamlsrc.loads(text, path)
    except Exception as exc:  # RuleError from the YAML layer: re-badge as a config error
        raise ConfigError(str(exc)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of settings")
    for secret in ("telegram_token", "telegram_api_url", "token"):
        if secret in data or secret in (data.get("telegram") or {}):
            raise ConfigError(f"{path}: setting '{secret}' is not allowed in the file; "
                              "set TELEGRAM_BOT_TOKEN / TELEGRAM_API_URL in the environment")
    if "source" in data:
        raise ConfigError(f"{path}:{lm.line_of(('source',))}: source: unknown setting")
    try:
        cfg = Config.model_validate({**data, **_env_overrides(env)})
    except ValidationError as exc:
        msgs = [f"{path}:{lm.line_of(err['loc'])}: {_setting_message(err)}" for err in exc.errors()]
        raise ConfigError("invalid configuration:\n" + "\n".join(msgs)) from None
    cfg.source = path
    admins = _admin_ids(env)
    if admins:
        cfg.telegram.admin_ids = sorted(set(cfg.telegram.admin_ids) | set(admins))
    if base is not None:
        cfg.rules_dir = cfg.rules_dir if cfg.rules_dir.is_absolute() else base / cfg.rules_dir
        if "rules_dir" not in data and not cfg.rules_dir.is_dir():
            cfg.rules_dir = shipped_rules_dir()     # no rules/ beside the config: the shipped rules
        cfg.state_dir = cfg.state_dir if cfg.state_dir.is_absolute() else base / cfg.state_dir
    return cfg


DEFAULT_CONFIG_FILE = "newsbot.yaml"


def find_config(path: str | Path | None = None, env: Mapping[str, str] | None = None,
                cwd: Path | None = None) -> Path:
    """``--config``, else ``NEWSBOT_CONFIG``, else ``./newsbot.yaml``."""
    env = os.environ if env is None else env
    if path:
        return Path(path)
    if env.get(DEFAULT_CONFIG_ENV):
        return Path(env[DEFAULT_CONFIG_ENV])
    here = (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
    if here.is_file():
        return Path(DEFAULT_CONFIG_FILE) if cwd is None else here
    raise ConfigError(f"no configuration file: pass --config FILE, set {DEFAULT_CONFIG_ENV}, or create "
                      f"./{DEFAULT_CONFIG_FILE} (copy newsbot.example.yaml)")


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    p = find_config(path, env)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read configuration {p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}:1: the configuration is not UTF-8 text ({exc.reason})") from None
    return parse_config(text, str(p), env, base=p.resolve().parent)
