"""The incident state's compact form (issue 14): candidates are decoded from a positional list, and a
state file from before it (schema 5, `state` JSON only) keeps working, on real SQLite files."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot.incidents import IncidentState, Source, fuse
from bot.models import Casualty, Facts, GroupMention, Item
from bot.pipeline.filing import candidates, file_item, load_incident, save_incident
from bot.store import Store, iso
from bot.store._db import _statements
from bot.store._schema import MIGRATIONS

T0 = datetime(2024, 6, 1, 9, tzinfo=timezone.utc)


def _item(key: str, title: str, at: datetime, source: str = "Outlet") -> Item:
    return Item(key, source.lower(), f"https://example.org/{key}", title, title, at, source)


def _facts(killed: int, wounded: int | None = None) -> Facts:
    return Facts(kind="attack", groups=(GroupMention("jnim", "JNIM", "perpetrator"),
                                        GroupMention("isgs", "ISGS", "mentioned")),
                 country="ML", province="Mopti", province_code="ML-5", place="Djenné", killed=killed,
                 wounded=wounded, casualties=(Casualty("killed", killed, "at least", text=f"{killed} killed"),))


def _state(n: int = 3) -> IncidentState:
    state, src = None, None
    for k in range(n):
        it = _item(f"k{k}", f"Jihadists kill {10 + k} villagers near Djenné «market»", T0 + timedelta(hours=k),
                   source=f"Outlet {k}")
        state, _ = fuse(state, _facts(10 + k, 4 if k else None), Source.of(it))
    return IncidentState(**{**state.__dict__, "id": 7})


def test_compact_form_decodes_to_the_same_state():
    st = _state()
    back = IncidentState.from_compact(7, json.loads(json.dumps(st.to_compact())))
    assert back == st and back == IncidentState.from_json(7, st.to_json())
    assert back.to_json() == st.to_json() and back.times == st.times and back.killed_high == st.killed_high
    with pytest.raises(ValueError):
        IncidentState.from_compact(7, [99] + st.to_compact()[1:])


def _old_schema_file(path) -> None:
    """A state file as newsbot wrote it before the compact column (schema 5), with one incident."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    st = _state()
    conn.execute(
        "INSERT INTO incidents(id, kind, country, province, place, first_at, last_at, killed, wounded, items, "
        "created_at, updated_at, state) VALUES (7, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [st.kind, st.country, st.province, st.place, iso(st.first_at), iso(st.last_at), st.killed.value,
         st.wounded.value, st.items, iso(T0), iso(T0), json.dumps(st.to_json())])
    conn.execute("INSERT INTO incident_groups(incident_id, group_id, last_at) VALUES (7, 'jnim', ?)",
                 [iso(st.last_at)])
    conn.close()


def test_a_state_file_from_before_the_compact_column_keeps_working(tmp_path):
    path = tmp_path / "old.db"
    _old_schema_file(path)
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("SELECT compact FROM incidents WHERE id = 7").fetchone()[0] is None
    later = T0 + timedelta(hours=5)
    old = candidates(store, at=later, country="ML")
    assert old == [_state()]                        # read from `state`
    it = _item("k9", "Jihadists kill 20 villagers near Djenné market", later)
    with store.transaction():
        filed = file_item(store, it, _facts(20), at=later)
    assert filed.incident.id == 7 and filed.incident.killed.value == 20
    compact = store.db.execute("SELECT compact FROM incidents WHERE id = 7").fetchone()[0]
    assert compact is not None and json.loads(compact)[0] == 1
    store.forget_cached_incidents()
    again = candidates(store, at=later, country="ML")    # read from `compact` now
    assert again == [filed.incident] == [load_incident(store, 7)]
    store.close()


def test_new_incidents_are_read_back_from_the_compact_form(tmp_path):
    store = Store(tmp_path / "new.db")
    st = _state()
    with store.transaction():
        saved = save_incident(store, IncidentState(**{**st.__dict__, "id": None}), at=iso(T0))
    # the compact list, not `state`, is what candidates decode: a row whose `state` is unreadable still reads
    store.db.execute("UPDATE incidents SET state = '{}' WHERE id = ?", [saved.id])
    got = candidates(store, at=T0 + timedelta(hours=3), country="ML")
    assert [g.id for g in got] == [saved.id] and got[0].to_json() == st.to_json()
    store.close()
