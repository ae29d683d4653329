"""The eleven seed articles, fed in publication order through real extraction, the shipped rules,
near-duplicate detection and incidents, with state in a real SQLite file.

Done when (issue 6): every article lands in the incident its ``incident`` label names; the rule
"ISIL or affiliates, 10 or more killed" yields exactly two alerts (DR Congo, Moscow) and one
update (Moscow, toll to 137); each shipped seed rule alerts once per expected incident.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.extraction import extract
from bot.incidents import IncidentSettings, incident_facts
from bot.notify.payload import incident_payload
from bot.models import Item
from bot.incidents.neardup import NearDupIndex
from bot.rulebook.book import Rulebook
from bot.pipeline.filing import file_item
from bot.store import Store, iso

from seeds import ARTICLES, EXPECTED_INCIDENTS, RULE_IDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [json.loads(line) for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text("utf-8").splitlines()]


IStore = Store


def _extraction_is_placeholder() -> bool:
    s = next(s for s in SEEDS if s["id"] == "drc-beni-adf-38")
    f = extract(s["title"], s["text"])
    return f.country is None and f.killed is None


pytestmark = pytest.mark.xfail(
    _extraction_is_placeholder(), strict=False,
    reason="bot.extraction.extract is still the placeholder (no facts); this passes once extraction lands")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    book = Rulebook.load(ROOT / "rules")
    catalog = book.ruleset.groups
    settings = IncidentSettings()
    store = IStore(tmp_path_factory.mktemp("state") / "newsbot.db")
    ix = NearDupIndex()
    order = sorted(range(len(SEEDS)), key=lambda i: (SEEDS[i]["published"], i))
    incident_of: dict[str, int] = {}
    sent: list[dict] = []
    for i in order:
        s = SEEDS[i]
        published = datetime.fromisoformat(s["published"])
        item = Item(s["id"], "seeds", None, s["title"], s["text"], published, "Al Jazeera")
        doc = f"{item.title}\n{item.text}"
        assert ix.query(doc) is None, f"{s['id']} wrongly taken for a near-duplicate"
        facts = extract(item.title, item.text, published, catalog=catalog)
        with store.transaction():
            store.add_signature(item.key, ix.add(item.key, doc, at=published), at=iso(published))
            filed = file_item(
                store, item, facts, at=published, catalog=catalog, settings=settings,
                match=lambda st: book.matcher.match(item.title, item.text, incident_facts(st)),
                active_rules=[r.id for r in book.ruleset.rules])
            for n in filed.notifications:
                rule = book.rule(n.rule_id)
                payload = incident_payload(n, filed.incident, item, rule_title=rule.title,
                                           severity=str(rule.severity), catalog=catalog,
                                           reasons=filed.match_reasons.get(n.rule_id, ()))
                if store.deliver_notification(n, payload, item_key=item.key, at=iso(published))[0] is not None:
                    sent.append(payload)
        incident_of[s["id"]] = filed.incident.id
    yield store, incident_of, sent
    store.close()


def test_every_seed_lands_in_its_labelled_incident(run):
    store, incident_of, _ = run
    label_to_ids: dict[str, set[int]] = {}
    for sid, iid in incident_of.items():
        label_to_ids.setdefault(ARTICLES[sid]["incident"], set()).add(iid)
    explain = {lbl: ids for lbl, ids in label_to_ids.items() if len(ids) != 1}
    assert not explain, f"labelled incidents split over several: {explain}"
    ids = [next(iter(v)) for v in label_to_ids.values()]
    assert len(ids) == len(set(ids)), f"different labelled incidents merged: {label_to_ids}"
    assert incident_of["us-iraq-talks-agree"] == incident_of["us-iraq-talks-begin"]


def test_isil_10_killed_gives_two_alerts_and_one_moscow_update(run):
    store, incident_of, sent = run
    mine = [(p["type"], p["incident"], p["killed"]) for p in sent if p["rule"] == "isil-10-killed"]
    alerts = [m for m in mine if m[0] == "alert"]
    updates = [m for m in mine if m[0] == "update"]
    assert {a[1] for a in alerts} == {incident_of["drc-beni-adf-38"], incident_of["moscow-russia-mourns"]}
    assert len(alerts) == 2
    assert updates == [("update", incident_of["moscow-russia-mourns"], 137)]
    first = [p for p in sent if p["rule"] == "isil-10-killed" and p["type"] == "alert"][0]
    assert first["reasons"] and first["group_names"]["isil"] != "isil"   # matcher reasons, display names


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_each_seed_rule_alerts_once_per_expected_incident(run, rule_id):
    store, incident_of, sent = run
    by_label = {}
    for sid, iid in incident_of.items():
        by_label[iid] = ARTICLES[sid]["incident"]
    alerted = [by_label[p["incident"]] for p in sent if p["rule"] == rule_id and p["type"] == "alert"]
    assert sorted(alerted) == sorted(EXPECTED_INCIDENTS[rule_id])
