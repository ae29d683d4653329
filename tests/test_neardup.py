"""Near-duplicates: the same story from two feeds is one item, also after a restart."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.models import Item
from bot.incidents.neardup import NearDupIndex, shingles
from bot.store import Store

SEEDS = [json.loads(line) for line in
         (Path(__file__).resolve().parent.parent / "bot" / "sample" / "seeds.jsonl").read_text("utf-8").splitlines()]
BY_ID = {s["id"]: s for s in SEEDS}
T0 = datetime(2024, 3, 24, 12, tzinfo=timezone.utc)


IStore = Store


def doc(seed_id: str) -> str:
    s = BY_ID[seed_id]
    return f"{s['title']}\n{s['text']}"


def syndicated(seed_id: str) -> str:
    """The same story as another outlet runs it: new headline, a byline, a credit line, small edits."""
    s = BY_ID[seed_id]
    text = s["text"].replace("Check out our Latest News and Follow us at Facebook", "")
    text = text.replace(" said ", " told reporters ", 2)
    return f"Moscow attack latest\nBy a staff reporter\n{text}\nReporting by Reuters; editing by the desk."


def test_near_duplicate_from_two_feeds_is_found_and_different_stories_are_not():
    ix = NearDupIndex()
    for s in SEEDS:
        assert ix.query(doc(s["id"])) is None, "no seed is a near-duplicate of another"
        ix.add(s["id"], doc(s["id"]), at=T0)
    hit = ix.query_detail(syndicated("moscow-russia-mourns"))
    assert hit is not None and hit.key == "moscow-russia-mourns" and hit.similarity >= 0.8
    # a copy with one word appended is the same item; its bare headline is not
    assert ix.query(doc("moscow-putin-radical-islamists") + " extra") == "moscow-putin-radical-islamists"
    assert ix.query(BY_ID["moscow-putin-radical-islamists"]["title"]) is None
    # an item is never a copy of itself (indexed once by a cycle that rolled back, fetched again)
    assert ix.query(doc("kandahar-bank-bombing"), exclude="kandahar-bank-bombing") is None


def test_signatures_are_deterministic_and_compact():
    a, b = NearDupIndex(), NearDupIndex()
    sig = a.signature(doc("kandahar-bank-bombing"))
    assert sig == b.signature(doc("kandahar-bank-bombing"))
    assert isinstance(sig, bytes) and len(sig) == 128 * 4
    assert a.signature("  ,;  ") is None and a.add("empty", "...") is None


def test_index_is_rebuilt_from_the_store_after_a_restart(tmp_path):
    path = tmp_path / "state" / "newsbot.db"
    s = IStore(path)
    ix = NearDupIndex()
    with s.transaction():
        for i, seed in enumerate(SEEDS):
            sig = ix.add(seed["id"], doc(seed["id"]), at=T0 + timedelta(minutes=i))
            s.add_signature(seed["id"], sig, at=(T0 + timedelta(minutes=i)).isoformat())
    s.close()

    s = IStore(path)
    fresh = NearDupIndex()
    assert fresh.load(s.signatures_since((T0 - timedelta(days=7)).isoformat())) == len(SEEDS)
    copy = Item("reuters-1", "reuters", "https://reuters.example/moscow", "Moscow attack latest",
                syndicated("moscow-russia-mourns"), T0 + timedelta(hours=2), "Reuters")
    hit = fresh.query_detail(f"{copy.title}\n{copy.text}")
    assert hit and hit.key == "moscow-russia-mourns"
    with s.transaction():
        s.record_duplicate(copy, of=hit.key, at=(T0 + timedelta(hours=2)).isoformat(), similarity=hit.similarity)
    row = s.db.execute("SELECT duplicate_of FROM incident_items WHERE item_key = 'reuters-1'").fetchone()
    assert row[0] == "moscow-russia-mourns"
    assert s.prune_signatures((T0 + timedelta(minutes=5)).isoformat()) == 5
    s.close()


def test_memory_is_bounded_by_retention_and_size():
    ix = NearDupIndex(retention=timedelta(days=1), max_items=5)
    for i, s in enumerate(SEEDS[:8]):
        ix.add(s["id"], doc(s["id"]), at=T0 + timedelta(hours=6 * i))
    assert len(ix) == 5 and SEEDS[0]["id"] not in ix
    assert ix.prune(T0 + timedelta(hours=6 * 7 + 1)) == 1   # only entries older than a day go
    assert len(ix) == 4 and ix.query(doc(SEEDS[3]["id"])) is None


def test_short_texts_and_bad_settings():
    assert shingles("one two") == {b"one two"}
    assert len(shingles("a b c d e f g")) == 3
    with pytest.raises(ValueError, match="threshold"):
        NearDupIndex(threshold=0)
    ix = NearDupIndex()
    with pytest.raises(ValueError, match="signature has 4 values"):
        ix.add_signature("x", b"\x00" * 16)


def test_importing_the_index_does_not_load_scipy():
    import subprocess
    import sys
    code = ("import sys, bot.incidents.neardup as n; n.NearDupIndex(); "
            "sys.exit(1 if 'scipy.integrate' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_precomputed_lsh_params_are_datasketchs_own():
    from datasketch.lsh import _optimal_param
    from bot.incidents.neardup import _LSH_PARAMS, LSH_WEIGHTS
    for (threshold, num_perm), params in _LSH_PARAMS.items():
        assert _optimal_param(threshold, num_perm, *LSH_WEIGHTS) == params


def test_copies_just_above_the_threshold_are_found():
    import random
    from bot.incidents.neardup import NearDupIndex, shingles
    rnd = random.Random(3)
    vocab = [f"w{i}" for i in range(400)]
    found = tried = 0
    for n in range(40):
        base = [rnd.choice(vocab) for _ in range(160)]
        copy = list(base)
        copy[rnd.randrange(20, 140)] = "edited"          # one edited word: Jaccard ~0.94
        copy[rnd.randrange(20, 140)] = "again"           # a second one: ~0.88
        a, b = " ".join(base), " ".join(copy)
        jac = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
        if jac < 0.85:
            continue
        ix = NearDupIndex()
        ix.add(f"k{n}", a)
        tried += 1
        found += ix.query(b) == f"k{n}"
    assert tried >= 20 and found >= tried - 1


def test_shingles_are_the_joined_words_in_utf8_and_signatures_do_not_change():
    """Shingles: each run of five words joined by a space, as UTF-8 (accented and non-Latin words too);
    a signature stored by an older version stays comparable, so this set must not drift."""
    text = "Ŝtato Ünïcode 北京 attack in Mosūl killed 12 — says Ñandú; the army’s convoy was hit"
    from bot.incidents.neardup import words
    ws = words(text, 300)
    assert shingles(text) == {" ".join(ws[i:i + 5]).encode("utf-8") for i in range(len(ws) - 4)}
    assert shingles(text, words_=tuple(ws)) == shingles(text)
    assert shingles("two words") == {b"two words"} and shingles("") == set()
    # the signature of a fixed text as the previous version stored it (crc32 shingle hashes, affine32)
    assert hashlib.sha256(NearDupIndex().signature(text)).hexdigest() == (
        "f7ccfb67f59a758f0b0cbbb170c09185c8f429099d084627643881309b129759")


def test_signatures_equal_datasketchs_own_minhash_of_the_shingle_set():
    """The index hashes the shingles itself (numpy, no set): every signature is the one datasketch's
    MinHash.update_batch gives for the shingle set, repeats, short and non-ASCII texts included."""
    import random
    import zlib
    from datasketch import LeanMinHash, MinHash
    from bot.incidents.neardup import NUM_PERM, SCHEME, SEED
    rnd = random.Random(5)
    vocab = ["attack", "Mosūl", "北京", "killed", "12", "Ñandú", "army’s", "the", "convoy"]
    texts = [doc(s["id"]) for s in SEEDS[:12]] + ["one", "two words", "a b c d e", "a b c d e f",
                                                   " ".join(["same word"] * 40)]
    texts += [" ".join(rnd.choice(vocab) for _ in range(rnd.randint(1, 400))) for _ in range(30)]
    ix = NearDupIndex()
    for text in texts:
        ref = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)
        ref.update_batch(list(shingles(text)))
        assert ix.signature(text) == LeanMinHash(ref).hashvalues.astype("<u4").tobytes(), text[:40]


def test_banding_gives_the_candidates_of_datasketchs_lsh_through_inserts_and_removals():
    """The index's own LSH banding finds exactly the keys datasketch's MinHashLSH (same bands and
    rows) finds, with buckets shared by several keys and keys removed again."""
    import random
    from datasketch import MinHashLSH
    from bot.incidents.neardup import _LSH_PARAMS, LSH_WEIGHTS
    rnd = random.Random(11)
    vocab = [f"w{i}" for i in range(30)]
    base = [" ".join(rnd.choice(vocab) for _ in range(60)) for _ in range(6)]
    texts = {f"k{n}": (base[n % 6] + " " + " ".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 12))))
             for n in range(80)}
    ix = NearDupIndex()
    ref = MinHashLSH(threshold=0.8, num_perm=128, weights=LSH_WEIGHTS, params=_LSH_PARAMS[(0.8, 128)])
    for k, t in texts.items():
        ix.add(k, t)
        ref.insert(k, ix.minhash(t))
    for k in list(texts)[::3]:
        ix.remove(k)
        ref.remove(k)
    shared = 0
    for t in [*texts.values(), *base]:
        got = ix._lsh.query(ix.minhash(t).hashvalues)
        assert got == set(ref.query(ix.minhash(t)))
        shared += len(got) > 1
    assert shared > 10      # buckets held several keys


def test_the_joined_opening_words_give_the_signature_of_the_words():
    """The cycle hands the index the opening words as the content hash joined them (one string): the
    signature is the one of the words themselves, at any length (issue 14)."""
    from bot.feeds.dedupe import hash_new_items
    from bot.fold import prepare
    from bot.incidents.neardup import MAX_WORDS, NearDupIndex as Index
    from bot.models import Item

    base = ("Gunmen killed 12 villagers in Beni, North Kivu, on Sunday; the army said ADF fighters "
            "attacked at dawn. Straße, café: Ünïcode words too. ")
    for text in ("", "one", "one two three four", "one two three four five", base, base * 40):
        ix = Index()
        p = prepare("Title", text)
        (h, opening), = hash_new_items([Item("k", "f", None, "Title", text, None, "F")], set(), MAX_WORDS)
        by_words = ix.minhash(p.doc, p.tokens)
        ix._last = None
        by_opening = ix.minhash(p.doc, opening)
        assert (by_words is None) == (by_opening is None)
        if by_words is not None:
            assert list(by_words.hashvalues) == list(by_opening.hashvalues)
    ix = Index()
    assert ix.minhash("", "") is None
    many = " ".join(f"w{i}" for i in range(MAX_WORDS + 50))
    assert list(ix.minhash("a", many).hashvalues) == list(Index().minhash("b", many.split(" ")).hashvalues)
