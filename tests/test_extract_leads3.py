"""Attack leads of the third held-out batch's patterns (issue 12): each case here is written anew,
not taken from the held-out sets."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def test_a_figure_led_away_is_no_toll_of_the_next_verb():
    f = extract("", "Gunmen kidnapped 21 worshippers from a church in Kogi state on Sunday and shot dead "
                    "the pastor, police said.", PUB)
    assert f.killed == 1
    f = extract("", "Gunmen kidnapped 21 worshippers and gunned down the pastor, police said.", PUB)
    assert f.killed == 1
    assert extract("", "Gunmen shot dead 5 soldiers at a checkpoint on Monday.", PUB).killed == 5
