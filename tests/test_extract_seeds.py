"""The eleven seed articles against the analyst labels (tests/fixtures/seed_labels.yaml)."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.extract import extract

ROOT = Path(__file__).resolve().parent.parent
LABELS = yaml.safe_load((ROOT / "tests" / "fixtures" / "seed_labels.yaml").read_text(encoding="utf-8"))
ARTICLES = {
    d["id"]: d
    for d in (json.loads(line) for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip())
}
SEEDS = LABELS["seed_articles"]


@pytest.fixture(scope="module")
def facts():
    out = {}
    for label in SEEDS:
        a = ARTICLES[label["id"]]
        out[label["id"]] = extract(a["title"], a["text"], datetime.fromisoformat(a["published"]))
    return out


def test_every_label_has_an_article():
    assert {s["id"] for s in SEEDS} == set(ARTICLES)


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_groups(label, facts):
    f = facts[label["id"]]
    assert set(f.perpetrator_ids) == set(label["groups"])
    assert not set(label["mentioned"]) & set(f.perpetrator_ids)
    # perpetrators come first
    roles = [g.role for g in f.groups]
    assert roles == sorted(roles, key=lambda r: r != "perpetrator")


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_where(label, facts):
    f = facts[label["id"]]
    where = label["where"]
    assert f.country == where["country"]
    assert f.province == where["province"]
    if where["place"] is None:
        assert f.place is None
    else:
        assert f.place in [p.strip() for p in where["place"].split(",")]


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_tolls(label, facts):
    f = facts[label["id"]]
    assert f.killed == label["killed"]
    assert f.wounded == label["wounded"]
    if "arrested" in label:
        assert f.arrested == label["arrested"]


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_kind(label, facts):
    expected = "attack" if label["kind"] == "analysis" else label["kind"]
    assert facts[label["id"]].kind == expected


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_no_other_event_figure_taken_as_the_toll(label, facts):
    f = facts[label["id"]]
    own = {label["killed"], label["wounded"]}
    numbers = set()
    for note in label.get("not_this_event", []):
        for n in re.findall(r"\d[\d,]*", note):
            v = int(n.replace(",", ""))
            if v < 1900 and v not in own:
                numbers.add(v)
    assert f.killed not in numbers
    assert f.wounded not in numbers
    # and those figures, when read at all, are marked as belonging to another event
    for c in f.casualties:
        if c.value in numbers and c.type == "killed":
            assert not c.this_event or c.value not in (f.killed, f.wounded)


def test_province_codes(facts):
    assert facts["drc-beni-adf-38"].province_code == "CD-NK"
    assert facts["moscow-russia-mourns"].province_code == "RU-MOS"
    assert facts["mozambique-macomia"].province_code == "MZ-P"
    assert facts["kandahar-bank-bombing"].province_code == "AF-KAN"


def test_every_figure_keeps_its_phrase(facts):
    f = facts["drc-beni-adf-38"]
    figures = {(c.type, c.value, c.this_event) for c in f.casualties}
    assert ("killed", 38, True) in figures
    assert ("killed", 16, False) in figures       # another village assault earlier this week
    assert ("killed", 50, False) in figures       # weekly aggregate
    assert all(c.text for c in f.casualties)
    d = f.to_dict()
    assert d["killed"] == 38 and d["groups"][0]["role"] == "perpetrator"
