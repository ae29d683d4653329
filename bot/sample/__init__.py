"""The bundled sample: the eleven seed articles as a feed (``seeds.xml``) and a corpus (``seeds.jsonl``)."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
FEED = HERE / "seeds.xml"
CORPUS = HERE / "seeds.jsonl"
