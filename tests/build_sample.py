"""Build the bundled sample (bot/sample/) from the seed articles in ../shared/seeds.

    python tests/build_sample.py [SEEDS_DIR]

Writes ``bot/sample/seeds.xml`` (an RSS 2.0 feed with full text in content:encoded,
items in publication order) and ``bot/sample/seeds.jsonl`` (the corpus form:
``{"id","title","text","published"}``). Dates come from labels.yaml. The seed
texts are split as labels.yaml describes: ten articles ending with "Original
Source" in the first file, one blog post in the second. ``test_sample.py``
checks that the committed sample is what this script builds.
"""
from __future__ import annotations

import html
import json
import re
import sys
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bot" / "sample"
SECTION = re.compile(r"\s+\|\s+(?P<section>[^|]+?)\s+News\s*$")


def split_articles(path: Path) -> list[tuple[str, str, str | None]]:
    """(title, body, section) per article in a seed file."""
    raw = path.read_text(encoding="utf-8")
    chunks = re.split(r"^Original Source\s*$", raw, flags=re.M) if "Original Source" in raw else [raw]
    out = []
    for chunk in chunks:
        lines = chunk.strip("\n").splitlines()
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines or lines[0].strip() == "Exit mobile version":
            continue
        head = lines[0].strip()
        m = SECTION.search(head)
        title = SECTION.sub("", head).strip() if m else head
        body = "\n".join(lines[1:]).strip("\n")
        out.append((title, body, m.group("section") if m else None))
    return out


def build(seeds: Path) -> tuple[str, str]:
    labels = yaml.safe_load((seeds / "labels.yaml").read_text(encoding="utf-8"))
    per_file: dict[str, list] = {}
    rows = []
    for art in labels["seed_articles"]:
        arts = per_file.setdefault(art["file"], split_articles(seeds / art["file"]))
        title, body, section = arts[art["n"]]
        published = datetime.fromisoformat(str(art["published"])).replace(hour=12, tzinfo=timezone.utc)
        rows.append((published, art["id"], title, body, section))
    rows.sort(key=lambda r: (r[0], r[1]))
    items, lines = [], []
    for published, sid, title, body, section in rows:
        paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        content = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        link = f"https://example.org/newsbot-sample/{sid}" + ("?CMP=share_btn_url" if section is None else "")
        cat = f"<category>{html.escape(section)}</category>" if section else ""
        items.append(
            "<item>"
            f"<title>{html.escape(title)}</title>"
            f"<link>{html.escape(link)}</link>"
            f'<guid isPermaLink="false">newsbot-sample:{sid}</guid>'
            f"<pubDate>{format_datetime(published)}</pubDate>{cat}"
            f"<description>{html.escape(paras[0] if paras else '')}</description>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>"
            "</item>"
        )
        lines.append(json.dumps({"id": sid, "title": title, "text": body,
                                 "published": published.isoformat()}, ensure_ascii=False))
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>newsbot sample: seed articles</title>"
        "<link>https://example.org/newsbot-sample/</link>"
        "<description>Eleven seed articles bundled for newsbot demo</description>\n"
        + "\n".join(items) + "\n</channel></rss>\n"
    )
    return feed, "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "seeds"
    feed, corpus = build(seeds)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "seeds.xml").write_text(feed, encoding="utf-8")
    (OUT / "seeds.jsonl").write_text(corpus, encoding="utf-8")
    print(f"wrote {OUT/'seeds.xml'} and {OUT/'seeds.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
