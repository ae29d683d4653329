"""bench/extraction.py: skips cleanly without data and scores a file of the GTD shape."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extraction", ROOT / "bench" / "extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_missing_file_is_skipped(tmp_path, capsys):
    assert _bench().main([str(tmp_path / "absent.csv")]) == 0
    assert "skipped: file not found" in capsys.readouterr().out


def test_scores_a_small_synthetic_file(tmp_path, capsys):
    cols = ["id", "date", "summary_text", "group_name", "country", "region_or_province", "city", "killed", "wounded",
            "group_name2", "group_name3", "group_subname", "killed_perpetrators", "wounded_perpetrators"]
    rows = [
        {"id": "1", "date": "2021-01-02", "group_name": "Taliban", "country": "Afghanistan",
         "region_or_province": "Faryab", "city": "Kata Kopruk", "killed": "2", "wounded": "3",
         "killed_perpetrators": "0", "wounded_perpetrators": "0",
         "summary_text": "01/02/2021: Assailants attacked a police outpost in Kata Kopruk, Faryab, Afghanistan. "
                         "Two police officers were killed and three others were wounded. No group claimed "
                         "responsibility for the incident; however, sources attributed the attack to the Taliban."},
        {"id": "2", "date": "2021-01-03", "group_name": "Unknown", "country": "Somalia",
         "region_or_province": "Gedo", "city": "Unknown", "killed": "0", "wounded": "",
         "killed_perpetrators": "", "wounded_perpetrators": "",
         "summary_text": "01/03/2021: An explosive device detonated in Gedo, Somalia. There were no reported "
                         "casualties. No group claimed responsibility for the incident."},
    ]
    path = tmp_path / "synthetic.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, restval="")
        w.writeheader()
        w.writerows(rows)
    assert _bench().main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "killed exact, rows where killed is known" in out and "100.0%  (2/2)" in out
    assert "perpetrator named where no group claimed it" in out and "0.0%  (0/1)" in out
    assert "place" in out and "100.0%  (1/1)" in out


def test_scores_kind_and_target_labels_of_a_jsonl_set(tmp_path, capsys):
    import json
    items = [{"id": "a", "title": "Bus plunges into gorge, killing 14 in Kenya", "text": ""},
             {"id": "b", "title": "Troops kill 20 al-Shabaab fighters in Gedo", "text": ""}]
    labels = [{"id": "a", "killed": None, "country": "KE", "kind": "other"},
              {"id": "b", "killed": None, "killed_stated": False, "country": "SO", "kind": "attack",
               "groups_target": ["al-shabaab"]}]
    (tmp_path / "made.jsonl").write_text("".join(json.dumps(r) + "\n" for r in items), encoding="utf-8")
    (tmp_path / "made_labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels), encoding="utf-8")
    assert _bench().main([str(tmp_path / "made.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "non-attack item (label kind) read as an attack" in out and "0.0%  (0/1)" in out
    assert "group named as target read as perpetrator" in out
