"""The seed labels (tests/fixtures/seed_labels.yaml, a copy of ../shared/seeds/labels.yaml)."""
from pathlib import Path

import yaml

LABELS = yaml.safe_load((Path(__file__).parent / "fixtures" / "seed_labels.yaml").read_text(encoding="utf-8"))
ARTICLES = {a["id"]: a for a in LABELS["seed_articles"]}
# The five shipped rules, in the order of labels.yaml expected_alerts.
RULE_IDS = ["isil-10-killed", "isil-africa", "afghanistan-attacks", "russia-attacks", "isil-arrests"]
EXPECTED_INCIDENTS = dict(zip(RULE_IDS, LABELS["expected_alerts"].values()))


def expected_articles(rule_id: str) -> set[str]:
    """Seed ids whose incident the rule should alert on (one alert per article, before incidents)."""
    incidents = set(EXPECTED_INCIDENTS[rule_id])
    return {a["id"] for a in LABELS["seed_articles"] if a["incident"] in incidents}
