"""The stored incident summary (bot.incidents.digest): what it says before a state is decoded, and
that assignments stay exactly the same with it.

* For generated incident/item pairs, the summary's gates give exactly the line ``assign``'s
  ``_score`` gives (or leave the place question open), and its bound is never below the score.
* Filed through the real pipeline into a real SQLite file, generated items get the same
  :class:`Assignment` (incident, score, every reason line) with summaries as with every candidate
  decoded, while most candidates are never decoded.
* A state file of the schema before summaries (version 5) is migrated and its incidents, with no
  summary, are decoded and scored as before; saving one writes its summary.

No timing is asserted.
"""
from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.catalog.groups import load_groups
from bot.incidents import IncidentSettings, IncidentSignals, IncidentState, Source, assign, fuse
from bot.incidents.assign import _probe, _score
from bot.incidents.digest import read_summary, ruled_out_line, summary_of, upper_bounds
from bot.models import Facts, GroupMention, Item
from bot.pipeline.filing import _row, candidates, file_item
from bot.store import Store
from bot.store._schema import MIGRATIONS
from bot.store.incidents import DeferredIncident

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2024, 5, 1, tzinfo=timezone.utc)
KINDS = ("attack", "attack", "attack", "arrest", "diplomacy", "other")
PLACES = ("Kabul", "Jalalabad", "Kunduz, Kunduz", "Crocus City Hall, Moscow", "Moscow", "Mbau, Beni",
          "Kamango, Beni", "Beni", "Saint-Denis", None, None)
PROVINCES = (("Kabul", "AF-KAB"), ("Nangarhar", "AF-NAN"), ("Nangarhar Province", None), ("Kunduz", None),
             (None, None))
WORDS = ("attack bombing gunmen market convoy police army raid ambush arrest talks envoy blast kabul moscow "
         "beni crocus hall city kunduz").split()
# signal settings: the defaults, and others where weights are negative, zero or the gates narrow
SIGNALS = (
    IncidentSignals(),
    IncidentSignals(threshold=0.3, window_hours=30, distinct_place_gap_hours=2),
    IncidentSignals(w_time=-0.2, w_text=0.0, w_place=-0.1, w_province_differs=0.1, w_groups=-0.1,
                    require_same_country=False, threshold=0.1),
    IncidentSignals(w_same_kind=0.0, w_country=0.4, max_span_hours=50, separate_kinds=("arrest",)),
)


def _item(rng: random.Random, n: int, at: datetime, groups: list[str]) -> tuple[Item, Facts]:
    place = rng.choice(PLACES)
    province, code = rng.choice(PROVINCES)
    gs = tuple(GroupMention(rng.choice(groups), "g", rng.choice(("perpetrator", "mentioned")))
               for _ in range(rng.choice((0, 0, 1, 1, 2))))
    title = " ".join(rng.sample(WORDS, 5)) + (f" in {place.split(',')[0]}" if place and rng.random() < 0.7 else "")
    text = title + ". " + " ".join(rng.sample(WORDS, 6))
    facts = Facts(kind=rng.choice(KINDS), groups=gs, country=rng.choice(("AF", "AF", "RU", "CD", None)),
                  province=province, province_code=code, place=place, killed=rng.choice((None, 1, 3, 8)))
    # some items without a published time (the cycle's now is used), some with microseconds
    published = None if rng.random() < 0.05 else at + timedelta(microseconds=rng.choice((0, 0, 250_000)))
    return Item(f"i{n}", "f", None, title, text, published, "F"), facts


def _states(rng: random.Random, groups: list[str], n: int) -> list[IncidentState]:
    """Incidents of one to four items each, as fuse makes them, read back from their JSON (whole seconds)."""
    out = []
    for k in range(n):
        at = START + timedelta(hours=rng.uniform(0, 200))
        state = None
        for j in range(rng.choice((1, 1, 2, 4))):
            item, facts = _item(rng, k * 10 + j, at + timedelta(hours=rng.uniform(0, 90)), groups)
            state, _ = fuse(state, facts, Source.of(item, at))
        out.append((state, IncidentState.from_json(k + 1, json.loads(json.dumps(state.to_json())))))
    return out


def test_summary_gates_give_the_score_s_line_and_its_bound_is_never_below_the_score():
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    groups = ["isil", "iskp", "taliban", "adf", "al-shabaab"]
    rng = random.Random(11)
    pairs = _states(rng, groups, 150)
    gated = bounded = open_place = 0
    for sig in SIGNALS:
        for n in range(120):
            item, facts = _item(rng, 5000 + n, START + timedelta(hours=rng.uniform(0, 260)), groups)
            p = _probe(item, facts, catalog, START)
            for written, state in pairs:
                summary = read_summary(summary_of(written))    # written before its JSON round trip
                score, reasons = _score(p, state, catalog, sig)
                bounds, gates = upper_bounds(p, [(0, summary)], catalog, sig)
                if gates:
                    gated += 1
                    assert score is None and ruled_out_line(p, gates[0][1], sig) == reasons[0]
                    continue
                bounded += 1
                if score is None:
                    open_place += 1      # the mask could not say whether the item's place is in the titles
                    assert reasons[0].startswith("a different place")
                else:
                    assert bounds[0][0] >= score, (bounds, score, reasons)
    assert gated > 10_000 and bounded > 5_000 and open_place > 0, (gated, bounded, open_place)


def test_a_state_with_a_separator_in_a_field_has_no_summary_and_odd_text_reads_as_none():
    state, _ = fuse(None, Facts(kind="attack", country="AF", place="Kabul\x1fX"),
                    Source("k", "F", START, None, "Blast in Kabul"))
    assert summary_of(state) is None
    naive = replace(state, places=("Kabul",), first_at=START.replace(tzinfo=None))
    assert summary_of(naive) is None
    good, _ = fuse(None, Facts(kind="attack", country="AF", place="Kabul"), Source("k", "F", START, None, "Blast"))
    text = summary_of(good)
    assert read_summary(text) is not None
    for odd in (None, "", "s0" + text[2:], text + "\x1fmore", text.replace("\x1f", "\x1fx", 2)):
        assert read_summary(odd) is None, odd


def _file_many(store: Store, rng: random.Random, groups, catalog, n: int) -> None:
    wide = IncidentSettings(signals=IncidentSignals(window_hours=150, threshold=0.3))
    with store.transaction():
        for k in range(n):
            at = START + timedelta(hours=rng.choice((0, 100, 220)) + k / 20)
            item, facts = _item(rng, k, at, groups)
            if rng.random() < 0.03:      # a few states with a separator in a place: no summary
                facts = replace(facts, place="Kabul\x1e2")
            file_item(store, item, facts, at=at, catalog=catalog, settings=wide)


def test_summaries_give_the_same_assignments_and_leave_most_candidates_undecoded(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    groups = ["isil", "iskp", "taliban", "adf"]
    rng = random.Random(7)
    store = Store(tmp_path / "s.db")
    _file_many(store, rng, groups, catalog, 600)
    assert store.db.execute("SELECT count(*) FROM incidents WHERE summary IS NULL").fetchone()[0] > 0
    considered = loaded = joins = non_joins = 0
    for sig in SIGNALS:
        settings = IncidentSettings(signals=sig)
        for n in range(150):
            at = START + timedelta(hours=rng.uniform(0, 240))
            item, facts = _item(rng, 10_000 + n, at, groups)
            fams = {f for g in facts.groups for f in catalog.family(g.id)}
            store.forget_cached_incidents()
            full = candidates(store, at=at, country=facts.country, families=fams, settings=settings)
            assert all(isinstance(c, IncidentState) for c in full)
            expected = assign(item, facts, full, catalog, sig, at=at)
            store.forget_cached_incidents()
            lazy = candidates(store, at=at, country=facts.country, families=fams, settings=settings,
                              kind=facts.kind)
            loads: list[int] = []
            counted = [DeferredIncident(c.id, c.kind, lambda c=c: loads.append(c.id) or c.load(), c.summary)
                       if isinstance(c, DeferredIncident) else c for c in lazy]
            got = assign(item, facts, counted, catalog, sig, at=at)
            assert got == expected, (n, got, expected)
            considered += len(lazy)
            loaded += len(set(loads)) + sum(isinstance(c, IncidentState) for c in lazy)
            joins += got.incident_id is not None
            non_joins += got.incident_id is None
    store.close()
    assert joins > 50 and non_joins > 50, (joins, non_joins)
    assert considered > 2_000 and loaded < considered / 2, (considered, loaded)


def _old_store(path: Path, states: list[IncidentState]) -> None:
    """A state file as newsbot wrote it before summaries: schema 5, incidents without the column."""
    conn = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in script.split(";"):
            body = "\n".join(ln.split("--")[0] for ln in statement.splitlines()).strip()
            if body:
                conn.execute(body)
        conn.execute(f"PRAGMA user_version = {number}")
    for st in states:
        conn.execute(
            "INSERT INTO incidents(kind, country, province, place, first_at, last_at, killed, wounded, items, "
            "created_at, updated_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [st.kind, st.country, st.province, st.place, st.first_at.isoformat(), st.last_at.isoformat(), None, None,
             st.items, START.isoformat(), START.isoformat(), json.dumps(st.to_json())])
    conn.commit()
    conn.close()


def test_an_old_state_file_is_migrated_and_its_incidents_without_a_summary_are_decoded(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    attack = Facts(kind="attack", country="AF", province="Kabul", place="Kabul",
                   groups=(GroupMention("iskp", "g", "perpetrator"),))
    states = [fuse(None, replace(attack, place=place), Source(f"k{n}", "F", START + timedelta(hours=n), None,
                                                              f"Blast in {place}"))[0]
              for n, place in enumerate(("Kabul", "Herat", "Kunduz"))]
    _old_store(tmp_path / "old.db", states)
    store = Store(tmp_path / "old.db")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("SELECT count(*) FROM incidents WHERE summary IS NULL").fetchone()[0] == 3
    at = START + timedelta(hours=5)
    item = Item("new", "f", None, "Another blast in Kabul", "Another blast in Kabul.", at, "F")
    lazy = candidates(store, at=at, country="AF", families=catalog.family("iskp"), kind="attack")
    assert [type(c) for c in lazy] == [IncidentState] * 3      # no summary: decoded at once, as before
    got = assign(item, attack, lazy, catalog)
    store.forget_cached_incidents()
    assert got == assign(item, attack, candidates(store, at=at, country="AF"), catalog)
    assert got.incident_id == 1
    # filing the item saves the incident it joins: now with its summary
    filed = file_item(store, item, attack, at=at, catalog=catalog)
    assert filed.incident.id == 1
    text = store.db.execute("SELECT summary FROM incidents WHERE id = 1").fetchone()[0]
    assert text == _row(filed.incident, catalog).summary and read_summary(text) is not None
    store.forget_cached_incidents()
    assert [type(c) for c in candidates(store, at=at, country="AF", kind="attack")] == \
        [DeferredIncident, IncidentState, IncidentState]
    store.close()
