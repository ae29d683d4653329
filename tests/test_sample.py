"""The bundled sample is what tests/build_sample.py makes from the seeds."""
from pathlib import Path

import pytest

import build_sample
from bot.sample import CORPUS, FEED
from seeds import ARTICLES

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")
def test_bundled_sample_is_built_from_the_seeds():
    feed, corpus = build_sample.build(SEEDS)
    assert FEED.read_text(encoding="utf-8") == feed
    assert CORPUS.read_text(encoding="utf-8") == corpus


def test_sample_has_every_seed_in_publication_order():
    import json
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows} == set(ARTICLES)
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    assert all(" | " not in r["title"] for r in rows)   # the " | ISIL/ISIS News" section suffix is cut
