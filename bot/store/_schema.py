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
    # 2: incidents (issue 6): near-duplicate signatures, incidents, their items, history and the
    #    per-(incident, rule) alert state that survives restarts
    """
    CREATE TABLE item_signatures (
        item_key TEXT PRIMARY KEY,
        seen_at TEXT NOT NULL,
        minhash BLOB NOT NULL                       -- 128 little-endian uint32 MinHash values
    );
    CREATE INDEX item_signatures_seen ON item_signatures(seen_at);
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        country TEXT,
        province TEXT,
        place TEXT,
        first_at TEXT NOT NULL,                     -- published time of its earliest item
        last_at TEXT NOT NULL,                      -- published time of its latest item
        killed INTEGER,
        wounded INTEGER,
        items INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        state TEXT NOT NULL                         -- JSON of bot.incidents.IncidentState
    );
    CREATE INDEX incidents_country_last ON incidents(country, last_at);
    CREATE INDEX incidents_last ON incidents(last_at);
    CREATE TABLE incident_groups (
        incident_id INTEGER NOT NULL,
        group_id TEXT NOT NULL,                     -- a group of the incident or one of its ancestors
        last_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, group_id)
    );
    CREATE INDEX incident_groups_group_last ON incident_groups(group_id, last_at);
    CREATE TABLE incident_items (
        item_key TEXT PRIMARY KEY,
        incident_id INTEGER,                        -- NULL for a near-duplicate of an item without one
        joined_at TEXT NOT NULL,
        published TEXT,
        source TEXT,
        title TEXT,
        url TEXT,
        kind TEXT,
        killed INTEGER,
        wounded INTEGER,
        score REAL NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '[]',         -- JSON list: why it joined
        duplicate_of TEXT                           -- near-duplicate: the item it copies
    );
    CREATE INDEX incident_items_incident ON incident_items(incident_id, joined_at);
    CREATE TABLE incident_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        item_key TEXT,
        type TEXT NOT NULL,                         -- created, joined, killed, perpetrator, alert, update ...
        field TEXT,
        old TEXT,                                   -- JSON
        new TEXT,                                   -- JSON
        source TEXT,
        note TEXT,
        rule_id TEXT,
        alert_id INTEGER
    );
    CREATE INDEX incident_events_incident ON incident_events(incident_id, id);
    CREATE TABLE incident_alerts (
        incident_id INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        alert_id INTEGER,                           -- alerts row of the first alert: updates reply to it
        item_key TEXT NOT NULL,
        alerted_at TEXT NOT NULL,
        notified_killed INTEGER,
        notified_wounded INTEGER,
        notified_perpetrators TEXT NOT NULL DEFAULT '[]',
        updates INTEGER NOT NULL DEFAULT 0,
        last_alert_id INTEGER,
        last_notified_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, rule_id)
    );
    """,
    # 3: retention (issue 5): indexes so old rows can be pruned without scanning whole tables
    """
    CREATE INDEX IF NOT EXISTS matches_item ON matches(item_key);
    CREATE INDEX IF NOT EXISTS alerts_created ON alerts(created_at);
    CREATE INDEX IF NOT EXISTS outbox_alert ON outbox(alert_id);
    CREATE INDEX IF NOT EXISTS outbox_created ON outbox(created_at);
    """,
    # 4: proximity (issue 13): a chat's circles, which incidents alerted which chat, locator maps
    """
    CREATE TABLE near_subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        name TEXT NOT NULL,                         -- the centre as the chat named it ("Beni", "shared location")
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        km REAL NOT NULL,
        min_killed INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE INDEX near_subscriptions_chat ON near_subscriptions(chat_id);
    CREATE TABLE chat_incident_alerts (
        event TEXT NOT NULL,                        -- "incident:<id>", or "item:<key>" when incidents are off
        chat_id INTEGER NOT NULL,
        via TEXT NOT NULL,                          -- rule id, or "near:<subscription id>"
        alerted_at TEXT NOT NULL,
        PRIMARY KEY (event, chat_id)
    );
    CREATE TABLE chat_prefs (
        chat_id INTEGER PRIMARY KEY,
        map INTEGER NOT NULL DEFAULT 0,             -- /map on|off
        pending_location TEXT                       -- JSON {lat, lon, at}: a shared location awaiting its radius
    );
    """,
    # 5 (issue 10): a feed's parse warnings and old items,
    # as of its last parsed poll, so a malformed feed or one with broken dates is visible
    """
    ALTER TABLE feeds ADD COLUMN parse_warnings TEXT NOT NULL DEFAULT '[]';   -- JSON list, the first 10
    ALTER TABLE feeds ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE feeds ADD COLUMN old_items INTEGER NOT NULL DEFAULT 0;        -- dated before the retention window
    ALTER TABLE feeds ADD COLUMN skipped_items INTEGER NOT NULL DEFAULT 0;    -- over fetch.max_items
    """,
    # 6 (issue 14): a small summary of an incident's state next to it (bot.incidents.digest), which
    # bounds its score before the state is decoded; rows stored before it have none (NULL)
    """
    ALTER TABLE incidents ADD COLUMN summary TEXT;
    """,
]
