"""Kind of article from title and lead cues."""
from __future__ import annotations

import pytest

from bot.extraction import extract


@pytest.mark.parametrize("title, text, kind", [
    ("Gunmen kill 12 in attack on village", "Gunmen attacked the village at night.", "attack"),
    ("Turkey arrests ISIL suspects as detention drive continues", "Police detained 29 suspects.", "arrest"),
    ("US and Iraq agree to start talks on coalition", "The two governments agreed to begin negotiations.", "diplomacy"),
    ("Moscow concert hall attack: why is ISIL targeting Russia?", "More than 133 people have been killed.", "attack"),
    ("Football club wins the cup", "The team celebrated in the streets.", "other"),
])
def test_kind(title, text, kind):
    assert extract(title, text).kind == kind


def test_kind_evidence_is_reported():
    f = extract("Turkey arrests ISIL suspects", "")
    assert "arrests" in f.evidence
