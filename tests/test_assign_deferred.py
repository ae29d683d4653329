"""Candidates ruled out by their kind are left undecoded, and every decision stays the same.

``file_item`` asks the store for the open incidents with ``kind=``: rows whose ``kind`` column
the item's kind rules out (``separate_kinds``) come back as deferred incidents, decoded only for
the "#id ruled out: ..." lines of a non-join. The test files many generated items (kinds, places,
groups, countries and times mixed, with gaps so that an earlier gate than the kind's gives the
line) and checks that ``assign`` gives exactly the same :class:`Assignment` (incident, score,
every reason line) with and without deferring, and that a join loads no deferred incident.
Real SQLite file; no timing is asserted.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.catalog.groups import load_groups
from bot.incidents import IncidentSettings, IncidentSignals, IncidentState, assign
from bot.incidents.assign import ruled_out_by_kind
from bot.models import Facts, GroupMention, Item
from bot.pipeline.filing import candidates, file_item
from bot.store import Store
from bot.store.incidents import DeferredIncident

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2024, 3, 1, tzinfo=timezone.utc)
KINDS = ("attack", "attack", "arrest", "diplomacy", "other")
PLACES = ("Kabul", "Jalalabad", "Kunduz", "Herat", None)
WORDS = "attack bombing gunmen market convoy police army raid ambush arrest talks envoy blast".split()


def _item(rng: random.Random, n: int, at: datetime, groups: list[str], kinds=KINDS) -> tuple[Item, Facts]:
    place = rng.choice(PLACES)
    gs = (GroupMention(rng.choice(groups), "g", rng.choice(("perpetrator", "mentioned"))),) \
        if rng.random() < 0.6 else ()
    title = " ".join(rng.sample(WORDS, 5)) + (f" in {place}" if place else "")
    facts = Facts(kind=rng.choice(kinds), groups=gs, country=rng.choice(("AF", "AF", "PK", None)),
                  province=rng.choice(("Kabul", "Nangarhar", None)), place=place,
                  killed=rng.choice((None, 1, 3, 8)))
    return Item(f"i{n}", "f", None, title, title + ". More text about it.", at, "F"), facts


def test_deferred_candidates_give_the_same_assignment_and_stay_undecoded_on_a_join(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    groups = sorted(catalog.groups)[:6]
    rng = random.Random(5)
    settings = IncidentSettings()
    # filed with a wider window than the probes use (as after a config change): incidents with
    # holes in their times longer than the window, so that for some the window gate, checked
    # before the kind's, gives the "ruled out" line
    wide = IncidentSettings(signals=IncidentSignals(window_hours=150, threshold=0.3))
    store = Store(tmp_path / "s.db")
    with store.transaction():
        for n in range(400):
            at = START + timedelta(hours=rng.choice((0, 100, 220)) + n / 20)
            item, facts = _item(rng, n, at, groups)
            file_item(store, item, facts, at=at, catalog=catalog, settings=wide)
    deferred_seen = joins = non_joins = loaded_on_join = 0
    for n in range(400):
        at = START + timedelta(hours=rng.uniform(0, 240))
        item, facts = _item(rng, 10_000 + n, at, groups, kinds=("arrest", "diplomacy", "attack"))
        fams = {f for g in facts.groups for f in catalog.family(g.id)}
        store.forget_cached_incidents()
        full = candidates(store, at=at, country=facts.country, families=fams, settings=settings)
        assert all(isinstance(c, IncidentState) for c in full)
        expected = assign(item, facts, full, catalog, settings.signals, at=at)
        store.forget_cached_incidents()
        lazy = candidates(store, at=at, country=facts.country, families=fams, settings=settings, kind=facts.kind)
        loads = []      # loads of incidents the item's kind rules out (others may be loaded to be scored)
        sep = settings.signals.separate_kinds
        counted = [DeferredIncident(c.id, c.kind, lambda c=c: (ruled_out_by_kind(facts.kind, c.kind, sep)
                                                               and loads.append(c.id)) or c.load(), c.summary)
                   if isinstance(c, DeferredIncident) else c for c in lazy]
        deferred_seen += len(counted) - sum(isinstance(c, IncidentState) for c in counted)
        got = assign(item, facts, counted, catalog, settings.signals, at=at)
        assert got == expected, (n, got, expected)
        assert [c.id for c in lazy] == [c.id for c in full]
        if got.incident_id is not None:
            joins += 1
            loaded_on_join += len(loads)
        else:
            non_joins += 1
            assert len(loads) <= 5
    store.close()
    assert loaded_on_join == 0
    # the sample exercises all cases: deferred incidents, joins and non-joins
    assert deferred_seen > 200 and joins > 20 and non_joins > 20, (deferred_seen, joins, non_joins)


def test_without_the_kind_every_candidate_is_decoded(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    store = Store(tmp_path / "s.db")
    f1 = Facts(kind="arrest", country="AF")
    file_item(store, Item("a", "f", None, "Arrest in Kabul", "x", START, "F"), f1, at=START, catalog=catalog)
    store.forget_cached_incidents()
    assert [type(c) for c in candidates(store, at=START, country="AF", kind="attack")] == [DeferredIncident]
    decoded = candidates(store, at=START, country="AF")
    assert [type(c) for c in decoded] == [IncidentState]
    # decoded once (cached): still deferred with the kind, and load() hands back the cached state
    again = candidates(store, at=START, country="AF", kind="attack")
    assert [type(c) for c in again] == [DeferredIncident] and again[0].load() is decoded[0]
    store.forget_cached_incidents()
    # not decoded yet, of a kind that does not rule it out: deferred too, with its summary to bound its score
    lazy = candidates(store, at=START, country="AF", kind="arrest")
    assert [type(c) for c in lazy] == [DeferredIncident] and lazy[0].summary is not None
    store.close()


def test_a_deferred_incident_gets_the_line_of_the_first_gate_that_rules_it_out(tmp_path):
    """An attack incident with a hole in its times longer than the window (filed with a wider one):
    an arrest item in the hole is ruled out by the window gate, which is checked before the kind's;
    the deferred incident is loaded to say so, exactly as the decoded one does."""
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    wide = IncidentSettings(signals=IncidentSignals(window_hours=200))
    store = Store(tmp_path / "s.db")
    attack = Facts(kind="attack", country="AF", place="Kabul")
    for k, h in (("a", 0), ("b", 150)):
        file_item(store, Item(k, "f", None, "Blast in Kabul", "x", START + timedelta(hours=h), "F"), attack,
                  at=START + timedelta(hours=h), catalog=catalog, settings=wide)
    at = START + timedelta(hours=75)
    item, facts = Item("c", "f", None, "Arrests in Kabul", "x", at, "F"), Facts(kind="arrest", country="AF")
    store.forget_cached_incidents()
    lazy = candidates(store, at=at, country="AF", kind="arrest")
    assert [type(c) for c in lazy] == [DeferredIncident]
    got = assign(item, facts, lazy, catalog, at=at)
    store.forget_cached_incidents()
    assert got == assign(item, facts, candidates(store, at=at, country="AF"), catalog, at=at)
    assert got.incident_id is None and got.reasons[1] == (
        f"#{lazy[0].id} ruled out: published 75h from its nearest item, beyond the 72h window")
    store.close()
