"""The eleven seed articles against the analyst labels (tests/fixtures/seed_labels.yaml)."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.extraction import extract

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


_MONTH_DAY = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)\s+\d{1,2}\b")


def _label_numbers(note: str) -> set[int]:
    """The figures of a label note ("2004 Beslan: 334 killed including 186 children" -> 334, 186):
    years and the day of a date ("January 1, 2017") are not figures."""
    out = set()
    for n in re.findall(r"\d[\d,]*", _MONTH_DAY.sub(" ", note)):
        if "," not in n and 1900 <= int(n) <= 2100:
            continue
        out.add(int(n.replace(",", "")))
    return out


def test_label_numbers():
    assert _label_numbers("2004 Beslan: 334 killed including 186 children") == {334, 186}
    assert _label_numbers("January 1, 2017 Istanbul nightclub attack killed 39 people") == {39}
    assert _label_numbers("more than 110,000 people have been displaced") == {110000}


@pytest.mark.parametrize("label", SEEDS, ids=[s["id"] for s in SEEDS])
def test_other_event_figures_are_never_this_event(label, facts):
    """Every figure of the labels' not_this_event notes that the reader finds is marked as
    another event's, whatever its type (a figure equal to this event's own figure of the
    same type is this event's); other_reports figures, when read, stay this event's."""
    f = facts[label["id"]]
    own = {"killed": label["killed"], "wounded": label["wounded"], "arrested": label.get("arrested")}
    banned = set().union(*(_label_numbers(n) for n in label.get("not_this_event", [])))
    reports = set().union(*(_label_numbers(n) for n in label.get("other_reports", [])))
    wrong = [c for c in f.casualties if c.this_event and c.value in banned and c.value != own.get(c.type)
             and c.value not in reports]
    assert not wrong, wrong
    for value in reports:
        read = [c for c in f.casualties if c.value == value]
        if read:
            assert any(c.this_event for c in read), read


def test_other_reports_kept_as_this_event(facts):
    # a hospital source's higher toll for the same bombing
    assert any(c.type == "killed" and c.value == 20 and c.this_event for c in facts["kandahar-bank-bombing"].casualties)
    # "doctors are fighting for the lives of 107 people": the same attack
    assert any(c.value == 107 and c.this_event for c in facts["moscow-russia-mourns"].casualties)
    blog = {(c.type, c.value) for c in facts["blog-iskp-moscow"].casualties if c.this_event}
    assert {("killed", 133), ("wounded", 140)} <= blog


def test_background_figures_of_the_analysis_piece(facts):
    cas = facts["moscow-why-isil-targets-russia"].casualties
    history = {(c.type, c.value) for c in cas if not c.this_event}
    # Kabul airport 2021, the maternity ward (May 2020), Kabul University (its paragraph names
    # May 2020), Dubrovka (a section headed "Previous attacks in Russia"), Beslan
    assert {("killed", 175), ("killed", 13), ("killed", 24), ("killed", 22), ("killed", 130),
            ("killed", 334)} <= history
    assert not any(c.this_event and c.value in (175, 13, 24, 22, 130, 334) for c in cas)
    assert any(c.value == 133 and c.this_event for c in cas)
    blog = facts["blog-iskp-moscow"].casualties
    # Kerman, Iran, "a terror attack in January" (published in March)
    assert not any(c.value == 84 and c.this_event for c in blog)
