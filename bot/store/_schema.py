"""Versioned migrations. Append a new entry to add a version; never edit a shipped one."""

MIGRATIONS: list[str] = [
    # 1: the pipeline, delivery and subscriptions
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'config',      -- config | cli | telegram
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_polled_at TEXT,
        last_ok_at TEXT,
        last_error TEXT,
        last_error_kind TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        broken INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT,
        polled_once INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE items (
        key TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        url TEXT,
        title TEXT NOT NULL,
        published TEXT,
        first_seen TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        facts TEXT NOT NULL,
        alerted INTEGER NOT NULL DEFAULT 1          -- 0 for backlog recorded without alerting
    );
    CREATE INDEX items_url ON items(url);
    CREATE INDEX items_content_hash ON items(content_hash);
    CREATE INDEX items_first_seen ON items(first_seen);
    CREATE TABLE matches (
        rule_id TEXT NOT NULL,
        item_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        reasons TEXT NOT NULL,
        PRIMARY KEY (rule_id, item_key)
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        item_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (rule_id, item_key)
    );
    CREATE TABLE chats (
        chat_id INTEGER PRIMARY KEY,
        type TEXT NOT NULL DEFAULT 'private',       -- private | group | supergroup | channel | console
        title TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        deactivated_reason TEXT,
        muted_until TEXT,
        digest TEXT NOT NULL DEFAULT 'off',         -- off | hourly | daily
        last_digest_at TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE subscriptions (
        chat_id INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        muted_until TEXT,
        PRIMARY KEY (chat_id, rule_id)
    );
    CREATE INDEX subscriptions_rule ON subscriptions(rule_id);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        alert_id INTEGER,
        rule_id TEXT,
        kind TEXT NOT NULL DEFAULT 'alert',         -- alert | update | digest | notice
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',     -- pending | held | sent | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before TEXT,
        sent_at TEXT,
        message_id INTEGER,
        reply_to INTEGER,                           -- outbox id of the message this one answers
        last_error TEXT
    );
    CREATE INDEX outbox_pending ON outbox(status, chat_id, id);
    """,
]
